"""`summit rules`: list the knowledge base, show one rule, list the conclusions."""

from __future__ import annotations

import click

from .base import echo_text, emit, format_option, main, rules_option
from .complete import complete_rule


@main.command()
@click.argument("rule_id", required=False, shell_complete=complete_rule)
@click.option("--conclusions", is_flag=True, help="List the conclusions' names instead.")
@format_option("text", "json", "markdown")
@rules_option
def rules(rule_id: str | None, conclusions: bool, fmt: str, rules: str | None) -> None:
    """List every rule of the knowledge base with the source paragraphs it encodes
    and what it concludes; with RULE_ID, show that rule in full.

    `--conclusions` lists every conclusion a rule may draw, by category (the names
    that `summit explain --why-not` and `--conclusion` take). `--format json` gives
    the same as data; `--format markdown` prints the knowledge-base document,
    organised by source paragraph (docs/knowledge-base.md is exactly this output).

    \b
    Examples:
      summit rules
      summit rules RULE_ID
      summit rules --conclusions
      summit rules --format markdown > docs/knowledge-base.md
    """
    from .. import api

    if conclusions:
        document = api.conclusions_document(rules, "json" if fmt == "json" else "text")
    elif rule_id:
        document = api.rule_document(rule_id, rules, fmt)
    else:
        document = api.rules_document(rules, fmt)
    if fmt == "json":
        emit(document, fmt)
    else:
        (echo_text if fmt == "text" else lambda text: click.echo(text, nl=False))(document)
