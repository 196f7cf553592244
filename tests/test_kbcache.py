"""The knowledge-base cache: a hit gives the same knowledge base, anything else is a miss."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expert import kbcache
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base
from expert.paths import rules_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kb_folder(tmp_path, monkeypatch):
    """A copy of the built-in knowledge base, with a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SUMMIT_NO_CACHE", raising=False)
    return Path(shutil.copytree(rules_dir(), tmp_path / "kb"))


def entries() -> list[Path]:
    return sorted(kbcache.cache_folder().glob("*.json"))


def no_load(*args, **kwargs):
    raise AssertionError("the knowledge base was loaded from its files")


def test_a_miss_writes_an_entry_and_a_hit_reads_it_back(kb_folder, monkeypatch):
    loaded = kbcache.load((kb_folder,))
    assert len(entries()) == 1
    monkeypatch.setattr(kbcache, "load_knowledge_base", no_load)
    cached = kbcache.load((kb_folder,))
    assert kbcache.to_data(cached) == kbcache.to_data(loaded)
    assert cached.content_hash == loaded.content_hash
    assert cached.strata == loaded.strata


def test_an_edited_rule_file_misses(kb_folder):
    kbcache.load((kb_folder,))
    path = kb_folder / "s1-history.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Edited, ", 1), encoding="utf-8")
    assert not text.startswith("title: Edited")
    edited = kbcache.load((kb_folder,))
    assert edited.files[str(path)].startswith("Edited, ")
    assert len(entries()) == 2


def test_summit_no_cache_writes_nothing(kb_folder, monkeypatch):
    monkeypatch.setenv("SUMMIT_NO_CACHE", "1")
    kbcache.load((kb_folder,))
    assert entries() == []


def test_a_broken_knowledge_base_reports_the_same_errors_and_is_not_cached(kb_folder):
    path = kb_folder / "s1-history.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{field: ", "{field: x", 1))
    with pytest.raises(ErrorGroup) as cached:
        kbcache.load((kb_folder,))
    with pytest.raises(ErrorGroup) as plain:
        load_knowledge_base((kb_folder,))
    assert [str(e) for e in cached.value.errors] == [str(e) for e in plain.value.errors]
    assert entries() == []


def damage(entry: Path, how: str) -> None:
    """Replace a cache entry by one that must not be used."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.unlink()
    if how == "fifo":
        os.mkfifo(entry)
    elif how == "link to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif how == "unknown field":  # valid by the schemas, but it does not hold together
        text = json.dumps(data).replace('"field": "', '"field": "x', 1)
        entry.write_text(text, encoding="utf-8")
    else:
        text = json.dumps(data)
        damaged = {
            "truncated": text[: len(text) // 2],
            "not json": "\x00\xff garbage",
            "deep": "[" * 100_000,
            "wrong shape": json.dumps({**data, "kb": {"rules": 3}}),
            "bad rule": text.replace('"paragraphs": [', '"paragraphs": 7, "x": [', 1),
        }[how]
        entry.write_text(damaged, encoding="utf-8")


HOW = ["truncated", "not json", "deep", "wrong shape", "bad rule", "unknown field", "fifo"]


@pytest.mark.parametrize("how", [*HOW, "link to /dev/zero"])
def test_a_damaged_entry_is_a_miss(kb_folder, how):
    expected = kbcache.to_data(kbcache.load((kb_folder,)))
    damage(entries()[0], how)
    assert kbcache.to_data(kbcache.load((kb_folder,))) == expected


def test_a_cache_folder_that_cannot_be_written_is_no_error(kb_folder, monkeypatch, tmp_path):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    assert kbcache.load((kb_folder,)).rules


def summit(args: list[str], cache: Path, **env: str) -> bytes:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "80", **env}
    command = [sys.executable, "-m", "expert", *args]
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


COMMANDS = [
    ["assess", "--format", "json"],
    ["explain", "--trace"],
    ["rules", "--format", "json"],
    ["assess", "tests/adoption/facts/well-kept.yaml", "--rules", "tests/adoption/rules"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_is_byte_identical_with_and_without_the_cache(args, tmp_path):
    without = summit(args, tmp_path, SUMMIT_NO_CACHE="1")
    assert list(tmp_path.rglob("*.json")) == []
    missed = summit(args, tmp_path)
    assert len(list(tmp_path.rglob("*.json"))) == 1
    assert missed == without
    assert summit(args, tmp_path) == without  # a hit
