"""The rule-writing guide is generated where it can be, and its example is a working rule file."""

import re
from pathlib import Path

import pytest
import yaml
from conftest import assert_golden
from kbfactory import evaluate, load, write_files

from expert.schemadoc import with_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_schema_reference_in_rules_md_is_current():
    path = DOCS / "rules.md"
    text = path.read_text(encoding="utf-8")
    assert_golden(path, with_reference(text))


def test_the_example_rule_file_loads_and_fires(tmp_path):
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    example = yaml.safe_load(re.search(r"## A rule file\n\n```yaml\n(.*?)```", text, re.S)[1])
    kb = load(write_files(tmp_path, {"example.yaml": {**example, "conclusions": [
        *example["conclusions"],
        {"name": "meeting-occurs", "kind": "hypothesis", "category": "meeting", "title": "They meet"},
    ]}}))  # fmt: skip
    result = evaluate(kb, {"climate": {"crisis": "high"}})
    assert [f.rule for f in result.trace] == [
        "crisis-presses-for-talks",
        "pressure-brings-a-meeting",
    ]
    assert result.verdict_cf == pytest.approx(0.3)
