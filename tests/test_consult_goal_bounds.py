"""The goal's span is sound: whatever the answers still to come, the engine ends inside it."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kbfactory import conclusion, load, rule, write_kb
from test_consult_lookahead import FIELDS, RULES

from expert import certainty
from expert.api import fact_model
from expert.consult import Consultation
from expert.engine import Evaluator
from expert.goal import Reach
from expert.hedge import Hedge, hedge
from expert.lookahead import Lookahead

FactFile = fact_model()

MORE = [  # a field read under `any` and `not`, and a conclusion read with a floor
    rule(
        "rule-g",
        [{"conclusion": "push", "min_cf": 0.5}, {"not": {"field": "personal.rapport", "is": "warm"}}],
        {"meeting-occurs": -0.4},
    ),
]  # fmt: skip
ANSWER = st.one_of(
    st.none(), st.integers(0, 3), st.tuples(st.integers(0, 3), st.sampled_from([0.1, 0.5, 0.9]))
)


@pytest.fixture(scope="module")
def tools(tmp_path_factory):
    kb = load(write_kb(tmp_path_factory.mktemp("kb"), RULES + MORE, [conclusion("push")]))
    evaluator = Evaluator(kb)
    return Reach(kb, "meeting-occurs"), Lookahead(kb, evaluator)


def value(path: str, answer):
    """An answer drawn for a field: None (unknown), a value, or a value with a certainty."""
    if answer is None:
        return None
    index, cf = answer if isinstance(answer, tuple) else (answer, 1.0)
    found = FIELDS[path][index % len(FIELDS[path])]
    return Hedge(found, cf) if cf < 1 else found


states = st.fixed_dictionaries(
    {p: st.tuples(st.sampled_from(["now", "later", "open"]), ANSWER) for p in FIELDS}
)


@settings(max_examples=80, deadline=None)
@given(state=states)
def test_every_completion_ends_inside_the_span(tools, state):
    reach, lookahead = tools
    known = {
        p: value(p, a)
        for p, (when, a) in state.items()
        if when == "now" and value(p, a) is not None
    }
    closed = {p for p, (when, a) in state.items() if when == "now" and value(p, a) is None}
    later = {
        p: value(p, a)
        for p, (when, a) in state.items()
        if when == "later" and value(p, a) is not None
    }
    low, high = reach.span(known, closed)
    # the answers still to come may carry a certainty, so the split must allow for one
    choices = reach.narrowings(known, closed, hedged=True)
    tight = reach.tight(known, closed, choices)
    cf = lookahead.evidence({**known, **later}).cfs.get("meeting-occurs", 0.0)
    assert low - 1e-9 <= tight[0] - 1e-9 <= cf <= tight[1] + 1e-9 <= high + 2e-9
    if certainty.band(tight[0]) == certainty.band(tight[1]):
        assert certainty.band(cf) == certainty.band(tight[0])


@settings(max_examples=40, deadline=None)
@given(state=states)
def test_with_every_field_answered_the_span_is_the_engines_cf(tools, state):
    reach, lookahead = tools
    known = {p: value(p, a) for p, (_, a) in state.items() if value(p, a) is not None}
    closed = set(FIELDS) - set(known)
    cf = lookahead.evidence(known).cfs.get("meeting-occurs", 0.0)
    assert reach.span(known, closed) == pytest.approx((cf, cf), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    answers=st.fixed_dictionaries({p: ANSWER for p in FIELDS}),
    rest=st.fixed_dictionaries({p: ANSWER for p in FIELDS}),
)
def test_when_a_consultation_stops_no_other_answers_change_the_band(tools, answers, rest):
    reach, lookahead = tools
    session = Consultation(reach.kb, lookahead.evaluator, FactFile.model_validate({}))
    for _ in FIELDS:
        question = session.next_question()
        if question is None:
            break
        found = value(question.field, answers[question.field])
        line = (
            "unknown"
            if found is None
            else f"{found.value} {found.cf}"
            if isinstance(found, Hedge)
            else str(found)
        )
        session.answer(line if not isinstance(found, bool) else ("yes" if found else "no"))
    assert session.next_question() is None
    band = certainty.band(session.goal_cf)
    unasked = {
        p: value(p, rest[p]) for p in FIELDS if p not in session.known and p not in session.unknown
    }
    completed = {**session.known, **{p: v for p, v in unasked.items() if v is not None}}
    assert certainty.band(lookahead.evidence(completed).cfs.get("meeting-occurs", 0.0)) == band


TWO_OF_THREE = [  # `push` reaches 0.7 only with two of three answers; min with `rapport`
    rule("a1", [{"field": "climate.crisis", "is": "high"}], {"push": 0.5}),
    rule("a2", [{"field": "climate.tension", "is": "high"}], {"push": 0.5}),
    rule("a3", [{"field": "us_agenda.sees_gain", "is": "high"}], {"push": 0.5}),
    rule("warm", [{"field": "personal.rapport", "is": "warm"}], {"rapport": 0.4}),
    rule(
        "both",
        [{"conclusion": "push", "min_cf": 0.7}, {"conclusion": "rapport"}],
        {"meeting-occurs": 0.9},
    ),
]


def test_it_keeps_asking_while_answers_count_only_together(tmp_path):
    # No single answer narrows the goal's span here, yet two together move its band.
    kb = load(write_kb(tmp_path / "kb", TWO_OF_THREE, [conclusion("push"), conclusion("rapport")]))
    start = FactFile.model_validate({"personal": {"rapport": "warm"}})
    session = Consultation(kb, Evaluator(kb), start)
    assert session.reach.narrowings(session.known, []) == []
    for _ in range(3):
        session.answer("high")
    assert session.next_question() is None
    assert (certainty.band(session.goal_cf), session.goal_cf) == ("somewhat likely", 0.36)


@pytest.fixture(scope="module")
def built_in():
    from expert import api

    kb = api.knowledge_base()
    # One Reach climbs from a known state after each candidate answer; the other only
    # ever climbs from nothing (its cache sees no state that the first one built).
    return kb, Reach(kb, kb.manifest.verdict), Reach(kb, kb.manifest.verdict)


@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_a_climb_after_one_answer_equals_a_climb_from_nothing(built_in, data):
    kb, reach, scratch = built_in
    paths = sorted(reach.readers)
    known, closed = {}, set()
    for path in data.draw(st.lists(st.sampled_from(paths), unique=True, max_size=25)):
        found = data.draw(st.sampled_from([None, *kb.fields[path].values]))
        known.update({path: found} if found is not None else {})
        closed.update({path} if found is None else set())
    now = scratch.span(known, closed)
    choices = {c.field: c.spans for c in reach.narrowings(known, closed)}
    for path in reach.open_fields(known, closed):
        spans = {None: scratch.span(known, closed | {path})}
        spans |= {v: scratch.span({**known, path: v}, closed) for v in kb.fields[path].values}
        narrows = any(span != now for span in spans.values())
        assert choices.get(path) == (spans if narrows else None)


def test_a_hedged_answer_can_move_what_plain_answers_cannot(tools):
    """True for certain lends the goal +0.2 and, through a strong push, -0.4: about 0.
    True at 0.5 lends +0.1 and leaves the push too weak to oppose it. So the split on
    plain answers alone says 0, and the consultation must not stop on it."""
    reach, lookahead = tools
    closed = {"climate.crisis", "climate.tension", "personal.rapport", "us_agenda.sees_gain"}
    plain = reach.tight({}, closed, reach.narrowings({}, closed))
    hedged = reach.tight({}, closed, reach.narrowings({}, closed, hedged=True))
    cf = lookahead.evidence({"us_agenda.seeks_breakthrough": Hedge(True, 0.5)}).cfs
    assert plain == (0.0, 0.0)
    assert hedged[0] < 0 < cf["meeting-occurs"] == 0.1 <= hedged[1]
    choice, _ = reach.choose({}, closed)
    assert choice is not None and choice.field == "us_agenda.seeks_breakthrough"


def typed(found) -> str:
    """An answer as a user types it: `unknown`, a value, or a value and its certainty."""
    if found is None:
        return "unknown"
    plain, cf = (found.value, found.cf) if isinstance(found, Hedge) else (found, 1.0)
    shown = ("yes" if plain else "no") if isinstance(plain, bool) else str(plain)
    return shown if cf >= 1 else f"{shown} {cf}"


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_a_consultation_of_the_built_in_knowledge_base_ends_in_the_band_of_all_answers(
    built_in, data
):
    from expert import api

    kb = built_in[0]
    evaluator = api.evaluator()
    draw = st.one_of(st.none(), st.integers(0, 4), st.tuples(st.integers(0, 4), st.just(0.5)))
    answers = {}
    for path in sorted(kb.fields):
        found = data.draw(draw)
        values = kb.fields[path].values
        index, cf = found if isinstance(found, tuple) else (found, 1.0)
        answers[path] = None if index is None else hedge(values[index % len(values)], cf)
    session = Consultation(kb, evaluator, FactFile.model_validate({}))
    for _ in kb.fields:
        question = session.next_question()
        if question is None:
            break
        session.answer(typed(answers[question.field]))
    known = {p: v for p, v in answers.items() if v is not None}
    result = evaluator.evaluate(Lookahead(kb, evaluator).model(known))  # what assess computes
    ended = result.conclusions.get(kb.manifest.verdict)
    assert certainty.band(session.goal_cf) == certainty.band(ended.cf if ended else 0.0)
