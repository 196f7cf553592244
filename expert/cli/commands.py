"""Every command of `summit`: the module that defines it and its short help, as data.

`summit` imports a command's module only when that command runs, so `summit --help`
lists the commands from this table without importing any of them, and a command's
start-up pays for its own imports only. A test checks that each short help here is the
one its command gives, so the two cannot drift apart.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "assess": (
        "assess",
        "Evaluate FACT_FILE (default: the built-in default scenario; - reads standard input).",
    ),
    "backtest": (
        "backtest",
        "Evaluate every fact file in PATHS (files, folders searched recursively, globs) that "
        "has a `scenario.record` of what happened, and score each verdict against it: its CF "
        "read as a probability p = (CF + 1) / 2, the hits of its sign, the Brier and log "
        "scores, AUC and a calibration table, beside two baselines (the files' base rate, "
        "and p = 0.5).",
    ),
    "batch": (
        "batch",
        "Evaluate every fact file in PATHS: files, folders (searched recursively for .yaml, "
        ".yml and .json) or globs; one row per file, sorted by path.",
    ),
    "check": ("check", "Verify the knowledge base without running it."),
    "consult": (
        "consult",
        "Answer questions one at a time, toward a goal; it updates after each answer.",
    ),
    "explain": (
        "explain",
        "Explain the evaluation of FACT_FILE (default: the built-in default scenario).",
    ),
    "rules": (
        "rules",
        "List every rule of the knowledge base with the source paragraphs it encodes and "
        "what it concludes; with RULE_ID, show that rule in full.",
    ),
    "schema": ("validate", "Print the fact file's JSON Schema, or its reference in Markdown."),
    "sensitivity": (
        "batch",
        "Try every other value of every fact the rules read in FACT_FILE (default: the "
        "built-in scenario), `unknown` included, one at a time, and rank the changes that "
        "move the verdict's CF most: what would it take to change it?",
    ),
    "validate": (
        "validate",
        "Check FACT_FILES (- reads standard input) against the fact model; report every error.",
    ),
    "what-if": (
        "batch",
        "Evaluate FACT_FILE (default: the built-in scenario) with some facts changed, and "
        "show side by side what moved: the verdict, then every conclusion, before, after and "
        "the difference.",
    ),
}
"""Command name → (module of `expert.cli` that defines it, its short help)."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; each module registers its own."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"{__package__}.{COMMANDS[cmd_name][0]}")
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands' short help from the table, for those not imported yet."""
        rows = [(name, self._listed(name)) for name in self.list_commands(ctx)]
        shown = [(name, command) for name, command in rows if not command.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            with formatter.section("Commands"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in shown])

    def _listed(self, name: str) -> click.Command:
        # A stand-in carrying the table's help shortens it exactly as the command would.
        return self.commands.get(name) or click.Command(name, help=COMMANDS[name][1])


def every_command(group: click.Group, ctx: Any = None) -> dict[str, click.Command]:
    """Every command of the group, each module imported: for the reference and the tests."""
    ctx = ctx or click.Context(group, info_name="summit")
    return {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
