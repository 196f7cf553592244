"""The defaults and choices that commands' options declare, each defined once, here.

`summit COMMAND --help` shows them, so they live in a module that imports nothing: a
command's help loads no library. The library modules that use them import them from here.
"""

TOP = 3
"""How many conclusions each category column of a batch holds by default."""

DIRECTIONS = ("any", "up", "down")
"""Which moves `sensitivity` reports: all, those that raise the verdict, those that lower it."""

EXPLAIN_FORMATS = ("text", "json", "markdown", "dot", "mermaid")
"""The formats an explanation is written in; dot and mermaid draw the HOW graph."""
