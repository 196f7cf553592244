"""Where a consultation keeps its answers, and how the file is written.

The one place that writes a consultation's fact file: its default place, its header,
atomic rewriting. A resumed file is rewritten only once an answer is added or changed,
and then keeps its own leading comments (its header) and its scenario. Nothing here
names the domain.
"""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path

import yaml

from .facts import FactModel, dump_fact_file
from .paths import readable_name, write_atomic

FOLDER = Path("consultations")
"""Where consultations are saved unless told otherwise, under the current folder."""

HEADER = (
    "# Answers given in a consultation, saved after each one. Continue with: {command} {path}\n"
)


def default_path(now: datetime | None = None, folder: Path = FOLDER) -> Path:
    """`consultations/consultation-YYYYMMDD-HHMMSS.yaml`, taken for this session: the
    file is created empty at once, exclusively, so two sessions started in the same
    second never share it (the second gets `-2`, and so on)."""
    stem = f"consultation-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, MAX_SAME_SECOND + 1):
        path = folder / (f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml")
        try:
            path.open("x").close()
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{MAX_SAME_SECOND} consultations already saved as {folder}/{stem}*")


MAX_SAME_SECOND = 1000
"""The most consultations saved by default in one second (a bound on the search for a name)."""


def moved_header(header: str, old: str | Path, new: str | Path, command: str) -> str:
    """A save file's header for its new place: its resume hint names the new path."""
    return header.replace(header_for(old, command), header_for(new, command))


def header_for(path: str | Path, command: str = "") -> str:
    """The header of a new save file: `command` (the resume command) and the path, pasteable."""
    where = shlex.quote(readable_name(str(path)))
    return HEADER.format(command=command or "--resume", path=where)


def leading_comments(text: str) -> str:
    """The comment lines a file starts with (its header), or ''."""
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    return "".join(lines)


def read_header(path: str | Path) -> str:
    """The header of an existing file, or '' when it has none or cannot be read."""
    try:
        return leading_comments(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def write_fact_file(path: str | Path, facts: FactModel, header: str = "") -> None:
    """Write a fact file atomically under `header` (default: a new save file's)."""
    path = Path(path)
    body = yaml.safe_dump(dump_fact_file(facts), sort_keys=False, allow_unicode=True)
    write_atomic(path, (header or header_for(path)) + body)
