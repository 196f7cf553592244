"""`summit validate` and `summit schema`: check fact files; print their JSON Schema or reference."""

from __future__ import annotations

import sys

import click

from ..errors import ErrorGroup
from .base import emit, format_option, main, rules_option


@main.command()
@click.argument("fact_files", nargs=-1, required=True, type=click.Path())
@format_option("text", "json")
@rules_option
def validate(fact_files: tuple[str, ...], fmt: str, rules: tuple[str, ...]) -> None:
    """Check FACT_FILES (- reads standard input) against the fact model; report every error.

    Exits 0 when all are valid and 2 otherwise.

    \b
    Examples:
      summit validate facts/*.yaml
      summit validate facts/default.yaml --format json
    """
    from .. import api

    report = api.validate_files(list(fact_files), rules)
    emit(api.validation_data(report), fmt, api.valid_files_text)
    errors = [error for errors in report.values() for error in errors]
    if errors and fmt == "text":
        raise ErrorGroup(errors)  # an `Error: …` line each, and exit 2
    sys.exit(2 if errors else 0)


@main.command()
@format_option("json", "markdown", default="json")
@rules_option
def schema(fmt: str, rules: tuple[str, ...]) -> None:
    """Print the fact file's JSON Schema, or its reference in Markdown.

    The JSON Schema serves editors that validate as you type; the Markdown is
    docs/fact-files.md: every group and field, its values in order, its
    question and the source paragraphs behind it.

    \b
    Examples:
      summit schema > fact-file.schema.json
      summit schema --format markdown > docs/fact-files.md
    """
    from .. import api

    if fmt == "markdown":
        click.echo(api.fact_file_doc(rules), nl=False)
    else:
        emit(api.fact_schema(rules), fmt)
