"""`summit batch`, `summit what-if` and `summit sensitivity`: many files, and variants of one."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from ..choices import DIRECTIONS, TOP
from .base import emit, fact_file_argument, format_option, main, render, rules_option
from .complete import complete_setting


@main.command(
    epilog="Exit codes: 0 all evaluated, 1 some file failed, 2 bad usage, 130 Ctrl-C, 143 SIGTERM."
)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, at most one per file (default: one per core).",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=TOP,
    show_default=True,
    help="Conclusions shown per category.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the rows to this file (atomically) instead of stdout.",
)
@format_option("table", "csv", "jsonl", "json", default="table")
@rules_option
def batch(paths, jobs, top, output, fmt, rules) -> None:
    """Evaluate every fact file in PATHS: files, folders (searched recursively for
    .yaml, .yml and .json) or globs; one row per file, sorted by path.

    Each row holds the file, the scenario, the verdict's CF and band, the strongest
    conclusions of each category, the knowledge base's and the input's hashes, and
    the error (the message `summit validate` gives) when the file is not valid. A
    bad file does not stop the batch; the first Ctrl-C (or SIGTERM) stops it and
    writes the rows finished so far. Folders are searched through links, never
    twice; what is skipped gets a warning, and a FIFO or a broken link an error row.

    \b
    Examples:
      summit batch facts/
      summit batch 'facts/**/*.yaml' --jobs 2 --format csv --output results.csv
    """
    from .. import api
    from ..batch import check_output, expand_paths, failures_text, rows_text, write_atomic

    if output:
        check_output(output)  # before the run, so no work is lost
    files = [str(path) for path in expand_paths(paths, warn=_warn)] or list(paths)
    with _progress(len(files)) as on_row:
        report = api.batch(files, rules=rules, jobs=jobs, top=top, on_row=on_row)
    text = render(report.records() if fmt == "table" else report.rows, fmt, rows_text)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    click.echo(failures_text(report.records(failed=True)), err=True, nl=False)
    click.echo(report.summary(), err=True)
    sys.exit(report.exit_code)


def _warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


@contextmanager
def _progress(total: int):
    """A progress bar on stderr (files done, rate, time left), only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda row: None
        return
    from ..render.progress import Progress

    progress = Progress(total)
    bar = click.progressbar(
        length=total,
        label="Evaluating",
        file=sys.stderr,
        item_show_func=lambda _row: progress.text(),
        show_pos=True,
        show_eta=False,  # click's own estimate counts the workers' start-up in every step
    )

    def advance(row) -> None:
        progress.tick()
        bar.update(1, row)

    with bar:
        yield advance


@main.command("what-if")
@fact_file_argument
@click.option(
    "--set",
    "settings",
    multiple=True,
    required=True,
    metavar="FIELD=VALUE",
    shell_complete=complete_setting,
    help="Set a field (dotted path); `VALUE 0.6` or `probably VALUE` holds it with a "
    "certainty; `unknown` clears it. Repeatable.",
)
@format_option("text", "json")
@rules_option
def what_if(fact_file, settings, fmt, rules) -> None:
    """Evaluate FACT_FILE (default: the built-in scenario) with some facts changed,
    and show side by side what moved: the verdict, then every conclusion, before,
    after and the difference.

    \b
    Examples:
      summit what-if --set GROUP.FIELD=VALUE
      summit what-if facts/default.yaml --set GROUP.FIELD=unknown --format json
    """
    from .. import api
    from ..whatif import what_if_text

    emit(api.what_if(fact_file, settings, rules), fmt, what_if_text)


@main.command()
@fact_file_argument
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many changes to show.",
)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS),
    default="any",
    show_default=True,
    help="Only the changes that raise (up) or lower (down) the verdict's CF.",
)
@format_option("text", "json")
@rules_option
def sensitivity(fact_file, top, direction, fmt, rules) -> None:
    """Try every other value of every fact the rules read in FACT_FILE (default:
    the built-in scenario), `unknown` included, one at a time, and rank the
    changes that move the verdict's CF most: what would it take to change it?

    \b
    Examples:
      summit sensitivity
      summit sensitivity --direction up      what would it take to raise it?
      summit sensitivity facts/default.yaml --top 5 --format json
    """
    from .. import api
    from ..whatif import sensitivity_text

    emit(api.sensitivity(fact_file, rules, top, direction), fmt, sensitivity_text)
