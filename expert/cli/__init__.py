"""The `summit` command line: thin wrappers over `expert.api`. Only this package imports click."""

from . import assess, check, consult, explain, rules, validate  # noqa: F401 - each registers commands
from .base import main

__all__ = ["main"]
