"""`summit assess --format json` matches its published JSON Schema, which the docs describe."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from kbfactory import SAMPLE_FACTS, write_facts, write_sample

from expert.cli import main
from expert.report import assessment_schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "results.md"


def assess_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["assess", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(assessment_schema())


def test_the_output_on_a_test_knowledge_base_is_valid(tmp_path):
    facts = write_facts(tmp_path / "facts.yaml", SAMPLE_FACTS)
    data = assess_json(str(facts), "--rules", str(write_sample(tmp_path / "kb")))
    jsonschema.validate(data, assessment_schema())
    assert len(data["trace"]) == 11 and not data["trace"][6]["counted"]


def test_the_output_on_the_default_scenario_is_valid():
    jsonschema.validate(assess_json(), assessment_schema())


def test_the_schema_rejects_what_the_output_never_holds(tmp_path):
    facts = write_facts(tmp_path / "facts.yaml", SAMPLE_FACTS)
    data = assess_json(str(facts), "--rules", str(write_sample(tmp_path / "kb")))
    data["trace"][0]["premise_cf"] = 1.5
    with pytest.raises(jsonschema.ValidationError, match=r"1\.5 is greater than the maximum of 1"):
        jsonschema.validate(data, assessment_schema())


def properties(schema: dict) -> set[str]:
    """Every property name defined anywhere in a schema."""
    found = set()
    if isinstance(schema, dict):
        found |= set(schema.get("properties", {}))
        for value in schema.values():
            found |= properties(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= properties(value)
    return found


def test_the_doc_describes_every_property():
    described = set(re.findall(r"`([a-z_]+)`", DOC.read_text(encoding="utf-8")))
    assert properties(assessment_schema()) - described == set()
