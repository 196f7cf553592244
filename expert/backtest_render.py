"""`summit backtest` as text (wrapped to a width, words never broken) and as Markdown."""

from __future__ import annotations

import textwrap

from .records import Backtest, Bin, FileScore, Scores
from .render.markdown_backend import cell

WIDTH = 80
"""The text's width when the caller gives none."""

SCORES: tuple[tuple[str, str, str, str], ...] = (
    # (attribute, label, format, which way is better)
    ("accuracy", "sign accuracy", ".3f", "higher is better"),
    ("brier", "Brier score", ".3f", "lower is better"),
    ("log_score", "log score", ".3f", "lower is better"),
    ("auc", "AUC", ".3f", "higher is better"),
)
"""The rows of the scores table."""

FORECASTERS = (("model", "model"), ("base_rate", "base rate"), ("even", "p = 0.5"))
"""The columns of the scores table: the knowledge base, then the two baselines."""

_ROW = "{cf:>5}  {p:>4}  {outcome:<15}  {hit:<5}  "
"""The fixed columns of a file row; the file and scenario fill the rest of the line."""


def headline(result: Backtest) -> str:
    """One sentence: how many files were scored, skipped and failed."""
    return (
        f"{_files(result.n)} scored against their records; "
        f"{len(result.skipped)} without a record skipped, {result.failed} failed."
    )


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


def backtest_text(result: Backtest, width: int = WIDTH) -> str:
    """The per-file table, the scores beside the baselines, calibration and skipped files."""
    out = [*_wrap(headline(result), width), ""]
    out += _file_lines(result.files, width)
    if result.scores is not None:
        out += ["", *_scores_lines(result, width), "", *_calibration_lines(result.calibration)]
    if result.skipped:
        out += ["", *_wrap("Skipped, without a record: " + ", ".join(result.skipped), width)]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=max(width, len(indent) + 20),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _file_lines(files: list[FileScore], width: int) -> list[str]:
    head = _ROW.format(cf="CF", p="p", outcome="outcome", hit="hit")
    pad = " " * len(head)
    out = [head + "file / scenario"]
    for row in files:
        cells = _cells(row)
        lines = _wrap(row.file, width, pad) + _wrap(row.scenario or row.error or "", width, pad)
        out.append(_ROW.format(**cells) + lines[0][len(pad) :])
        out += lines[1:]
    return out


def _cells(row: FileScore) -> dict[str, str]:
    if row.error is not None:
        return {"cf": "-", "p": "-", "outcome": "-", "hit": "error"}
    return {
        "cf": f"{row.cf:+.2f}",
        "p": f"{row.p:.2f}",
        "outcome": row.outcome or "-",
        "hit": "hit" if row.hit else "miss",
    }


def _scores_lines(result: Backtest, width: int) -> list[str]:
    assert result.scores is not None
    out = [f"Scores over {_files(result.n)} (base rate {result.base_rate:.3f})"]
    out.append(f"  {'':<14}" + "".join(f"{title:>11}" for _, title in FORECASTERS))
    for attribute, label, spec, better in SCORES:
        values = [getattr(getattr(result.scores, name), attribute) for name, _ in FORECASTERS]
        cells = "".join(f"{_number(v, spec):>11}" for v in values)
        line = f"  {label:<14}{cells}"
        out.append(f"{line}  {better}" if len(line) + len(better) + 2 <= width else line)
    return out


def _number(value: float | None, spec: str) -> str:
    return "undefined" if value is None else format(value, spec)


def _calibration_lines(bins: list[Bin]) -> list[str]:
    out = ["Calibration", f"  {'p':<12}{'files':>6}{'mean p':>9}{'observed':>10}"]
    for b in bins:
        mean_p = "-" if b.mean_p is None else f"{b.mean_p:.2f}"
        observed = "-" if b.observed is None else f"{b.observed:.2f}"
        out.append(f"  {_bin_name(b):<12}{b.count:>6}{mean_p:>9}{observed:>10}")
    return out


def _bin_name(b: Bin) -> str:
    return f"{b.low:.1f} to {b.high:.1f}"


# --- Markdown ---------------------------------------------------------------------


def backtest_markdown(result: Backtest) -> str:
    """The same report as Markdown tables."""
    out = ["# Backtest", "", headline(result), ""]
    out += ["| file | scenario | outcome | CF | p | hit |", "|---|---|---|---:|---:|---|"]
    for row in result.files:
        cells = _cells(row)
        name = cell(row.scenario or "") if row.error is None else f"error: {cell(row.error)}"
        out.append(
            f"| `{row.file}` | {name} | {cells['outcome']} | {cells['cf']} | {cells['p']} "
            f"| {cells['hit']} |"
        )
    if result.scores is not None:
        out += ["", *_scores_markdown(result), "", *_calibration_markdown(result.calibration)]
    if result.skipped:
        out += ["", "## Skipped, without a record", ""]
        out += [f"- `{path}`" for path in result.skipped]
    return "\n".join(out) + "\n"


def _scores_markdown(result: Backtest) -> list[str]:
    assert result.scores is not None
    titles = " | ".join(title for _, title in FORECASTERS)
    out = [f"## Scores over {_files(result.n)} (base rate {result.base_rate:.3f})", ""]
    out += [f"| score | {titles} | |", "|---|---:|---:|---:|---|"]
    for attribute, label, spec, better in SCORES:
        forecasters: list[Scores] = [getattr(result.scores, name) for name, _ in FORECASTERS]
        cells = " | ".join(_number(getattr(s, attribute), spec) for s in forecasters)
        out.append(f"| {label} | {cells} | {better} |")
    return out


def _calibration_markdown(bins: list[Bin]) -> list[str]:
    out = ["## Calibration", "", "| p | files | mean p | observed |", "|---|---:|---:|---:|"]
    for b in bins:
        mean_p = "-" if b.mean_p is None else f"{b.mean_p:.2f}"
        observed = "-" if b.observed is None else f"{b.observed:.2f}"
        out.append(f"| {_bin_name(b)} | {b.count} | {mean_p} | {observed} |")
    return out
