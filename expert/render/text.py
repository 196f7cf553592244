"""Text at the terminal's width: lines broken between words, tables whose cells wrap.

The width is `COLUMNS` when it is set, the terminal's when there is one, else 80. A word
longer than the width (a URL, a long identifier) is never broken: it stays whole on a line
of its own; one that fits the width but not the column it would continue under moves
left just enough.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence

DEFAULT_WIDTH = 80
MIN_WIDTH = 40
"""Narrower than this, wrapping would make text harder to read, not easier."""

ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLUMN_GAP = re.compile(r"\S( {2,})(?=\S)")
LABEL = re.compile(r"\S(: )(?=\S)")


def terminal_width() -> int:
    """The width to write at: COLUMNS, else the terminal's, else 80; never below 40."""
    columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(MIN_WIDTH, columns or DEFAULT_WIDTH)


def visible_len(text: str) -> int:
    """Columns a line takes on screen: colour codes take none."""
    return len(ANSI.sub("", text))


def fit(text: str, width: int | None = None) -> str:
    """Every line of `text` wrapped to `width` (default: the terminal's)."""
    width = width or terminal_width()
    lines = [part for line in text.split("\n") for part in wrap(line, width)]
    return "\n".join(lines)


def wrap(line: str, width: int | None = None, hang: int | None = None) -> list[str]:
    """One line as lines of at most `width` columns, broken only between words.

    Continuation lines start `hang` columns in; by default under the line's last column
    (after its last run of two or more spaces) or after its first `label: `, when that is
    in the left half, else four columns past the line's indent.
    """
    width = width or terminal_width()
    if visible_len(line) <= width:
        return [line]
    indent = len(line) - len(line.lstrip(" "))
    if visible_len(line[indent:].split(" ")[0]) > width - indent:
        return [line]  # it cannot fit: breaking it would only part a name from what follows
    hang = _hang(line, width, indent) if hang is None else hang
    return _break(line, width, " " * hang)


def _hang(line: str, width: int, indent: int) -> int:
    plain = ANSI.sub("", line)
    for pattern, pick in ((COLUMN_GAP, -1), (LABEL, 0)):
        found = [m.end(1) for m in pattern.finditer(plain, indent)]
        if found and found[pick] <= width // 2:
            return found[pick]
    return indent + 4


def _break(line: str, width: int, prefix: str) -> list[str]:
    """Greedy word wrap that keeps runs of spaces inside a line (they align columns)."""
    body = line.lstrip(" ")
    words = body.split(" ")
    lines, current = [], line[: len(line) - len(body)] + words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if word and visible_len(candidate) > width and current.strip():
            lines.append(current.rstrip())
            current = _under(prefix, word, width)
        elif word or not current.isspace():
            current = candidate
    return [*lines, current.rstrip()]


def table(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] | None = None,
    *,
    width: int | None = None,
    right: Sequence[int] = (),
    indent: int = 0,
) -> list[str]:
    """Rows as aligned columns two spaces apart, at most `width` wide.

    When they do not fit, the widest columns narrow and their cells wrap within them; when
    even that cannot fit without breaking words, each row becomes a record: its first cell,
    then each other cell under it as `header: value`. `right` lists the columns aligned to
    the right (numbers); every line starts `indent` spaces in.
    """
    width = (width or terminal_width()) - indent
    grid = [list(header)] if header else []
    grid += [list(row) for row in rows]
    if not grid:
        return []
    widths = _column_widths(grid, width)
    if header and sum(widths) + 2 * (len(widths) - 1) > width:
        lines = records(rows, header, width)
    else:
        lines = [line for row in grid for line in _row_lines(row, widths, set(right))]
    return [" " * indent + line if line else line for line in lines]


def records(rows: Sequence[Sequence[str]], header: Sequence[str], width: int) -> list[str]:
    """Each row as its first cell, then `header: value` lines indented under it."""
    lines: list[str] = []
    for row in rows:
        lines.append(row[0])
        for name, cell in zip(header[1:], row[1:], strict=True):
            lines += wrap(f"  {name}: {cell}", width)
    return lines


def _column_widths(grid: list[list[str]], width: int) -> list[int]:
    """Each column's natural width, the widest narrowed first until the table fits."""
    count = len(grid[0])
    widths = [max(visible_len(row[i]) for row in grid) for i in range(count)]
    floors = [max(len(w) for row in grid for w in row[i].split(" ")) for i in range(count)]
    room = width - 2 * (count - 1)
    while sum(widths) > room:
        narrowable = [i for i in range(count) if widths[i] > floors[i]]
        if not narrowable:
            break  # words too long to fit: the caller shows records instead
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _under(prefix: str, word: str, width: int) -> str:
    """A word starting a continuation line: under the prefix, or left just enough to fit."""
    room = width - visible_len(word)
    return prefix + word if len(prefix) <= room or room < 0 else " " * room + word


def _row_lines(row: list[str], widths: list[int], right: set[int]) -> list[str]:
    """One row as one line or more: each cell wrapped within its column."""
    cells = [_break(cell, w, "") if cell else [""] for cell, w in zip(row, widths, strict=True)]
    height = max(len(cell) for cell in cells)
    lines = []
    for k in range(height):
        parts = []
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            text = cell[k] if k < len(cell) else ""
            pad = " " * max(0, w - visible_len(text))
            parts.append(pad + text if i in right else text + pad)
        lines.append("  ".join(parts).rstrip())
    return lines
