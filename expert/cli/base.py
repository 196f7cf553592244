"""The command group and what every command shares: errors, formats and output."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from ..errors import ErrorGroup, ExpertError

EXIT_CODES = """\b
Exit codes:
  0  success
  1  the command ran and found problems (failed files, errors in a check)
  2  bad input or usage: a file that cannot be read or validated, an unknown name
  130  interrupted (Ctrl-C)"""


class SummitGroup(click.Group):
    """A group that turns library errors into one-line messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ErrorGroup as group:
            for error in group.errors:
                click.echo(f"Error: {error}", err=True)
            sys.exit(group.exit_code)
        except ExpertError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(error.exit_code)
        except click.UsageError as error:
            usage_error(error)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """The group's own options fail like a command's: one line."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            usage_error(error)


def usage_error(error: click.UsageError) -> NoReturn:
    """Print a usage error on one line, like every other error, and exit 2."""
    where = error.ctx.command_path if error.ctx else "summit"
    click.echo(f"Error: {error.format_message()} Try '{where} --help'.", err=True)
    sys.exit(error.exit_code)


@click.group(cls=SummitGroup, epilog=EXIT_CODES)
@click.version_option(package_name="summit-expert")
def main() -> None:
    """summit-expert: will Trump and Putin meet? A rule-based expert system.

    Facts about a situation go in a fact file (YAML or JSON); rules drawn from
    the article "Trump And Putin: Will They Meet?" reason over them with
    certainty factors, and every conclusion can be explained. Text is coloured
    only on a terminal; set NO_COLOR to turn colour off there too.

    \b
    Start with:
      summit assess                              the article's own situation
      summit assess facts/second-term-thaw.yaml  another scenario
      summit explain --help                      why it concluded what it did
    """


def format_option(*choices: str, default: str = "text") -> Callable:
    """Add `--format` with the given choices to a command."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def fact_file_argument(func: Callable) -> Callable:
    """Add the optional FACT_FILE argument; the library says what is wrong with the path."""
    return click.argument("fact_file", required=False, type=click.Path())(func)


def rules_option(func: Callable) -> Callable:
    """Add `--rules DIR`, repeatable: another knowledge base, or packs layered over it."""
    return click.option(
        "--rules",
        type=click.Path(exists=True, file_okay=False),
        multiple=True,
        envvar="SUMMIT_RULES",
        help="Folder of the knowledge base (default: the built-in rules/); repeat it to "
        "layer packs over it. A pack alone is layered over the built-in rules. "
        "Also SUMMIT_RULES: folders separated as in PATH.",
    )(func)


def emit(data: Any, fmt: str, text: Callable[[Any], str] | None = None) -> None:
    """Print data in the chosen format; `text` renders the text format."""
    click.echo(render(data, fmt, text), nl=False)


def render(data: Any, fmt: str, text: Callable[[Any], str] | None = None) -> str:
    """Data as text in one format: json, jsonl, csv or the command's own text."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data)
    if fmt == "csv":
        return rows_to_csv(data)
    if text is None:
        raise ValueError(f"no renderer for format {fmt!r}")
    return text(data)


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV, with lists joined by semicolons."""
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        )
    return out.getvalue()


def style(text: str, **styles: Any) -> str:
    """Colour for terminals; click drops it when the output is not a TTY, and NO_COLOR turns it off."""
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return text
    return click.style(text, **styles)
