"""`summit validate` and `summit schema`: check fact files, print their JSON Schema."""

from __future__ import annotations

import json
import sys

import click

from .. import api
from .base import format_option, main


@main.command()
@click.argument("fact_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option("text", "json")
def validate(fact_files: tuple[str, ...], fmt: str) -> None:
    """Check FACT_FILES against the fact model and report every error in every file.

    Exits 0 when all are valid and 2 otherwise.

    \b
    Examples:
      summit validate facts/*.yaml
      summit validate my-scenario.json --format json
    """
    report = api.validate_files(list(fact_files))
    if fmt == "json":
        data = [
            {"path": path, "valid": not errors, "errors": [e.as_dict() for e in errors]}
            for path, errors in report.items()
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for path, errors in report.items():
            if errors:
                for error in errors:
                    click.echo(f"Error: {error}", err=True)
            else:
                click.echo(f"{path}: valid")
    if any(report.values()):
        sys.exit(2)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a fact file, for editors that validate as you type.

    \b
    Example:
      summit schema > fact-file.schema.json
    """
    click.echo(json.dumps(api.fact_schema(), indent=2, ensure_ascii=False))
