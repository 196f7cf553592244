"""Every published result record describes what `--format json` really prints.

The schemas in docs/schemas/ are generated from `expert.records`; every command's JSON on
every scenario is read into its record in tests/test_record_outputs.py, and here a check
report on a knowledge base that fails to load fits its record too, and what the records
refuse is refused.
"""

import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT, assert_golden

from expert.cli import main
from expert.records import PUBLISHED, BatchRow, CheckReport, WhatIf, json_schema

FACTS = sorted((ROOT / "facts").glob("*.yaml"))
SCHEMAS = ROOT / "docs" / "schemas"


def output(*args: str):
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def assert_fits(record, data) -> None:
    """`data` validates against the record's schema, and the record gives it back unchanged."""
    jsonschema.validate(data, json_schema(record))
    dumped = record.model_validate(data).model_dump(by_alias=True, mode="json", exclude_unset=True)
    assert dumped == data


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_schemas_are_generated_from_the_records(name):
    schema = json_schema(PUBLISHED[name])
    jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    assert_golden(SCHEMAS / f"{name}.schema.json", text)


@pytest.mark.parametrize("kb", ["rules", "tests/fixtures/check/planted/load"])
def test_check_reports_fit_their_record(kb, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert_fits(CheckReport, output("check", "--rules", kb))


def test_a_field_the_record_lacks_is_refused():
    row = output("batch", str(FACTS[0]))[0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**row, "cf": "high"}, json_schema(BatchRow))
    data = output("what-if", str(FACTS[0]), "--set", "climate.crisis=high")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "extra": 1}, json_schema(WhatIf))


def test_every_published_schema_file_has_its_record():
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(
        f"{name}.schema.json" for name in PUBLISHED
    )
