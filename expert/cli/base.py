"""The command group and what every command shares: errors, formats and output."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from .. import progress
from ..errors import ErrorGroup, ExpertError, reported
from ..render import fit
from ..safetext import json_text, printable, terminal_text
from ..signals import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated
from .commands import LazyGroup

TEXT_FORMATS = ("text", "table")
"""Formats written for a reader, wrapped at the terminal's width; the others are data."""

EXIT_CODES = """\b
Exit codes:
  0  success
  1  the command ran and found problems (failed files, errors in a check)
  2  bad input or usage: an unreadable or invalid file, an unknown name
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)"""


class SummitGroup(LazyGroup):
    """A group that turns library errors into one-line messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _progress_on_terminal():
                return super().invoke(ctx)
        except ErrorGroup as group:
            for line in reported(group.errors):
                click.echo(f"Error: {printable(line)}", err=True)
            sys.exit(group.exit_code)
        except ExpertError as error:
            click.echo(f"Error: {printable(str(error))}", err=True)
            sys.exit(error.exit_code)
        except click.UsageError as error:
            usage_error(error)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.echo("Terminated.", err=True)
            sys.exit(EXIT_TERMINATED)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """The group's own options fail like a command's: one line."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            usage_error(error)


class TerminalProgress:
    """Shows a long search's progress on stderr, once it has run for `delay` seconds."""

    def __init__(self, delay: float = 1.0, every: float = 0.1) -> None:
        self.delay, self.every = delay, every
        self.started: dict[str, float] = {}
        self.drawn = 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        now = time.monotonic()
        started = self.started.setdefault(label, now)
        if now - started >= self.delay and now - self.drawn >= self.every:
            click.echo(f"\r\x1b[K{label}: {done:,} of at most {total:,}", err=True, nl=False)
            self.drawn = now

    def close(self) -> None:
        """Clear the line, if anything was drawn."""
        if self.drawn:
            click.echo("\r\x1b[K", err=True, nl=False)


@contextmanager
def _progress_on_terminal() -> Iterator[None]:
    if not sys.stderr.isatty():
        yield
        return
    reporter = TerminalProgress()
    try:
        with progress.reporting(reporter):
            yield
    finally:
        reporter.close()


def usage_error(error: click.UsageError) -> NoReturn:
    """Print a usage error on one line, like every other error, and exit 2."""
    where = error.ctx.command_path if error.ctx else "summit"
    click.echo(f"Error: {error.format_message()} Try '{where} --help'.", err=True)
    sys.exit(error.exit_code)


HELP_OPTIONS = ["-h", "--help"]


@click.group(
    cls=SummitGroup, epilog=EXIT_CODES, context_settings={"help_option_names": HELP_OPTIONS}
)
@click.version_option(package_name="summit-expert")
def main() -> None:
    """summit-expert: a rule-based expert system with certainty factors.

    Facts about a situation go in a fact file (YAML or JSON); the rules of a
    knowledge base, each citing the paragraphs of its source, reason over them
    with certainty factors, and every conclusion can be explained. The built-in
    knowledge base is used unless --rules names others (docs/rules.md). Text is
    coloured only on a terminal; set NO_COLOR to turn colour off there too.

    \b
    Start with:
      summit rules                               what the knowledge base holds
      summit assess                              its default situation
      summit assess facts/second-term-thaw.yaml  another situation
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


def echo(text: str, *, nl: bool = True, err: bool = False) -> None:
    """Print text that may hold data: control characters escaped, colours kept."""
    click.echo(terminal_text(text), nl=nl, err=err)


def emit(data: Any, fmt: str, text: Callable[[Any], str] | None = None) -> None:
    """Print data in the chosen format; `text` renders the text format."""
    click.echo(render(data, fmt, text), nl=False)


def echo_text(text: str) -> None:
    """Print text for a reader: control characters escaped, wrapped at the terminal's width."""
    click.echo(fit(terminal_text(text)), nl=False)


def render(data: Any, fmt: str, text: Callable[[Any], str] | None = None) -> str:
    """Data as text in one format: json, jsonl, csv or the command's own text.

    JSON is exact; CSV and text have their control characters escaped (`safetext`). A
    record (`expert.records`), or a list of them, is written as `Record.dump()` gives it.
    """
    import json  # here, not at the top: `summit --help` needs neither json nor csv

    if fmt in {"json", "jsonl", "csv"}:
        data = plain(data)
    if fmt == "json":
        return json_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    if fmt == "jsonl":
        return json_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data))
    if fmt == "csv":
        return printable(rows_to_csv(data))
    if text is None:
        raise ValueError(f"no renderer for format {fmt!r}")
    return fit(terminal_text(text(data))) if fmt in TEXT_FORMATS else terminal_text(text(data))


def plain(data: Any) -> Any:
    """A record, or a list of them, as JSON-ready data; other data as it is."""
    from ..records import Record  # here: `summit --help` builds no record class

    if isinstance(data, Record):
        return data.dump()
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def rows_to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV, with lists joined by semicolons."""
    if not rows:
        return ""
    import csv

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
