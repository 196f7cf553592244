"""A fact file read without its locations (`located=False`, as `load_fact_file` reads it)
gives the same data, and the same errors with the same places, as the located reading."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz import DEFAULT, FUZZ, FactFile, documents, mutated

from expert import source
from expert.errors import ErrorGroup, ExpertError
from expert.facts import load_fact_file, validate_document

EXAMPLES = int(os.environ.get("SUMMIT_FUZZ_EXAMPLES", "0"))
DEFAULT_JSON = json.dumps(source.parse_document(DEFAULT, "f").data, indent=2)


def outcome(text: str, is_json: bool, located: bool) -> tuple:
    """What reading and validating `text` gives: the data and every location, or the errors."""
    raw = text.encode("utf-8", "surrogatepass")
    try:
        doc = source.parse_document(raw, "f", is_json=is_json, located=located)
    except ExpertError as error:
        return ("refused", str(error))
    try:
        validate_document(doc, FactFile)
    except ErrorGroup as group:
        return ("invalid", doc.data, [str(e) for e in group.errors])
    return ("valid", doc.data, doc.located().locations)


@settings(FUZZ, max_examples=EXAMPLES or 300)
@given(
    case=st.one_of(
        st.tuples(documents, st.booleans()),
        st.tuples(mutated(DEFAULT_JSON), st.just(True)),
    )
)
def test_both_readings_give_the_same_data_places_and_errors(case):
    text, is_json = case
    assert outcome(text, is_json, located=False) == outcome(text, is_json, located=True)


def test_a_valid_file_is_located_only_when_asked(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("scenario:\n  name: plain\nclimate: {crisis: high}\n")
    lazy = source.read_document(path, located=False)
    assert (lazy.data, lazy.locations) == (source.read_document(path).data, {})
    assert lazy.located() == source.read_document(path)
    assert lazy.located().locations[("climate", "crisis")] == (3, 11)  # its key


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_an_invalid_fact_file_is_still_located_line_and_column(tmp_path, suffix):
    path = tmp_path / f"f{suffix}"
    text = {
        ".yaml": "scenario: {name: x}\nclimate:\n  crisis: hgh\n",
        ".json": '{"scenario": {"name": "x"},\n "climate": {"crisis": "hgh"}}',
    }
    path.write_text(text[suffix])
    with pytest.raises(ErrorGroup) as raised:
        load_fact_file(path, FactFile)
    place = {".yaml": "3:3", ".json": "2:14"}[suffix]
    assert str(raised.value.errors[0]).startswith(f"{path}:{place}: climate.crisis: expected")


LIMITED = {
    ("MAX_NODES", True): '{"a": [' + "0, " * 30 + "0]}",
    ("MAX_DEPTH", True): '{"a": ' + "[" * 30 + "]" * 30 + "}",
    ("MAX_NODES", False): "a: [" + "0, " * 30 + "]\nb: [1, 1]\nb: 2\n",
    ("MAX_DEPTH", False): "a: 1\na: 2\nb: " + "[" * 30 + "]" * 30,
}


@pytest.mark.parametrize(("limit", "is_json"), LIMITED, ids=lambda x: str(x))
def test_a_tree_past_a_limit_is_refused_unlocated_as_located(limit, is_json, monkeypatch):
    monkeypatch.setattr(source, limit, 20)
    text = LIMITED[(limit, is_json)]  # in YAML, past a duplicate key: the limit comes first
    assert outcome(text, is_json, located=False) == outcome(text, is_json, located=True)
    assert outcome(text, is_json, located=False)[0] == "refused"
