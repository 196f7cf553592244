"""`summit backtest`: verdicts scored against records, with baselines, guards and errors."""

import json
import os
import re
from pathlib import Path

import jsonschema
from batchkb import write_facts
from click.testing import CliRunner

from expert.cli import main
from expert.records import Backtest, json_schema

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "backtest.md"
SCHEMA = json_schema(Backtest)  # published in docs/schemas/, checked by test_records.py
EXAMPLE = ["backtest", "tests/fixtures/backtest/facts", "--rules", "tests/fixtures/backtest/kb"]
RECORD = {"outcome": "met", "sources": ["An invented record, for the tests"]}


def run(*args, columns="80"):
    """Exit code, stdout and stderr of `summit ARGS` at a width of COLUMNS."""
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": columns})
    return result.exit_code, result.stdout, result.stderr


def test_the_docs_example_is_the_commands_output(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(*EXAMPLE)
    assert (code, err) == (0, "")
    block = f"```console\n$ summit {' '.join(EXAMPLE)}\n{out}```\n"
    text = DOC.read_text()
    fresh = re.sub(
        r"(?s)(<!-- example:start -->\n).*?(<!-- example:end -->)", rf"\1{block}\2", text
    )
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        DOC.write_text(text := fresh)
    assert text == fresh, f"{DOC} is stale; regenerate it"


def test_text_fits_the_width_without_breaking_words(monkeypatch):
    monkeypatch.chdir(ROOT)
    for columns in ("80", "60"):
        _, out, _ = run(*EXAMPLE, columns=columns)
        too_long = [line for line in out.splitlines() if len(line) > int(columns)]
        # A line runs over only when one word is longer than the room left for it.
        assert all(len(line.split()) == 1 or "/" in line.split()[-1] for line in too_long)
        assert columns == "60" or too_long == []
        assert "tests/fixtures/backtest/facts/no-record.yaml" in out
        assert "A crisis between leaders who get on" in " ".join(out.split())


def test_json_output_fits_the_schema_and_holds_the_scores(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(*EXAMPLE, "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert (code, data["n"], data["skipped"], data["base_rate"]) == (
        0,
        5,
        ["tests/fixtures/backtest/facts/no-record.yaml"],
        0.4,
    )
    assert data["scores"]["model"]["auc"] == 1.0
    assert data["scores"]["even"]["brier"] == 0.25
    assert [row["hit"] for row in data["files"]] == [False, True, True, True, True]


def test_the_live_knowledge_base_scores_the_example_files(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run("backtest", "tests/fixtures/backtest/facts", "--format", "json")
    jsonschema.validate(json.loads(out), SCHEMA)
    assert (code, json.loads(out)["n"]) == (0, 5)


def test_a_bad_file_is_one_error_row_and_exit_1(tmp_path):
    write_facts(tmp_path / "good.yaml", {"scenario": {"record": RECORD}}, name="Good")
    (tmp_path / "bad.yaml").write_text("scenario:\n  record: {outcome: maybe}\n")
    code, out, err = run("backtest", str(tmp_path), "--format", "json", "--rules", EXAMPLE[3])
    bad, good = json.loads(out)["files"]
    assert (code, err, good["hit"], json.loads(out)["failed"]) == (1, "", False, 1)
    assert bad == {
        "file": f"{tmp_path}/bad.yaml",
        "scenario": None,
        "outcome": None,
        "label": None,
        "cf": None,
        "p": None,
        "hit": None,
        "error": f"{tmp_path}/bad.yaml:2:3: scenario.record.sources: missing field 'sources' "
        "(and 1 more)",
    }


def test_guards_fail_with_one_line_each(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, _, err = run(*EXAMPLE, "--min-accuracy", "0.9", "--beat-baselines")
    assert (code, err) == (1, "Error: sign accuracy 0.80 is below --min-accuracy 0.9\n")
    code, _, err = run(*EXAMPLE, "--min-accuracy", "0.8", "--beat-baselines")
    assert (code, err) == (0, "")


def test_files_without_a_record_are_bad_input(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run("backtest", "tests/fixtures/backtest/facts/no-record.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "Error: no fact file in tests/fixtures/backtest/facts/no-record.yaml has a record to score\n"
    )


def test_markdown_matches_its_golden(monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(*EXAMPLE, "--format", "markdown")
    golden = ROOT / "tests" / "golden" / "backtest" / "example.md"
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out)
    assert (code, out) == (0, golden.read_text())


def test_ctrl_c_stops_with_exit_130(monkeypatch):
    monkeypatch.chdir(ROOT)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("expert.backtest.score_file", interrupted)
    assert run(*EXAMPLE) == (130, "", "Interrupted.\n")
