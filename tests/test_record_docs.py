"""The field tables of docs/results.md and docs/explain.md are generated from the records."""

import re

import pytest
from conftest import ROOT, assert_section

from expert.recorddoc import ASSESSMENT, EXPLANATION, records_markdown

DOCS = {"results.md": ASSESSMENT, "explain.md": EXPLANATION}


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_the_field_tables_are_the_records(doc):
    assert_section(ROOT / "docs" / doc, "records", records_markdown(DOCS[doc]))


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_every_record_a_table_links_to_has_its_own_table(doc):
    text = records_markdown(DOCS[doc])
    headings = {name.lower() for name in re.findall(r"^#### (\w+)$", text, re.M)}
    assert set(re.findall(r"\]\(#(\w+)\)", text)) <= headings


def test_a_table_gives_each_field_its_type_and_description():
    table = records_markdown(DOCS["explain.md"])
    assert (
        "| `counterfactual` | [Counterfactual](#counterfactual) or null | yes | The search;"
        in table
    )
    assert "| `pack` | string or null | no | The pack it comes from; absent when" in table
