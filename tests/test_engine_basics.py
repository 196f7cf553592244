"""Forward chaining over a tiny knowledge base: firing, chaining and combining."""

import pytest
from kbfactory import conclusion, evaluate, load, rule, write_kb

from expert.api import fact_model
from expert.engine import Evaluator

FactFile = fact_model()


def test_three_supports_combine_before_the_downstream_rule_fires_once(tmp_path):
    rules = [
        rule("rule-a", [{"field": "climate.crisis", "is": "high"}], {"pressure": 0.5}),
        rule("rule-b", [{"field": "climate.tension", "is": "high"}], {"pressure": 0.5}),
        rule("rule-c", [{"field": "personal.rapport", "is": "warm"}], {"pressure": 0.5}),
        rule("downstream", [{"conclusion": "pressure"}], {"meeting-occurs": 0.8}),
    ]
    kb = load(write_kb(tmp_path, rules, [conclusion("pressure")]))
    facts = {"climate": {"crisis": "high", "tension": "high"}, "personal": {"rapport": "warm"}}
    result = evaluate(kb, facts)
    assert result.conclusions["pressure"].cf == 0.875
    downstream = [f for f in result.trace if f.rule == "downstream"]
    assert len(downstream) == 1
    assert downstream[0].premise_cf == 0.875
    assert result.verdict_cf == 0.7


def pressure_kb(tmp_path, extra_rules):
    """Three rules support `pressure` by 0.5 each; `downstream` reads it."""
    rules = [
        rule("rule-a", [{"field": "climate.crisis", "is": "high"}], {"pressure": 0.5}),
        rule("rule-b", [{"field": "climate.tension", "is": "high"}], {"pressure": 0.5}),
        rule("rule-c", [{"field": "personal.rapport", "is": "warm"}], {"pressure": 0.5}),
        rule("downstream", [{"conclusion": "pressure"}], {"meeting-occurs": 0.8}),
        *extra_rules,
    ]
    return load(write_kb(tmp_path, rules, [conclusion("pressure")]))


ALL_THREE = {"climate": {"crisis": "high", "tension": "high"}, "personal": {"rapport": "warm"}}


def test_a_negative_contribution_is_combined_before_the_downstream_rule_fires(tmp_path):
    against = rule("rule-d", [{"field": "personal.trust", "is": "none"}], {"pressure": -0.4})
    kb = pressure_kb(tmp_path, [against])
    result = evaluate(kb, {**ALL_THREE, "personal": {"rapport": "warm", "trust": "none"}})
    pressure = result.conclusions["pressure"]
    assert pressure.cf == pytest.approx((0.875 - 0.4) / 0.6)
    assert (pressure.supporting, pressure.opposing) == ([1, 2, 3], [4])
    downstream = [f for f in result.trace if f.rule == "downstream"]
    assert [f.premise_cf for f in downstream] == [pressure.cf]


def test_an_any_whose_branches_both_match_lends_its_conclusion_once(tmp_path):
    either = {"any": [{"field": "climate.crisis", "is": "high"}, {"field": "climate.tension", "is": "high"}]}  # fmt: skip
    kb = load(write_kb(tmp_path, [rule("either", [either], {"meeting-occurs": 0.6})], []))
    result = evaluate(kb, {"climate": {"crisis": "high", "tension": "high"}})
    assert [(f.rule, f.counted) for f in result.trace] == [("either", True), ("either", False)]
    assert result.verdict_cf == 0.6  # not combine(0.6, 0.6) = 0.84
    assert result.conclusions["meeting-occurs"].supporting == [1]


def test_an_any_lends_through_its_strongest_branch(tmp_path):
    rules = [
        rule("weak", [{"field": "climate.crisis", "is": "high"}], {"weak-sign": 0.3}),
        rule("strong", [{"field": "climate.crisis", "is": "high"}], {"strong-sign": 0.9}),
        rule("either", [{"any": [{"conclusion": "weak-sign"}, {"conclusion": "strong-sign"}]}], {"meeting-occurs": 0.5}),
    ]  # fmt: skip
    kb = load(write_kb(tmp_path, rules, [conclusion("weak-sign"), conclusion("strong-sign")]))
    result = evaluate(kb, {"climate": {"crisis": "high"}})
    counted = [f.premise_cf for f in result.trace if f.rule == "either" and f.counted]
    assert counted == [0.9]
    assert result.verdict_cf == 0.45


def test_not_waits_for_the_lower_stratum_to_finish(tmp_path):
    calm = rule("no-pressure", [{"not": {"conclusion": "pressure"}}], {"meeting-occurs": -0.5})
    kb = pressure_kb(tmp_path, [calm])
    assert kb.strata["no-pressure"] == 1
    fired = [f.rule for f in evaluate(kb, ALL_THREE).trace]
    assert fired == ["rule-a", "rule-b", "rule-c", "downstream"]
    assert [f.rule for f in evaluate(kb, {}).trace] == ["no-pressure"]


def test_a_conclusion_below_the_threshold_counts_as_not_established(tmp_path):
    calm = rule("no-pressure", [{"not": {"conclusion": "pressure"}}], {"meeting-occurs": -0.5})
    faint = rule("faint", [{"field": "timing.urgency", "is": "low"}], {"pressure": 0.1})
    result = evaluate(pressure_kb(tmp_path, [calm, faint]), {"timing": {"urgency": "low"}})
    assert result.conclusions["pressure"].cf == 0.1
    assert [f.rule for f in result.trace] == ["faint", "no-pressure"]


def test_an_unknown_fact_satisfies_only_known_false_and_not(tmp_path):
    rules = [
        rule("is-not-failure", [{"field": "history.last_outcome", "is_not": "failure"}], {"meeting-occurs": 0.1}),
        rule("unknown-outcome", [{"field": "history.last_outcome", "known": False}], {"meeting-occurs": 0.2}),
        rule("not-a-failure", [{"not": {"field": "history.last_outcome", "is": "failure"}}], {"meeting-occurs": 0.3}),
    ]  # fmt: skip
    kb = load(write_kb(tmp_path, rules, []))
    assert [f.rule for f in evaluate(kb, {}).trace] == ["not-a-failure", "unknown-outcome"]
    known = evaluate(kb, {"history": {"last_outcome": "mixed"}})
    assert [f.rule for f in known.trace] == ["is-not-failure", "not-a-failure"]


def test_a_reused_evaluator_forgets_the_previous_scenario(tmp_path):
    calm = rule("no-pressure", [{"not": {"conclusion": "pressure"}}], {"meeting-occurs": -0.5})
    both = rule("both", [{"conclusion": "pressure"}, {"field": "personal.trust", "is": "none"}], {"meeting-occurs": -0.2})  # fmt: skip
    kb = pressure_kb(tmp_path, [calm, both])
    doubtful = {**ALL_THREE, "personal": {"rapport": "warm", "trust": "none"}}
    reused = Evaluator(kb)
    first = [reused.evaluate(FactFile.model_validate(f)).to_dict() for f in (doubtful, {})]
    again = [reused.evaluate(FactFile.model_validate(f)).to_dict() for f in ({}, doubtful)]
    assert again == first[::-1]
    assert first == [evaluate(kb, doubtful).to_dict(), evaluate(kb, {}).to_dict()]
    assert [f["rule"] for f in again[0]["trace"]] == ["no-pressure"]
