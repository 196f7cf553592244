"""`summit check`: verify the knowledge base without running it."""

from __future__ import annotations

import sys

import click

from ..checklist import WARNING_CODES
from .base import echo_text, emit, format_option, main, rules_option, style


@main.command()
@rules_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option(
    "--coverage",
    "show_coverage",
    is_flag=True,
    help="Also list the rules citing each paragraph and reading each field (always in json).",
)
@click.option(
    "--ignore",
    multiple=True,
    type=click.Choice(WARNING_CODES),
    help="Leave out the warnings of this code (repeatable); errors are never left out.",
)
@format_option("text", "json")
def check(rules: str | None, strict: bool, show_coverage: bool, ignore, fmt: str) -> None:
    """Verify the knowledge base without running it.

    Reports unknown names, cycles, rules that can never fire, redundant,
    subsumed and conflicting rules, dead ends, unused fields, fields that
    reach no hypothesis, direction-less factors given a sign without a
    `sources` note, and uncited paragraphs; each finding has a code, its rules and file:line
    (docs/check.md lists the checks). --coverage shows which rules cite each
    source paragraph and read each field.

    Exits 1 when there are errors (or warnings, with --strict), else 0.

    \b
    Examples:
      summit check --strict
      summit check --strict --ignore W208
      summit check --rules rules/ --coverage
      summit check --format json
    """
    from .. import api
    from ..check import report_text

    report = api.check(rules, ignore)
    if fmt == "json":
        emit(report.record(), fmt)
    else:
        echo_text(report_text(report, show_coverage=show_coverage, style=style))
    sys.exit(report.exit_code(strict=strict))
