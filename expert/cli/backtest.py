"""`summit backtest`: score the verdicts of fact files against what happened."""

from __future__ import annotations

import shutil
import sys
from functools import partial

import click

from .base import emit, format_option, main, rules_option


@main.command(
    epilog="Exit codes: 0 scored, 1 a file failed or a guard was missed, 2 bad usage or no "
    "record, 130 Ctrl-C."
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--min-accuracy",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Exit 1 when the sign accuracy is below this share (0 to 1).",
)
@click.option(
    "--beat-baselines",
    is_flag=True,
    help="Exit 1 unless the Brier score is below both baselines'.",
)
@format_option("text", "json", "markdown")
@rules_option
def backtest(paths, min_accuracy, beat_baselines, fmt, rules) -> None:
    """Evaluate every fact file in PATHS (files, folders searched recursively,
    globs) that has a `scenario.record` of what happened, and score each
    verdict against it: its CF read as a probability p = (CF + 1) / 2, the
    hits of its sign, the Brier and log scores, AUC and a calibration table,
    beside two baselines (the files' base rate, and p = 0.5). Files without a
    record are skipped and counted. docs/backtest.md explains the scores.

    \b
    Examples:
      summit backtest facts/record --format markdown
      summit backtest facts/ --min-accuracy 0.8 --beat-baselines
    """
    from .. import api
    from ..backtest import exit_code, shortfalls
    from ..backtest_render import backtest_markdown, backtest_text

    result = api.backtest(paths, rules)
    width = shutil.get_terminal_size().columns  # COLUMNS, else the terminal's, else 80
    text = backtest_markdown if fmt == "markdown" else partial(backtest_text, width=width)
    emit(result, fmt, text)
    missed = shortfalls(result, min_accuracy=min_accuracy, beat_baselines=beat_baselines)
    for reason in missed:
        click.echo(f"Error: {reason}", err=True)
    sys.exit(exit_code(result, missed))
