"""The `summit` command line: thin wrappers over `expert.api`. Only this package imports click."""

from . import assess, batch, validate  # noqa: F401 - each module registers its commands
from .base import main

__all__ = ["main"]
