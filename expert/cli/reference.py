"""The command-line reference (docs/cli.md), generated from every command's --help."""

from __future__ import annotations

import click

from .base import HELP_OPTIONS
from .commands import every_command

HEADER = r"""# Command-line reference

Generated from `summit --help` and each command's `--help`; a test keeps this file in
sync (`SUMMIT_UPDATE_GOLDENS=1 uv run pytest tests/test_docs.py` rewrites it).

Every command takes `-h` as well as `--help`; `summit --version` prints the version.

## Shell completion

`summit` completes file arguments, `--format` names, rule ids (`summit rules ID`,
`explain --rule`), conclusion names (`explain --why-not` and `--conclusion`) and, for
`what-if --set`, field names and then their values. Completion reads the knowledge base
given by `--rules` when it comes earlier on the line, else the built-in one. To turn it
on, add one line to your shell's start-up file:

| shell | line | file |
|---|---|---|
| bash (4.4 or later) | `eval "$(_SUMMIT_COMPLETE=bash_source summit)"` | `~/.bashrc` |
| zsh | `eval "$(_SUMMIT_COMPLETE=zsh_source summit)"` | `~/.zshrc` |
| fish | `_SUMMIT_COMPLETE=fish_source summit \| source` | `~/.config/fish/completions/summit.fish` |

Evaluating the script at every start-up runs `summit` once; to save that, write the
script to a file once (`_SUMMIT_COMPLETE=bash_source summit > ~/.summit-complete.bash`)
and source the file instead. In bash, a `field=value` word is completed in two steps,
because bash splits words at `=`.

Names that are not completed can be listed: `summit rules` (rule ids), `summit rules
--conclusions` (conclusion names), `summit schema --format markdown` (fields).
"""


def cli_reference(group: click.Group) -> str:
    """Markdown holding the help text of `group` and each of its commands."""
    root = click.Context(
        group,
        info_name="summit",
        terminal_width=88,
        max_content_width=88,
        help_option_names=HELP_OPTIONS,  # as `summit` itself sets them
    )
    parts = [HEADER, "## summit\n", _block(group.get_help(root))]
    for name, command in every_command(group, root).items():
        if command.hidden:
            continue
        ctx = click.Context(command, info_name=name, parent=root, terminal_width=88)
        parts += [f"## summit {name}\n", _block(command.get_help(ctx))]
    return "\n".join(parts)


def _block(text: str) -> str:
    return f"```text\n{text}\n```\n"
