"""`summit explain`: HOW each conclusion was reached, WHY-NOT another, the firing trace, or
why one rule fired or not."""

from __future__ import annotations

import click

from ..choices import EXPLAIN_FORMATS
from .base import emit, fact_file_argument, format_option, main, rules_option, style
from .complete import complete_conclusion, complete_rule


@main.command()
@fact_file_argument
@click.option(
    "--conclusion",
    metavar="NAME",
    shell_complete=complete_conclusion,
    help="Only the HOW tree of this conclusion.",
)
@click.option(
    "--why-not",
    metavar="NAME",
    shell_complete=complete_conclusion,
    help="Why this conclusion was not reached, or is weak (names: summit rules --conclusions).",
)
@click.option("--trace", is_flag=True, help="Every rule firing in order, with what it matched.")
@click.option(
    "--rule",
    metavar="RULE_ID",
    shell_complete=complete_rule,
    help="Why this rule fired, or why it did not.",
)
@format_option(*EXPLAIN_FORMATS)
@rules_option
def explain(
    fact_file: str | None,
    conclusion: str | None,
    why_not: str | None,
    trace: bool,
    rule: str | None,
    fmt: str,
    rules: str | None,
) -> None:
    """Explain the evaluation of FACT_FILE (default: the built-in default scenario).

    By default: the verdict, then HOW each reported conclusion was reached, as a
    tree: the rules for and against it, their certainty and how it combined, the
    facts they matched and the conclusions they built on, down to the input facts.
    --why-not shows the rules that could have concluded something, which of their
    conditions failed, and the smallest change of facts that would reach it.
    --rule shows why one rule fired (each firing and what it lent) or did not
    (each condition, the facts it found, and the rules that could have drawn a
    missing conclusion).
    --format dot and mermaid draw the HOW inference graph. The JSON schema is in
    docs/explain.md.

    \b
    Examples:
      summit explain
      summit explain --why-not NAME         names: summit rules --conclusions
      summit explain --rule RULE_ID         ids: summit rules
      summit explain facts/default.yaml --trace --format json
      summit explain --format dot | dot -Tsvg > how.svg
    """
    from .. import api
    from ..render.explain import render

    data = api.explain(
        fact_file, rules, conclusion=conclusion, why_not=why_not, trace=trace, rule=rule
    )
    emit(data, fmt, lambda d: render(d, fmt, style))  # text is wrapped, the other formats not
