"""Rules that can never fire together lend the goal's span only one of their CFs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kbfactory import conclusion, load, rule, write_kb

from expert import certainty, exclusive
from expert.engine import Evaluator
from expert.goal import Reach
from expert.lookahead import Lookahead
from expert.premise import Premises

FIELDS = {
    "climate.crisis": ["none", "low", "moderate", "high"],
    "climate.tension": ["none", "low", "moderate", "high"],
    "personal.rapport": ["hostile", "cool", "neutral", "warm"],
}
CRISIS, TENSION = "climate.crisis", "climate.tension"
RULES = [  # `low-*` and `high-*` read one field at disjoint values; `and-*` on one conclusion
    rule("high-crisis", [{"field": CRISIS, "at_least": "moderate"}], {"push": -0.6}),
    rule("low-crisis", [{"field": CRISIS, "at_most": "low"}], {"push": -0.5}),
    rule("any-tension", [{"field": TENSION, "known": True}], {"pull": 0.5}),
    rule("cool", [{"field": "personal.rapport", "at_most": "cool"}], {"pull": -0.7}),
    rule("and-pull", [{"conclusion": "push", "max_cf": -0.2}, {"conclusion": "pull"}],
         {"meeting-occurs": -0.7}),
    rule("and-no-pull", [{"conclusion": "push", "max_cf": -0.2}, {"not": {"conclusion": "pull"}}],
         {"meeting-occurs": -0.4}),
    rule("either", [{"any": [{"field": CRISIS, "is": "high"}, {"field": TENSION, "is": "high"}]}],
         {"meeting-occurs": -0.3}),
]  # fmt: skip


@pytest.fixture(scope="module")
def tools(tmp_path_factory):
    kb = load(
        write_kb(tmp_path_factory.mktemp("kb"), RULES, [conclusion("push"), conclusion("pull")])
    )
    return kb, Reach(kb, "meeting-occurs"), Lookahead(kb, Evaluator(kb))


def test_rules_on_disjoint_values_or_a_conclusion_and_its_negation_share_a_group(tools):
    _, reach, _ = tools
    assert reach.groups["push"] == ([], [["high-crisis", "low-crisis"]])
    assert "pull" not in reach.groups  # its two rules can fire together
    assert reach.groups["meeting-occurs"] == (["either"], [["and-no-pull", "and-pull"]])


def test_an_any_with_one_branch_left_open_excludes_nothing(tools):
    kb = tools[0]
    premises = Premises(kb)
    assert not exclusive.excludes(kb, premises, "either", "high-crisis")
    assert exclusive.excludes(kb, premises, "low-crisis", "high-crisis")


def test_only_one_of_two_exclusive_rules_counts_toward_an_end_of_the_span(tools):
    _, reach, _ = tools
    # crisis open: push is -0.6 or -0.5 or nothing, never both (-0.8 combined)
    assert reach.spans({}, {TENSION, "personal.rapport"})["push"] == (-0.6, 0.0)


def value(path: str, index: int | None):
    return None if index is None else FIELDS[path][index % len(FIELDS[path])]


ANSWERS = st.fixed_dictionaries({p: st.one_of(st.none(), st.integers(0, 3)) for p in FIELDS})
WHEN = st.fixed_dictionaries({p: st.sampled_from(["now", "later", "never"]) for p in FIELDS})


@settings(max_examples=80, deadline=None)
@given(answers=ANSWERS, when=WHEN)
def test_every_completion_ends_inside_the_span_and_its_band_once_settled(tools, answers, when):
    _, reach, lookahead = tools
    now = {p: value(p, answers[p]) for p in FIELDS if when[p] == "now"}
    known = {p: v for p, v in now.items() if v is not None}
    closed = {p for p, v in now.items() if v is None}
    later = {p: value(p, answers[p]) for p in FIELDS if when[p] == "later"}
    complete = {**known, **{p: v for p, v in later.items() if v is not None}}
    cf = lookahead.evidence(complete).cfs.get("meeting-occurs", 0.0)
    low, high = reach.tight(known, closed, reach.narrowings(known, closed, hedged=True))
    assert low - 1e-9 <= cf <= high + 1e-9
    if certainty.band(low) == certainty.band(high):
        assert certainty.band(cf) == certainty.band(low)
