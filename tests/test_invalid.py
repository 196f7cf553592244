"""One translator words every pydantic error, whichever kind of file it came from."""

import enum

import pytest
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, ValidationError

from expert.invalid import Words, data_loc, describe, keys_at, merge, message, model_at


class Level(enum.StrEnum):
    LOW = "low"
    HIGH = "high"


class Leaf(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: Level = Level.LOW
    cf: StrictFloat = 1.0


class Other(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    name: str


class Root(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Leaf | Other] = []
    by_id: dict[str, Leaf] = {}
    leaf: Leaf = Field(default_factory=Leaf)  # as a fact file holds its groups
    others: list[Other] = []


def errors(data):
    with pytest.raises(ValidationError) as caught:
        Root.model_validate(data)
    return caught.value.errors()


def test_model_at_follows_fields_union_tags_indexes_and_mapping_keys():
    assert model_at(Root, ()) is Root
    assert model_at(Root, ("leaf",)) is Leaf
    assert model_at(Root, ("items", 0, "Other")) is Other
    assert model_at(Root, ("by_id", "S1.P2")) is Leaf
    assert keys_at(Root, ("leaf", "level")) is None  # a value, not a mapping


def test_an_unknown_key_gets_a_guess_or_the_allowed_keys():
    (err,) = errors({"leaf": {"levle": "low"}})
    assert message(describe(err, Root)) == "unknown key 'levle'; did you mean 'level'?"
    (err,) = errors({"leaf": {"zzz": 1}})
    assert message(describe(err, Root)) == "unknown key 'zzz'; expected one of level, cf"


def test_a_kind_of_file_names_its_entries_and_values_in_its_own_words():
    words = Words(entry="field", values=lambda loc: ["low", "high"])
    (err,) = errors({"leaf": {"levle": "low"}})
    assert message(describe(err, Root, words)).startswith("unknown field 'levle'")
    (err,) = errors({"leaf": {"level": "mid"}})
    assert (
        message(describe(err, Root, words)) == "expected one of low, high; found a string ('mid')"
    )


def test_a_misspelt_value_gets_a_guess_in_any_kind_of_file():
    (err,) = errors({"leaf": {"level": "hgh"}})
    assert message(describe(err, Root)) == (
        "expected one of 'low' or 'high'; found a string ('hgh'); did you mean 'high'?"
    )
    words = Words(entry="field", values=lambda loc: ["low", "high"])
    assert message(describe(err, Root, words)) == (
        "expected one of low, high; found a string ('hgh'); did you mean 'high'?"
    )


def test_types_certainties_and_missing_keys_read_as_expected_and_found():
    (err,) = errors({"leaf": {"cf": "0.5"}})
    assert message(describe(err, Root)) == (
        "expected a certainty factor, a number from -1 to 1; found a string ('0.5')"
        " (write it without quotes)"
    )
    (err,) = errors({"leaf": []})
    assert message(describe(err, Root)) == "expected a mapping; found a list"
    (err,) = errors({"others": [{}]})
    assert describe(err, Root) == ("missing key 'name'", "")


def test_errors_at_one_place_merge_into_one_expectation():
    assert merge([("expected a", "x"), ("expected b", "x")]) == "expected a or b; found x"
    assert merge([("missing key 'k'", "")]) == "missing key 'k'"


def test_data_loc_keeps_only_the_path_that_exists_in_the_data():
    assert data_loc({"items": [{"name": 1}]}, ("items", 0, "Other", "name")) == (
        "items",
        0,
        "name",
    )
