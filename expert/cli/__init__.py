"""The `summit` command line: thin wrappers over `expert.api`. Only this package imports click."""

from . import (  # noqa: F401 - each module registers its commands
    assess,
    backtest,
    batch,
    check,
    consult,
    explain,
    rules,
    validate,
)
from .base import main

__all__ = ["main"]
