"""The model file: the fact model as data, built into strict pydantic models, with located errors."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from expert.api import fact_model
from expert.cli import main
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def kb_copy(tmp_path):
    """A copy of the built-in knowledge base whose model file a test may edit."""
    target = tmp_path / "kb"
    shutil.copytree(RULES, target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file by `new`; the line of the edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def edit_model(folder: Path, old: str, new: str) -> int:
    return edit(folder / "model.yaml", old, new)


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(folder)
    return [str(e).replace(str(folder), "kb") for e in caught.value.errors]


def test_a_misspelt_key_is_located_with_a_guess(kb_copy):
    line = edit_model(kb_copy, "    ordinal: true", "    ordinl: true")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:5: scales.level.ordinl: unknown key 'ordinl'; did you mean 'ordinal'?"
    ]


def test_an_unknown_type_is_located_with_a_guess(kb_copy):
    line = edit_model(kb_copy, "type: relations", "type: relation")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:9: groups.climate.fields.relations.type: "
        "unknown type 'relation'; did you mean 'relations'?"
    ]


def test_the_field_naming_a_fact_file_is_a_header_field_with_a_guess(kb_copy):
    line = edit_model(kb_copy, "  name: name\n", "  name: nmae\n")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:3: header.name: unknown header field 'nmae'; did you mean 'name'?"
    ]


def test_the_field_naming_a_fact_file_is_text(kb_copy):
    line = edit_model(kb_copy, "  name: name\n", "  name: as_of\n")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:3: header.name: the field naming a fact file must be text; "
        "'as_of' is date"
    ]


def test_a_value_listed_twice_on_a_scale_is_located(kb_copy):
    line = edit_model(kb_copy, "[none, low, moderate, high]", "[none, low, low, high]")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:25: scales.level.values[2]: "
        "the value 'low' is already listed in scale 'level'"
    ]


def test_a_default_its_field_rejects_is_located_at_the_default(kb_copy):
    line = edit_model(kb_copy, "      default: untitled\n", "      default: 3\n")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:7: header.fields.name.default: expected a string; found an int (3)"
    ]


def test_a_paragraph_id_follows_the_citation_pattern(kb_copy):
    line = edit_model(kb_copy, "          - S3.P3\n", "          - 3.3\n")
    assert errors_of(kb_copy) == [
        f"kb/model.yaml:{line}:13: groups.climate.fields.crisis.paragraphs[1]: "
        "expected a string; found a float (3.3)"
    ]


def test_the_citation_format_of_the_model_file_checks_the_rules(kb_copy):
    edit_model(kb_copy, "example: S2.P1", "example: S9.P9")
    line = edit(kb_copy / "s2-factors.yaml", "paragraphs: [S2.P1]", "paragraphs: [S2-P1]")
    assert (
        f"kb/s2-factors.yaml:{line}:18: rules[0].paragraphs[0]: rule crisis-compels-talks: "
        "expected a paragraph id such as S9.P9; found a string ('S2-P1')"
    ) in errors_of(kb_copy)


def test_a_model_error_in_check_is_a_finding_like_a_rule_error(kb_copy):
    line = edit_model(kb_copy, "type: relations", "type: relation")
    result = CliRunner().invoke(main, ["check", "--rules", str(kb_copy)])
    assert result.exit_code == 1
    assert result.stdout.replace(str(kb_copy), "kb").splitlines()[:2] == [
        "Errors (1)",
        f"  kb/model.yaml:{line}  E100 invalid  "
        "groups.climate.fields.relations.type: unknown type 'relation'; did you mean 'relations'?",
    ]


def test_built_models_are_strict_frozen_and_built_once():
    model = fact_model()
    assert model is load_knowledge_base(RULES).model
    facts = model.model_validate({"climate": {"crisis": "high"}})
    with pytest.raises(ValidationError):
        model.model_validate({"climate": {"crisis": "hgh"}})
    with pytest.raises(ValidationError):
        model.model_validate({"climate": {"new_weapons": "true"}})
    with pytest.raises(ValidationError):
        facts.climate.crisis = "low"
    assert model.__doc__ == "A fact file: a scenario header and the known facts, in groups."


def test_the_model_file_error_shown_in_rules_md_is_the_one_reported(kb_copy, monkeypatch):
    doc_path = RULES.parent / "docs" / "rules.md"
    doc = doc_path.read_text(encoding="utf-8")
    (shown,) = re.findall(r"^Error: rules/model\.yaml:.*$", doc, re.M)
    edit_model(kb_copy, "type: relations", "type: relation")
    monkeypatch.chdir(kb_copy.parent)
    result = CliRunner().invoke(main, ["assess", "--rules", "kb"])
    reported = result.stderr.replace("kb/model.yaml", "rules/model.yaml").strip()
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        doc_path.write_text(doc.replace(shown, reported), encoding="utf-8")
        shown = reported
    assert reported == shown
