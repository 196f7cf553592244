"""Hostile folders, names and data for `batch`, `validate` and `consult`: nothing hangs, nothing is
dropped without a word, and text from data never drives the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from batchkb import batch_kb, write_facts
from click.testing import CliRunner

from expert import paths
from expert.batch import expand_paths
from expert.cli import main

ONLY_REGULAR = "not a regular file: only regular files are read"


@pytest.fixture
def kb(tmp_path):
    return batch_kb(tmp_path / "kb")


@pytest.fixture
def tangled(tmp_path):
    """A folder with two links back to itself, a link to a sibling, a FIFO and broken links."""
    root = tmp_path / "tangled"
    write_facts(root / "a.yaml", {"climate": {"crisis": "high"}})
    write_facts(root / "inner" / "b.yaml", {"climate": {"crisis": "low"}})
    (root / "inner" / "self").symlink_to(root / "inner")
    (root / "inner" / "up").symlink_to(root)
    (root / "again").symlink_to(root / "inner")
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    (root / "gone.yaml").symlink_to(root / "nowhere.yaml")
    os.mkfifo(root / "pipe.yaml")
    return root


def warnings_of(patterns) -> tuple[list[str], list[str]]:
    said: list[str] = []
    found = expand_paths(patterns, warn=said.append)
    return [str(p) for p in found], said


@pytest.mark.parametrize("pattern", ["{root}", "{root}/**/*.yaml"])
def test_a_folder_search_never_loops_and_says_what_it_skips(tangled, pattern):
    found, said = warnings_of([pattern.format(root=tangled)])
    names = ["a.yaml", "gone.yaml", "inner/b.yaml", "loop.yaml", "pipe.yaml"]
    assert found == [f"{tangled}/{name}" for name in names]
    assert said == [
        f"{tangled}/{name}: skipped, a link to a folder already searched (a loop?)"
        for name in ["again", "inner/self", "inner/up"]
    ]


def test_every_skipped_entry_of_a_batch_gets_an_error_row_or_a_warning(kb, tangled):
    result = CliRunner().invoke(main, ["batch", str(tangled), "--rules", kb, "--format", "jsonl"])
    errors = {
        json.loads(line)["file"]: json.loads(line)["error"] for line in result.stdout.splitlines()
    }
    assert errors == {
        f"{tangled}/a.yaml": None,
        f"{tangled}/gone.yaml": f"{tangled}/gone.yaml: broken symbolic link: its target does not exist",
        f"{tangled}/inner/b.yaml": None,
        f"{tangled}/loop.yaml": f"{tangled}/loop.yaml: symbolic link loop: the link leads back to itself",
        f"{tangled}/pipe.yaml": f"{tangled}/pipe.yaml: is a named pipe (FIFO), {ONLY_REGULAR}",
    }
    assert result.stderr.splitlines()[:3] == [
        f"Warning: {tangled}/{name}: skipped, a link to a folder already searched (a loop?)"
        for name in ["again", "inner/self", "inner/up"]
    ]
    assert result.exit_code == 1


def test_a_second_name_of_the_same_file_is_evaluated_once(tmp_path):
    write_facts(tmp_path / "a.yaml", {"climate": {"crisis": "high"}})
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    found, said = warnings_of([str(tmp_path)])
    assert found == [f"{tmp_path}/a.yaml"]
    assert said == [f"{tmp_path}/b.yaml: skipped, the same file as {tmp_path}/a.yaml"]


BAD_NAME = os.fsdecode(b"bad-\xff-name.yaml")


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_a_file_name_that_is_not_utf8_is_printed_escaped_in_any_locale(tmp_path, locale, kb):
    folder = os.fsencode(tmp_path / "in")
    path = Path(os.fsdecode(folder + b"/" + os.fsencode(BAD_NAME)))
    write_facts(path, {"climate": {"crisis": "hgh"}}, name="bad")
    out = tmp_path / "rows.txt"
    env = {**os.environ, "LC_ALL": locale, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    if locale == "C.UTF-8":
        env["PYTHONIOENCODING"] = "utf-8:strict"  # the strict case: no surrogateescape
    command = [sys.executable, "-m", "expert", "batch", os.fsdecode(folder), "--rules", kb]
    for fmt, extra in [("table", []), ("csv", ["--output", str(out)]), ("json", [])]:
        done = subprocess.run([*command, "--format", fmt, *extra], capture_output=True, env=env)
        assert (done.returncode, b"Traceback" in done.stderr) == (1, False), done.stderr
        text = out.read_bytes() if extra else done.stdout
        assert (b"bad-\\xff-name.yaml" if fmt != "json" else b"bad-\\udcff-name.yaml") in text
    validate = subprocess.run(
        [sys.executable, "-m", "expert", "validate", os.fsdecode(path)],
        capture_output=True,
        env=env,
    )
    assert validate.returncode == 2
    assert validate.stderr.startswith(b"Error: " + folder + b"/bad-\\xff-name.yaml:4:3: ")


def test_json_keeps_an_undecodable_name_exact(tmp_path, kb):
    path = write_facts(tmp_path / "in" / BAD_NAME, {"climate": {"crisis": "high"}}, name="bad")
    result = CliRunner().invoke(
        main, ["batch", str(path.parent), "--rules", kb, "--format", "json"]
    )
    [row] = json.loads(result.stdout)
    assert os.fsencode(row["file"]) == os.fsencode(tmp_path) + b"/in/bad-\xff-name.yaml"


def test_control_characters_from_data_are_escaped_in_text_and_exact_in_json(tmp_path, kb):
    path = write_facts(
        tmp_path / "f.yaml", {"climate": {"crisis": "high"}}, name="A\x1b[2J\x07name"
    )
    text = CliRunner().invoke(main, ["batch", str(path), "--rules", kb]).stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "A\\x1b[2J\\x07name" not in text  # the table does not show the scenario
    result = CliRunner().invoke(main, ["assess", str(path), "--rules", kb])
    assert "Scenario: A\\x1b[2J\\x07name\n" in result.stdout  # not merely stripped
    data = CliRunner().invoke(main, ["assess", str(path), "--rules", kb, "--format", "json"])
    assert json.loads(data.stdout)["scenario"] == "A\x1b[2J\x07name"


def test_a_look_alike_letter_is_named_in_the_message(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("сlimate:\n  crisis: hіgh\n", encoding="utf-8")  # Cyrillic с and і
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.stderr.splitlines()[0].endswith("(note: 'с' is U+0441 CYRILLIC SMALL LETTER ES)")


def test_forty_thousand_unknown_keys_give_a_capped_list(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("".join(f"k{i}: 1\n" for i in range(40_000)))
    result = CliRunner().invoke(main, ["validate", str(path)])
    lines = result.stderr.splitlines()
    assert (result.exit_code, len(lines)) == (2, 21)
    assert lines[0].startswith(f"Error: {path}:1:1: k0: unknown field 'k0'")
    assert lines[-1] == f"Error: {path}: ... and 39980 more errors"


def test_output_writes_through_a_link_to_its_target(tmp_path, kb):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    path = write_facts(tmp_path / "f.yaml", {"climate": {"crisis": "high"}})
    result = CliRunner().invoke(
        main, ["batch", str(path), "--rules", kb, "--format", "json", "--output", str(link)]
    )
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and json.loads(target.read_text())[0]["file"] == str(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.yaml", "kb", "link.json", "real.json"]


def test_a_save_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space"):
        paths.write_atomic(tmp_path / "out.txt", "text")
    assert list(tmp_path.iterdir()) == []


def test_output_to_a_device_is_written_directly(tmp_path):
    paths.check_writable("/dev/null")
    paths.write_atomic("/dev/null", "rows\n")  # nothing to rename onto: no temporary file in /dev
    assert Path("/dev/null").is_char_device()


def test_consult_save_refuses_an_existing_file_before_any_question(tmp_path):
    saved = tmp_path / "mine.yaml"
    saved.write_text("climate:\n  crisis: high\n")
    result = CliRunner().invoke(main, ["consult", "--save", str(saved)], input="quit\n")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {saved} already exists: continue it with --resume {saved}, "
        "or give --save a new file\n"
    )
    assert saved.read_text() == "climate:\n  crisis: high\n"


def test_consult_saves_through_a_link_to_its_target(tmp_path):
    target = tmp_path / "real.yaml"
    link = tmp_path / "link.yaml"
    link.symlink_to(target)  # dangling until the first save
    result = CliRunner().invoke(main, ["consult", "--save", str(link)], input="quit\n")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and target.read_text().startswith("# Answers given in a consultation")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]
