"""`summit schema`: a JSON Schema that agrees with the validator, and the generated fact-file doc."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_golden
from jsonschema import Draft202012Validator

from expert import api
from expert.api import fact_model
from expert.cli import main
from expert.errors import ErrorGroup
from expert.facts import catalogue, validate_document
from expert.source import parse_document, read_document

FactFile = fact_model()

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "fact-files.md"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["title"] == "summit-expert fact file"
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(validator: Draft202012Validator, text: str) -> list[str]:
    data = parse_document(text, "t.yaml").data
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", sorted((ROOT / "facts").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_bundled_fact_file(validator, path):
    assert list(validator.iter_errors(read_document(path).data)) == []


def test_schema_accepts_dates_as_text_and_null_groups(validator):
    assert (
        problems(validator, "scenario:\n  as_of: 2025-06-01\nclimate:\npersonal:\n  trust:\n") == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "climate:\n  crisis: severe\n",
        "climate:\n  crisys: high\n",
        "climate:\n  new_weapons: 'yes'\n",
        "scenario:\n  as_of: 2025-02-30\n",
        "personal: [warm]\n",
    ],
)
def test_schema_rejects_what_the_validator_rejects(validator, text):
    assert problems(validator, text)
    with pytest.raises(ErrorGroup):
        validate_document(parse_document(text, "t.yaml"), FactFile)


def test_fact_file_doc_is_up_to_date():
    assert_golden(DOC, api.fact_file_doc())


def test_schema_markdown_prints_the_doc():
    result = CliRunner().invoke(main, ["schema", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == api.fact_file_doc()


def test_doc_shows_every_field_with_its_values_question_and_paragraphs():
    doc = api.fact_file_doc()
    for spec in catalogue(FactFile).values():
        section = doc.split(f"\n### {spec.group}\n", 1)[1].split("\n### ", 1)[0]
        row = next(line for line in section.splitlines() if line.startswith(f"| `{spec.name}` |"))
        values = [f"`{str(v).lower()}`" for v in spec.values]
        assert " < ".join(values) in row if spec.kind == "ordinal" else ", ".join(values) in row
        assert spec.question in row and ", ".join(spec.paragraphs) in row


def test_doc_example_is_a_valid_fact_file():
    example = api.fact_file_doc().split("```yaml\n", 1)[1].split("```", 1)[0]
    assert api.facts_from_data(parse_document(example, "example.yaml").data) == api.load_facts()
