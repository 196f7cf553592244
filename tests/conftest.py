"""The test kit: every test writes at 80 columns and caches in its own folder; one helper
compares goldens.

A golden is a file that holds what the program printed once and a person read; a test
compares the program's output with it. After an intended change,
`SUMMIT_UPDATE_GOLDENS=1 uv run pytest` rewrites every golden, and `git diff` shows what
moved.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UPDATE = "SUMMIT_UPDATE_GOLDENS"


def is_updating() -> bool:
    """Whether this run rewrites the goldens instead of comparing them."""
    return os.environ.get(UPDATE) == "1"


def assert_golden(path: Path, text: str) -> None:
    """`text` is what `path` holds; with SUMMIT_UPDATE_GOLDENS=1 it is written there first."""
    if is_updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    found = path.read_text(encoding="utf-8") if path.exists() else None
    assert found == text, stale(path)


def assert_section(path: Path, name: str, body: str) -> None:
    """The text between `<!-- name:start -->` and `<!-- name:end -->` in `path` is `body`."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.S)
    assert pattern.search(text), f"{path} has no <!-- {name}:start --> … <!-- {name}:end -->"
    if is_updating():
        path.write_text(pattern.sub(lambda m: m[1] + body + m[3], text), encoding="utf-8")
        text = path.read_text(encoding="utf-8")
    assert pattern.search(text)[2] == body, stale(path)


def stale(path: Path) -> str:
    """What to do when a golden differs."""
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return (
        f"{shown} differs from the output. If the change is intended, rewrite it with "
        f"`{UPDATE}=1 uv run pytest` and read `git diff {shown}`."
    )


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch):
    """Text is wrapped at the terminal's width: make it the same everywhere."""
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory):
    """The knowledge-base cache goes to a folder of the test run, not the user's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield
