"""Every command's `--format json` output, on every scenario, is its record, exactly.

Each output is read with its record (`model_validate_json`, strict, no field the record
lacks) and written back unchanged; the schema published in docs/schemas/ for that
command is the one generated from that record, and the output validates against it.
"""

import json
from functools import cache

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT

from expert.cli import main
from expert.records import PUBLISHED, json_schema

SCENARIOS = sorted((ROOT / "facts").glob("*.yaml")) + sorted(
    (ROOT / "facts" / "record").glob("*.yaml")
)
SCHEMAS = ROOT / "docs" / "schemas"
SETTINGS = ["--set", "climate.crisis=high", "--set", "personal.trust=unknown"]
PER_SCENARIO = {
    "assess": ["assess"],
    "explain-how": ["explain"],
    "explain-trace": ["explain", "--trace"],
    "explain-why-not": ["explain", "--why-not", "meeting-occurs"],
    "explain-rule": ["explain", "--rule", "crisis-compels-talks"],
    "what-if": ["what-if", *SETTINGS],
    "sensitivity": ["sensitivity", "--top", "3"],
}
"""The record of each command run on one scenario, and the command."""


def json_output(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@cache
def published_validator(name: str) -> jsonschema.Draft202012Validator:
    """The schema published as `name`, which must be the one generated from its record."""
    published = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(PUBLISHED[name]), f"docs/schemas/{name}.schema.json is stale"
    return jsonschema.Draft202012Validator(published)


def assert_is_record(name: str, text: str) -> None:
    """`text` is exactly the record published as `name`, and fits its published schema."""
    record = PUBLISHED[name].model_validate_json(text, strict=True)
    assert record.dump() == json.loads(text)
    published_validator(name).validate(json.loads(text))


SEARCHING = {"explain-why-not", "sensitivity"}
"""The commands that search on every scenario: seconds each, so marked slow."""


@pytest.mark.parametrize(
    "command",
    [pytest.param(c, marks=[pytest.mark.slow] if c in SEARCHING else []) for c in PER_SCENARIO],
)
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_command_prints_its_record_on_every_scenario(path, command):
    verb, *options = PER_SCENARIO[command]
    assert_is_record(command, json_output(verb, str(path), *options))


def test_batch_prints_one_record_per_row(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("climate: {crisis: hgh}\n", encoding="utf-8")
    rows = json.loads(json_output("batch", *map(str, SCENARIOS), str(bad)))
    assert len(rows) == len(SCENARIOS) + 1
    assert [row["file"] for row in rows if row["error"]] == [str(bad)]
    for row in rows:
        assert_is_record("batch-row", json.dumps(row))


def test_backtest_and_check_print_their_records(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert_is_record("backtest", json_output("backtest", "facts/record"))
    assert_is_record("check", json_output("check"))


def test_a_record_refuses_what_the_output_never_holds():
    text = json_output("explain", str(SCENARIOS[0]))
    data = json.loads(text)
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        PUBLISHED["explain-how"].model_validate_json(json.dumps({**data, "extra": 1}))
    with pytest.raises(ValueError, match="Input should be a valid string"):
        PUBLISHED["explain-how"].model_validate_json(json.dumps({**data, "scenario": 1}))
