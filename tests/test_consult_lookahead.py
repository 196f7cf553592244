"""The lazy choice of the next question is exact: it matches trying every answer."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from kbfactory import conclusion, load, rule, write_kb

from expert.engine import Evaluator
from expert.lookahead import Lookahead

FIELDS = {
    "climate.crisis": ["none", "low", "moderate", "high"],
    "climate.tension": ["none", "low", "moderate", "high"],
    "personal.rapport": ["hostile", "cool", "neutral", "warm"],
    "us_agenda.sees_gain": ["none", "low", "moderate", "high"],
    "us_agenda.seeks_breakthrough": [True, False],
}
RULES = [
    rule("rule-a", [{"field": "climate.crisis", "at_least": "moderate"}], {"push": 0.6}),
    rule(
        "rule-b",
        [
            {
                "any": [
                    {"field": "climate.tension", "is": "high"},
                    {"field": "us_agenda.seeks_breakthrough", "is": True},
                ]
            }
        ],
        {"push": 0.5, "meeting-occurs": 0.2},
    ),
    rule("rule-c", [{"field": "personal.rapport", "at_most": "cool"}], {"push": -0.7}),
    rule(
        "rule-d",
        [{"conclusion": "push"}, {"field": "us_agenda.sees_gain", "at_least": "low"}],
        {"meeting-occurs": 0.7},
    ),
    rule("rule-e", [{"conclusion": "push", "max_cf": -0.3}], {"meeting-occurs": -0.6}),
    rule(
        "rule-f",
        [{"not": {"conclusion": "push"}}, {"field": "climate.tension", "is": "none"}],
        {"meeting-occurs": -0.2},
    ),
]


@pytest.fixture(scope="module")
def lookahead(tmp_path_factory) -> Lookahead:
    kb = load(write_kb(tmp_path_factory.mktemp("kb"), RULES, [conclusion("push")]))
    return Lookahead(kb, Evaluator(kb))


states = st.dictionaries(
    st.sampled_from(sorted(FIELDS)), st.integers(0, 4), max_size=len(FIELDS)
).map(
    lambda d: (
        {f: FIELDS[f][i] for f, i in d.items() if i < len(FIELDS[f])},
        {f for f, i in d.items() if i >= len(FIELDS[f])},
    )
)


@settings(max_examples=60, deadline=None)
@given(state=states)
def test_the_lazy_best_is_the_head_of_the_full_ranking(lookahead, state):
    known, closed = state  # answered fields, and fields answered unknown
    ranking = lookahead.ranking(known, closed)
    best = lookahead.best(known, closed)
    assert (best.field if best else None) == (ranking[0].field if ranking else None)
    if best:
        assert (best.verdict, best.any) == (ranking[0].verdict, ranking[0].any)


NO_PUSH = {  # no rule can conclude `push`, so the field of rule-d cannot matter
    "climate.crisis": "none",
    "climate.tension": "low",
    "us_agenda.seeks_breakthrough": False,
    "personal.rapport": "warm",
}


@settings(max_examples=40, deadline=None)
@given(state=states)
@example(state=(NO_PUSH, set()))
def test_no_answer_to_a_field_left_out_moves_any_conclusion(lookahead, state):
    known, closed = state
    relevant = lookahead.relevant(known, closed)
    for path, values in FIELDS.items():
        if path not in known and path not in closed and path not in relevant:
            assert all(lookahead.change(path, v, known) == (0.0, 0.0) for v in values)
