"""The `summit` command line: thin wrappers over `expert.api`. Only this package imports click.

Each command's module is imported when that command runs (`commands.py` lists them), so
`summit --help` and `summit COMMAND --help` import no more than they show.
"""

from .base import main

__all__ = ["main"]
