"""The command-line reference (docs/cli.md), generated from every command's --help."""

from __future__ import annotations

import click

HEADER = """# Command-line reference

Generated from `summit --help` and each command's `--help`; a test keeps this file in
sync (`SUMMIT_UPDATE_GOLDENS=1 uv run pytest tests/test_docs.py` rewrites it).
"""


def cli_reference(group: click.Group) -> str:
    """Markdown holding the help text of `group` and each of its commands."""
    root = click.Context(group, info_name="summit", terminal_width=88, max_content_width=88)
    parts = [HEADER, "## summit\n", _block(group.get_help(root))]
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        ctx = click.Context(command, info_name=name, parent=root, terminal_width=88)
        parts += [f"## summit {name}\n", _block(command.get_help(ctx))]
    return "\n".join(parts)


def _block(text: str) -> str:
    return f"```text\n{text}\n```\n"
