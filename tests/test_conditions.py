"""expert.conditions: how a rule condition reads, when it holds, and what it contains."""

from pydantic import TypeAdapter

from expert.conditions import cf_range, describe, holds, signed_tests, truth, walk
from expert.facts import FieldSpec
from expert.ruleschema import Condition

LEVEL = FieldSpec(
    "g.level", "g", "level", "ordinal", ("none", "low", "moderate", "high"), "", "", ()
)
FLAG = FieldSpec("g.flag", "g", "flag", "bool", (True, False), "", "", ())
FIELDS = {"g.level": LEVEL, "g.flag": FLAG}


def cond(data: dict) -> Condition:
    return TypeAdapter(Condition).validate_python(data)


def check(data: dict, facts: dict | None = None, conclusions: dict | None = None) -> bool:
    return holds(cond(data), facts or {}, conclusions or {}, fields=FIELDS)


def test_field_tests_read_as_the_rules_doc_writes_them():
    assert describe(cond({"field": "g.level", "is": "low"})) == "g.level is low"
    assert describe(cond({"field": "g.flag", "is_not": True})) == "g.flag is not true"
    assert describe(cond({"field": "g.level", "one_of": ["low", "high"]})) == (
        "g.level is one of low, high"
    )
    assert describe(cond({"field": "g.level", "at_least": "moderate"})) == (
        "g.level is at least moderate"
    )
    assert describe(cond({"field": "g.level", "at_most": "low"})) == "g.level is at most low"
    assert describe(cond({"field": "g.level", "known": False})) == "g.level is unknown"


def test_conclusion_tests_read_with_their_bound_the_default_included():
    assert describe(cond({"conclusion": "x"})) == "x holds (CF ≥ +0.20)"
    assert describe(cond({"conclusion": "x", "min_cf": 0.5})) == "x holds (CF ≥ +0.50)"
    assert describe(cond({"conclusion": "x", "max_cf": -0.3})) == (
        "x is argued against (CF ≤ -0.30)"
    )


def test_nested_conditions_read_with_brackets():
    data = {
        "any": [
            {"field": "g.flag", "is": True},
            {"not": {"all": [{"conclusion": "x"}, {"field": "g.level", "known": True}]}},
        ]
    }
    assert describe(cond(data)) == (
        "any of (g.flag is true; not (all of (x holds (CF ≥ +0.20); g.level is known)))"
    )


def test_an_ordinal_test_holds_on_its_side_of_the_scale():
    assert check({"field": "g.level", "at_least": "moderate"}, {"g.level": "high"})
    assert not check({"field": "g.level", "at_least": "moderate"}, {"g.level": "low"})
    assert check({"field": "g.level", "at_most": "low"}, {"g.level": "none"})


def test_an_unknown_fact_fails_every_test_but_known_false():
    for data in (
        {"field": "g.level", "at_most": "high"},
        {"field": "g.flag", "is_not": True},
        {"field": "g.level", "known": True},
    ):
        assert not check(data)
    assert check({"field": "g.level", "known": False})
    assert check({"not": {"field": "g.flag", "is": True}})  # negation as failure


def test_a_conclusion_test_needs_a_strong_enough_conclusion():
    assert check({"conclusion": "x"}, conclusions={"x": 0.2})
    assert not check({"conclusion": "x"}, conclusions={"x": 0.19})
    assert not check({"conclusion": "x", "min_cf": 0.5}, conclusions={"x": 0.4})
    assert not check({"conclusion": "x"})  # not drawn at all
    assert check({"not": {"conclusion": "x"}})


def test_max_cf_holds_only_on_a_conclusion_argued_against_strongly_enough():
    assert check({"conclusion": "x", "max_cf": -0.3}, conclusions={"x": -0.5})
    assert not check({"conclusion": "x", "max_cf": -0.3}, conclusions={"x": -0.25})
    assert not check({"conclusion": "x", "max_cf": -0.3}, conclusions={"x": 0.6})
    assert cf_range(cond({"conclusion": "x", "max_cf": -0.3})) == (-1.0, -0.3)
    assert cf_range(cond({"conclusion": "x"})) == (0.2, 1.0)


def test_any_of_holds_when_one_part_does():
    data = {"any": [{"field": "g.flag", "is": True}, {"field": "g.level", "is": "high"}]}
    assert check(data, {"g.level": "high"})
    assert not check(data, {"g.level": "low", "g.flag": False})


def test_truth_is_three_valued_when_a_test_is_not_settled():
    open_flag = {"g.flag": None, "g.level": True}  # the flag test is not settled yet

    def leaf(test):
        return open_flag[test.field]

    flag, level = {"field": "g.flag", "is": True}, {"field": "g.level", "is": "high"}
    assert truth(cond({"all": [flag, level]}), leaf) is None
    assert truth(cond({"any": [flag, level]}), leaf) is True
    assert truth(cond({"all": [flag, {"not": level}]}), leaf) is False
    assert truth(cond({"not": flag}), leaf) is None


def test_tests_are_found_with_their_sign_and_conditions_with_their_path():
    data = {"all": [{"field": "g.flag", "is": True}, {"not": {"conclusion": "x"}}]}
    found = [(describe(t), sign) for t, sign in signed_tests(cond(data))]
    assert found == [("g.flag is true", 1), ("x holds (CF ≥ +0.20)", -1)]
    paths = [loc for _, loc in walk(cond(data))]
    assert paths == [(), ("all", 0), ("all", 1), ("all", 1, "not")]
