"""`summit batch`: many fact files, one row each, the same output whatever the workers."""

import csv
import io
import json

import pytest
from batchkb import batch_kb, write_facts
from click.testing import CliRunner

from expert import batch as batch_module
from expert.batch import expand_paths
from expert.cli import main


@pytest.fixture
def kb(tmp_path):
    return batch_kb(tmp_path / "kb")


@pytest.fixture
def scenarios(tmp_path):
    folder = tmp_path / "scenarios"
    write_facts(folder / "a.yaml", {"climate": {"crisis": "high", "tension": "high"}})
    write_facts(folder / "b.yaml", {"climate": {"crisis": "hgh"}})
    write_facts(folder / "deep" / "c.json", {"personal": {"trust": "low"}})
    (folder / "notes.txt").write_text("not a fact file")
    return folder


def batch(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def test_a_bad_file_becomes_a_row_with_the_validate_message(kb, scenarios):
    result = batch(scenarios, "--rules", kb, "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["file"] for row in rows] == [
        f"{scenarios}/a.yaml",
        f"{scenarios}/b.yaml",
        f"{scenarios}/deep/c.json",
    ]
    validate = CliRunner().invoke(main, ["validate", f"{scenarios}/b.yaml"])
    assert validate.stderr == f"Error: {rows[1]['error']}\n"
    assert (
        rows[1]["error"]
        == f"{scenarios}/b.yaml:4:3: climate.crisis: expected one of none, low, moderate, high; found a string ('hgh'); did you mean 'high'?"
    )
    failed, summary = result.stderr.splitlines()[1:]  # no progress bar
    assert result.stderr.startswith("1 file failed:\n")
    assert failed == f"  {rows[1]['error']}"
    assert summary.startswith("2 evaluated, 1 failed in ")
    assert result.stderr.count("\n") == 3


def test_a_row_holds_the_verdict_the_top_conclusions_and_the_hashes(kb, scenarios):
    result = batch(f"{scenarios}/a.yaml", "--rules", kb, "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert list(row) == [
        "file",
        "scenario",
        "cf",
        "band",
        "reason",
        "reason_cf",
        "agenda",
        "kb_hash",
        "input_hash",
        "error",
    ]
    assert (row["scenario"], row["cf"], row["band"]) == ("a", 0.6, "likely")
    assert row["agenda"] == ["trade-talks", "arms-talks"]
    assert row["kb_hash"].startswith("sha256:") and row["input_hash"].startswith("sha256:")
    assert row["error"] is None


def test_top_limits_each_category(kb, scenarios):
    result = batch(f"{scenarios}/a.yaml", "--rules", kb, "--format", "json", "--top", "1")
    assert json.loads(result.stdout)[0]["agenda"] == ["trade-talks"]


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl", "json"])
def test_two_workers_give_the_same_bytes_as_one(kb, tmp_path, fmt):
    for i in range(40):
        level = ["none", "low", "moderate", "high"][i % 4]
        facts = {"climate": {"crisis": level}, "personal": {"trust": level}}
        write_facts(tmp_path / "many" / f"s{i:02}.yaml", facts)
    one = batch(tmp_path / "many", "--rules", kb, "--format", fmt, "--jobs", "1")
    two = batch(tmp_path / "many", "--rules", kb, "--format", fmt, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) >= 40


def test_csv_and_jsonl_parse_back_to_the_same_rows(kb, scenarios):
    jsonl = batch(scenarios, "--rules", kb, "--format", "jsonl").stdout
    text = batch(scenarios, "--rules", kb, "--format", "csv").stdout
    rows = [json.loads(line) for line in jsonl.splitlines()]
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [r["file"] for r in parsed] == [r["file"] for r in rows]
    assert [float(r["cf"] or 0) for r in parsed] == [r["cf"] or 0 for r in rows]
    assert [r["agenda"] for r in parsed] == [";".join(r["agenda"]) for r in rows]
    assert [r["error"] for r in parsed] == [r["error"] or "" for r in rows]


def test_the_table_shows_scenario_verdict_and_strongest_reason(kb, scenarios, monkeypatch):
    monkeypatch.chdir(scenarios.parent)
    result = batch("scenarios", "--rules", kb)
    assert result.stdout.splitlines() == [
        "file                   scenario  verdict                  strongest reason",
        "scenarios/a.yaml       a         +0.60 likely             crisis +0.60",
        "scenarios/b.yaml       -         failed (see below)       -",
        "scenarios/deep/c.json  c         -0.40 somewhat unlikely  distrust -0.40",
    ]
    assert result.stderr.splitlines()[:2] == [
        "1 file failed:",
        "  scenarios/b.yaml:4:3: climate.crisis: expected one of none, low, moderate, high; "
        "found a string ('hgh'); did you mean 'high'?",
    ]


def test_a_narrow_table_becomes_records(kb, scenarios, monkeypatch):
    monkeypatch.chdir(scenarios.parent)
    monkeypatch.setenv("COLUMNS", "40")
    assert batch("scenarios/a.yaml", "--rules", kb).stdout.splitlines() == [
        "scenarios/a.yaml",
        "  scenario: a",
        "  verdict: +0.60 likely",
        "  strongest reason: crisis +0.60",
    ]


def test_output_is_written_to_a_file_and_not_to_stdout(kb, scenarios, tmp_path):
    out = tmp_path / "rows.jsonl"
    result = batch(scenarios, "--rules", kb, "--format", "jsonl", "--output", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(out.read_text().splitlines()) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".rows")] == []


def test_an_output_file_that_cannot_be_written_stops_the_batch_before_it_runs(
    kb, scenarios, tmp_path, monkeypatch
):
    monkeypatch.setattr("expert.api.batch", lambda *a, **k: pytest.fail("the batch ran"))
    out = tmp_path / ("long" * 80 + ".csv")  # a name too long for the file system
    result = batch(scenarios, "--rules", kb, "--output", out)
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {out}: File name too long\n"
    result = batch(scenarios, "--rules", kb, "--output", tmp_path / "no" / "rows.csv")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: cannot write {tmp_path}/no/rows.csv: there is no folder {tmp_path}/no\n"
    )


def test_paths_globs_and_folders_expand_sorted_without_repeats(scenarios):
    found = expand_paths([f"{scenarios}/*.yaml", str(scenarios), f"{scenarios}/**/*.json"])
    assert [p.relative_to(scenarios).as_posix() for p in found] == [
        "a.yaml",
        "b.yaml",
        "deep/c.json",
    ]


def test_no_files_is_a_usage_error(kb, tmp_path):
    (tmp_path / "empty").mkdir()
    result = batch(tmp_path / "empty", "--rules", kb)
    assert result.exit_code == 2
    assert result.stderr == f"Error: no fact files (.yaml, .yml, .json) in {tmp_path}/empty\n"


def test_a_quoted_glob_is_expanded_by_the_command(kb, scenarios):
    result = batch(f"{scenarios}/**/*.json", "--rules", kb, "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [
        f"{scenarios}/deep/c.json"
    ]


def test_no_more_workers_start_than_there_are_files(kb, scenarios, monkeypatch):
    started = []
    real = batch_module.ProcessPoolExecutor

    def recording(max_workers, **options):
        started.append(max_workers)
        return real(max_workers=max_workers, **options)

    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", recording)
    result = batch(scenarios, "--rules", kb, "--jobs", "500", "--format", "json")
    assert len(json.loads(result.stdout)) == 3
    assert started == [3]


def test_a_dash_reads_standard_input_even_with_workers(kb, scenarios):
    args = ["batch", "-", str(scenarios / "a.yaml"), "--rules", str(kb), "--jobs", "2"]
    result = CliRunner().invoke(main, [*args, "--format", "json"], input="personal: {trust: low}\n")
    rows = json.loads(result.stdout)
    assert [(row["file"], row["cf"], row["error"]) for row in rows] == [
        ("-", -0.4, None),
        (f"{scenarios}/a.yaml", 0.6, None),
    ]
