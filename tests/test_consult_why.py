"""WHY climbs a goal chain: the rule a question serves, then each rule above, to the goal."""

import pytest
from kbfactory import conclusion, load, rule, write_kb

from expert.api import fact_model
from expert.consult import Consultation
from expert.engine import Evaluator

FactFile = fact_model()

RULES = [
    rule(
        "crisis-and-tension",
        [{"field": "climate.crisis", "at_least": "moderate"}, {"field": "climate.tension", "is": "high"}],
        {"pressure": 0.8},
    ),
    rule(
        "pressure-and-gain",
        [{"conclusion": "pressure"}, {"field": "us_agenda.sees_gain", "at_least": "moderate"}],
        {"motive": 0.9},
    ),
    rule("motive-drives", [{"conclusion": "motive"}], {"meeting-occurs": 0.7}),
    rule("rapport-helps", [{"field": "personal.rapport", "is": "warm"}], {"meeting-occurs": 0.2}),
]  # fmt: skip


@pytest.fixture
def consultation(tmp_path):
    kb = load(write_kb(tmp_path / "kb", RULES, [conclusion("pressure"), conclusion("motive")]))
    facts = FactFile.model_validate({"climate": {"tension": "high"}})
    return Consultation(kb, Evaluator(kb), facts)


def test_each_why_goes_one_level_up_to_the_goal(consultation):
    assert consultation.next_question().field == "climate.crisis"
    texts = [consultation.answer("why").text for _ in range(4)]
    assert texts == [
        "[why 1] The answer to climate.crisis can decide rule crisis-and-tension [S2.P1]: "
        "Rule crisis-and-tension\n"
        "  known:\n"
        "      climate.tension is high: holds, found high\n"
        "  not yet known:\n"
        "      climate.crisis is at least moderate: this question\n"
        "  then pressure (CF +0.80)\n",
        "[why 2] pressure is read by rule pressure-and-gain [S2.P1]: Rule pressure-and-gain\n"
        "  known:\n"
        "      nothing yet\n"
        "  not yet known:\n"
        "      pressure holds (CF ≥ +0.20): from the rule below\n"
        "      us_agenda.sees_gain is at least moderate\n"
        "  then motive (CF +0.90)\n",
        "[why 3] motive is read by rule motive-drives [S2.P1]: Rule motive-drives\n"
        "  known:\n"
        "      nothing yet\n"
        "  not yet known:\n"
        "      motive holds (CF ≥ +0.20): from the rule below\n"
        "  then meeting-occurs (CF +0.70)\n",
        "[why 4] meeting-occurs (The meeting-occurs title; so far undecided, CF +0.00): "
        "this is the goal of the consultation.\n",
    ]


def test_how_n_explains_the_conclusion_of_that_level(consultation):
    consultation.answer("why")
    consultation.answer("why")
    assert consultation.answer("how 2").data == {"conclusion": "motive"}
    assert consultation.answer("how 1").data == {"conclusion": "pressure"}
    assert consultation.answer("how 9").data == {"conclusion": "meeting-occurs"}


def test_a_new_question_starts_the_chain_again(consultation):
    consultation.answer("why")
    consultation.answer("high")
    reply = consultation.answer("why")
    assert reply.data["level"] == 1
    assert reply.data["rules"] == ["pressure-and-gain", "motive-drives"]
    assert "      pressure holds (CF ≥ +0.20): holds, CF +0.80\n" in reply.text
