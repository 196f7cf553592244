"""`python -m expert` runs the `summit` command."""

from .signals import main

main()
