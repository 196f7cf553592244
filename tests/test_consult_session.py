"""The consultation as a plain object: what it asks, in what order, and its commands."""

import pytest
from consultkb import consult_kb
from kbfactory import load

from expert import api
from expert.api import fact_model
from expert.consult import Consultation
from expert.engine import Evaluator

FactFile = fact_model()


@pytest.fixture
def kb(tmp_path):
    return load(consult_kb(tmp_path / "kb"))


def session(kb, facts=None, path=None) -> Consultation:
    start = FactFile.model_validate(facts or {})
    return Consultation(kb, Evaluator(kb), start, path=path)


def asked(consultation: Consultation, answer: str = "1") -> list[str]:
    """Answer every question with `answer`; the fields asked, in order."""
    fields = []
    while (question := consultation.next_question()) is not None:
        fields.append(question.field)
        consultation.answer(answer)
    return fields


def test_the_most_influential_question_comes_first(kb):
    question = session(kb).next_question()
    assert question.field == "climate.crisis"
    assert question.text == kb.fields["climate.crisis"].question
    assert question.choices == ("none", "low", "moderate", "high")


def test_a_field_no_rule_can_use_is_never_asked(kb):
    # allies-block already fails on allies_stance, so its other field cannot matter;
    # climate.syria is read by no rule at all.
    consultation = session(kb, {"alliances": {"allies_stance": "neutral"}})
    fields = asked(consultation, "unknown")
    assert fields == ["climate.crisis", "us_agenda.sees_gain", "climate.tension"]
    assert "alliances.allies_fear_legitimising" not in fields


def test_a_conjunction_asks_its_second_field_once_the_first_holds(kb):
    consultation = session(kb, {"climate": {"crisis": "none"}, "us_agenda": {"sees_gain": "none"}})
    assert consultation.next_question().field == "climate.tension"
    consultation.answer("high")
    assert consultation.next_question().field == "personal.rapport"


def test_an_answer_by_number_or_value_updates_the_verdict_line(kb):
    consultation = session(kb)
    reply = consultation.answer("3")
    assert reply.kind == "answer"
    assert reply.text.strip() == "So far: The meeting-occurs title: likely (CF +0.60)"
    consultation.answer("high")
    assert consultation.known == {"climate.crisis": "moderate", "us_agenda.sees_gain": "high"}


def test_a_wrong_answer_shows_the_choices_and_records_nothing(kb):
    consultation = session(kb)
    reply = consultation.answer("severe")
    assert reply.kind == "invalid"
    assert "1 none, 2 low, 3 moderate, 4 high" in reply.text
    assert consultation.answers == []
    assert consultation.answer("7").kind == "invalid"


def test_unknown_is_never_asked_again_and_back_undoes_it(kb):
    consultation = session(kb)
    consultation.answer("unknown")
    assert consultation.unknown == ["climate.crisis"]
    assert consultation.next_question().field == "us_agenda.sees_gain"
    reply = consultation.answer("back")
    assert reply.text == "Took back climate.crisis = unknown.\n"
    assert consultation.next_question().field == "climate.crisis"
    assert consultation.answer("back").kind == "back"  # nothing left to take back
    assert consultation.answers == []


def test_why_climbs_the_chain_one_level_at_a_time(kb):
    consultation = session(kb, {"climate": {"crisis": "none"}})
    first = consultation.answer("why")
    assert first.data["rules"] == ["gain-motivates"]
    assert "then motive (CF +0.70)" in first.text
    second = consultation.answer("why")
    assert second.data["rules"] == ["motive-drives"]
    assert second.text.startswith("[why 2] Those conclusions are in turn used by:")
    assert consultation.answer("why").data["rules"] == []


def test_how_and_why_not_explain_the_conclusions_so_far(kb):
    consultation = session(kb, {"us_agenda": {"sees_gain": "high"}})
    how = consultation.answer("how motive").text
    assert "+0.70 from gain-motivates [S2.P1]" in how
    assert "because us_agenda.sees_gain is high" in how
    why_not = consultation.answer("why-not meeting-occurs").text
    assert "crisis-pushes [S2.P1] did not fire" in why_not
    assert "climate.crisis is at least moderate: unknown" in why_not
    assert "did you mean 'motive'?" in consultation.answer("how motiv").text


def test_why_not_lists_the_rules_for_it_that_failed_and_those_that_argued_against_it(kb):
    facts = {
        "climate": {"crisis": "low"},
        "alliances": {"allies_stance": "opposed", "allies_fear_legitimising": True},
    }
    why_not = session(kb, facts).answer("why-not").text
    assert why_not == (
        "meeting-occurs is concluded: unlikely (CF -0.50); see: how meeting-occurs\n"
        "  crisis-pushes [S2.P1] did not fire: Rule crisis-pushes\n"
        "      climate.crisis is at least moderate: found low\n"
        "  motive-drives [S2.P1] did not fire: Rule motive-drives\n"
        "      motive holds (CF ≥ +0.20): not concluded\n"
        "  tension-and-rapport [S2.P1] did not fire: Rule tension-and-rapport\n"
        "      climate.tension is high: unknown\n"
        "      personal.rapport is warm: unknown\n"
        "  against it: -0.50 from allies-block [S2.P1]: Rule allies-block\n"
    )


def test_help_status_and_quit_go_through_the_same_table(kb):
    consultation = session(kb)
    assert kb.fields["climate.crisis"].description in consultation.answer("?").text
    assert "questions that still matter 6" in consultation.answer("status").text
    assert consultation.answer("quit").done


def test_every_answer_is_saved_to_a_valid_fact_file(kb, tmp_path):
    path = tmp_path / "answers.yaml"
    consultation = session(kb, path=path)
    consultation.answer("4")
    consultation.answer("unknown")
    assert api.load_facts(path).climate.crisis == "high"
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place
    consultation.answer("back")
    assert api.load_facts(path).climate.crisis == "high"


def test_saving_where_it_cannot_warns_and_keeps_the_session(kb, tmp_path):
    consultation = session(kb, path=tmp_path / "answers.yaml")
    reply = consultation.answer("save " + str(tmp_path / "missing" / "a.yaml"))
    assert reply.text.startswith(f"  Warning: could not save to {tmp_path}/missing/a.yaml")
    assert consultation.path == tmp_path / "answers.yaml"
    assert consultation.answer("2").kind == "answer"


def test_why_shows_which_conditions_already_hold(kb):
    facts = {"climate": {"crisis": "none", "tension": "high"}, "us_agenda": {"sees_gain": "low"}}
    reply = session(kb, facts).answer("why")
    assert reply.text == (
        "[why 1] The answer to personal.rapport is needed by these rules:\n"
        "  tension-and-rapport [S2.P1]: Rule tension-and-rapport\n"
        "      if climate.tension is high: holds\n"
        "      and personal.rapport is warm: this question\n"
        "      then meeting-occurs (CF +0.30)\n"
    )


def test_the_final_conclusions_equal_an_assessment_of_the_saved_file(kb, tmp_path):
    consultation = session(kb, path=tmp_path / "answers.yaml")
    for line in ["3", "high", "high", "unknown", "1", "yes"]:
        consultation.answer(line)
    assessed = api.assess(tmp_path / "answers.yaml", rules=tmp_path / "kb")
    assert len(consultation.result.conclusions) == 2
    assert consultation.result.to_dict()["conclusions"] == assessed.to_dict()["conclusions"]
