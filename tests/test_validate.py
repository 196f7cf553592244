"""`summit validate`: every error in every file, as text or as data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from expert import api
from expert.api import fact_model
from expert.cli import main

FactFile = fact_model()

FACTS = Path(__file__).resolve().parent.parent / "facts"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_bundled_fact_file_is_valid():
    paths = sorted(str(p) for p in FACTS.glob("*.yaml"))
    result = CliRunner().invoke(main, ["validate", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout == "".join(f"{p}: valid\n" for p in paths)


def test_every_error_in_every_file_is_reported(tmp_path):
    good = write(tmp_path, "good.yaml", "climate:\n  crisis: high\n")
    bad = write(
        tmp_path, "bad.yaml", "climate:\n  crisis: hgh\n  tension: 3\npersonal:\n  rapor: warm\n"
    )
    ugly = write(tmp_path, "ugly.json", '{"timing": {"urgency": "high", "initiative": "bold"}}')
    result = CliRunner().invoke(main, ["validate", good, bad, ugly])
    assert result.exit_code == 2
    assert result.stdout == f"{good}: valid\n"
    assert result.stderr == (
        f"Error: {bad}:2:3: climate.crisis: expected one of none, low, moderate, high; "
        "found a string ('hgh'); did you mean 'high'?\n"
        f"Error: {bad}:3:3: climate.tension: expected one of none, low, moderate, high; "
        "found an int (3)\n"
        f"Error: {bad}:5:3: personal.rapor: unknown field 'rapor'; did you mean 'rapport'?\n"
        f"Error: {ugly}:1:32: timing.initiative: expected one of crisis-response, strategic; "
        "found a string ('bold')\n"
    )


def test_json_format_gives_errors_as_data(tmp_path):
    bad = write(tmp_path, "bad.json", '{\n  "history": {"past_meetings": "many"}\n}\n')
    result = CliRunner().invoke(main, ["validate", "--format", "json", bad])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [
        {
            "path": bad,
            "valid": False,
            "errors": [
                {
                    "path": bad,
                    "line": 2,
                    "column": 15,
                    "field": "history.past_meetings",
                    "message": "expected one of none, one, several; found a string ('many')",
                }
            ],
        }
    ]


def test_syntax_errors_carry_line_and_column_in_yaml_and_json(tmp_path):
    yaml_file = write(tmp_path, "a.yaml", "climate:\n  crisis: 'high\n")
    json_file = write(tmp_path, "b.json", '{"climate":\n  {"crisis" "high"}}')
    result = CliRunner().invoke(main, ["validate", "--format", "json", yaml_file, json_file])
    places = [(e["line"], e["column"]) for f in json.loads(result.stdout) for e in f["errors"]]
    assert places == [(3, 1), (2, 13)]


def test_errors_deep_in_a_group_point_at_their_own_line(tmp_path):
    text = "scenario:\n  name: deep\nclimate:\n  crisis: high\n  tension: low\n  syria: hot\n"
    path = write(tmp_path, "deep.yaml", text)
    [error] = api.validate_files([path])[path]
    assert (error.line, error.column, error.field) == (6, 3, "climate.syria")


def test_the_library_shapes_the_report_as_data_and_lists_valid_files_as_text(tmp_path):
    good = write(tmp_path, "good.yaml", "climate:\n  crisis: high\n")
    bad = write(tmp_path, "bad.yaml", "climate:\n  crisis: hgh\n")
    data = api.validation_data(api.validate_files([good, bad]))
    assert [(f["path"], f["valid"], len(f["errors"])) for f in data] == [
        (good, True, 0),
        (bad, False, 1),
    ]
    assert data[1]["errors"][0]["field"] == "climate.crisis"
    assert api.valid_files_text(data) == f"{good}: valid\n"


def test_a_null_group_or_header_means_nothing_is_known(tmp_path):
    path = write(
        tmp_path, "null.yaml", "scenario:\nclimate:\n  # crisis: high\npersonal:\n  trust: low\n"
    )
    facts = api.load_facts(path)
    assert facts == FactFile.model_validate({"personal": {"trust": "low"}})


def test_python_dash_m_expert_is_the_summit_command(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "expert", "--help"], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: summit [OPTIONS] COMMAND [ARGS]...")
    assert "validate" in done.stdout
