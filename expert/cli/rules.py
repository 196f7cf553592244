"""`summit rules`: list the knowledge base, give it as data, or print its document."""

from __future__ import annotations

import click

from .. import api
from .base import emit, format_option, main, rules_option


@main.command()
@format_option("text", "json", "markdown")
@rules_option
def rules(fmt: str, rules: str | None) -> None:
    """List every rule of the knowledge base with the article paragraphs it encodes.

    `--format json` gives the rules, paragraphs and conclusions as data;
    `--format markdown` prints the knowledge-base document, organised by article
    paragraph (docs/knowledge-base.md is exactly this output).

    \b
    Examples:
      summit rules
      summit rules --format markdown > docs/knowledge-base.md
      summit rules --rules rules/ --format json
    """
    document = api.rules_document(rules, fmt)
    if fmt == "json":
        emit(document, fmt)
    else:
        click.echo(document, nl=False)
