"""`python -m expert` runs the `summit` command."""

from .cli import main

main(prog_name="summit")
