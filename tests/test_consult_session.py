"""The consultation as a plain object: what it asks toward its goal, and its commands."""

import pytest
from consultkb import consult_kb
from kbfactory import load

from expert import api
from expert.api import fact_model
from expert.consult import Consultation, parse_choice
from expert.engine import Evaluator

FactFile = fact_model()


@pytest.fixture
def kb(tmp_path):
    return load(consult_kb(tmp_path / "kb"))


def session(kb, facts=None, path=None, **options) -> Consultation:
    start = FactFile.model_validate(facts or {})
    return Consultation(kb, Evaluator(kb), start, path=path, **options)


def asked(consultation: Consultation, answer: str = "1") -> list[str]:
    """Answer every question with `answer`; the fields asked, in order."""
    fields = []
    while (question := consultation.next_question()) is not None:
        fields.append(question.field)
        consultation.answer(answer)
    return fields


def test_the_question_that_narrows_the_goal_most_comes_first(kb):
    question = session(kb).next_question()
    assert question.field == "climate.crisis"
    assert question.text == kb.fields["climate.crisis"].question
    assert question.choices == ("none", "low", "moderate", "high")


def test_it_stops_once_no_answer_can_move_the_goal_out_of_its_band(kb):
    consultation = session(kb, {"climate": {"crisis": "high"}})
    assert consultation.next_question().field == "alliances.allies_stance"
    reply = consultation.answer("neutral")
    assert reply.text == "  So far: The meeting-occurs title: likely (CF +0.60); settled\n"
    assert consultation.next_question() is None
    assert consultation.stop_reason() == (
        "No question is left that could move meeting-occurs out of 'likely': whatever "
        "the other answers, its CF ends between +0.60 and +0.80."
    )


def test_all_asks_everything_that_could_change_any_conclusion(kb):
    # allies-block already fails on allies_stance, so its other field cannot matter;
    # climate.syria is read by no rule at all. The goal is settled from the start.
    facts = {"climate": {"crisis": "high"}, "alliances": {"allies_stance": "neutral"}}
    assert asked(session(kb, facts, ask_all=True), "unknown") == [
        "us_agenda.sees_gain",
        "climate.tension",
    ]
    assert asked(session(kb, facts), "unknown") == []


def test_questions_are_asked_while_some_answer_could_still_move_the_band(kb):
    facts = {"alliances": {"allies_stance": "neutral"}}
    assert asked(session(kb, facts), "unknown") == [
        "climate.crisis",
        "us_agenda.sees_gain",
        "climate.tension",
    ]


def test_a_conjunction_asks_its_second_field_right_after_the_first(kb):
    facts = {"climate": {"crisis": "none"}, "us_agenda": {"sees_gain": "none"}}
    consultation = session(kb, facts)
    assert consultation.next_question().field == "alliances.allies_stance"
    consultation.answer("opposed")
    assert consultation.next_question().field == "alliances.allies_fear_legitimising"


def test_an_answer_by_number_value_prefix_or_any_case_updates_the_goal_line(kb):
    consultation = session(kb)
    reply = consultation.answer("3")
    assert reply.kind == "answer"
    assert reply.text == (
        "  So far: The meeting-occurs title: likely (CF +0.60); could still end between "
        "+0.20 and +0.80\n"
    )
    consultation.answer("OPP")
    consultation.answer("Y")
    assert consultation.known == {
        "climate.crisis": "moderate",
        "alliances.allies_stance": "opposed",
        "alliances.allies_fear_legitimising": True,
    }


def test_an_ambiguous_prefix_or_a_wrong_answer_shows_the_choices_and_records_nothing(kb):
    spec = kb.fields["climate.relations"]
    with pytest.raises(ValueError, match="'st' could be strained, stable: type more of it"):
        parse_choice(spec, spec.values, "st")
    consultation = session(kb)
    reply = consultation.answer("severe")
    assert reply.kind == "invalid"
    assert "1 none, 2 low, 3 moderate, 4 high" in reply.text
    assert consultation.answers == []
    assert consultation.answer("7").kind == "invalid"


def test_unknown_is_never_asked_again_and_back_undoes_it_and_shows_the_goal(kb):
    consultation = session(kb)
    consultation.answer("unknown")
    assert consultation.unknown == ["climate.crisis"]
    assert consultation.next_question().field == "alliances.allies_stance"
    reply = consultation.answer("back")
    assert reply.text == (
        "Took back climate.crisis = unknown.\n"
        "  So far: The meeting-occurs title: undecided (CF +0.00); could still end between "
        "-0.50 and +0.80\n"
    )
    assert consultation.next_question().field == "climate.crisis"
    assert consultation.answer("back").kind == "back"  # nothing left to take back
    assert consultation.answers == []


def test_how_and_why_not_explain_the_conclusions_so_far(kb):
    consultation = session(kb, {"us_agenda": {"sees_gain": "high"}})
    how = consultation.answer("how motive").text
    assert "+0.70 from gain-motivates [S2.P1]" in how
    assert "because us_agenda.sees_gain is high" in how
    why_not = consultation.answer("why-not meeting-occurs").text
    assert "crisis-pushes [S2.P1] did not fire" in why_not
    assert "climate.crisis is at least moderate: unknown" in why_not
    assert "did you mean 'motive'?" in consultation.answer("how motiv").text


def test_help_status_and_quit_go_through_the_same_table(kb):
    consultation = session(kb)
    help_text = consultation.answer("?").text
    assert kb.fields["climate.crisis"].description in help_text
    assert "`high 0.6`, or a word before it: certainly (1), probably (0.6)" in help_text
    assert "questions that still matter 6" in consultation.answer("status").text
    assert consultation.answer("quit").done


def test_the_end_names_the_goal_its_reasons_and_what_could_still_move_it(kb):
    consultation = session(kb, {"alliances": {"allies_stance": "opposed"}})
    for line in ["moderate", "yes", "quit"]:
        consultation.answer(line)
    assert consultation.summary() == (
        "Goal: meeting-occurs (The meeting-occurs title): somewhat likely (CF +0.20)\n"
        "  for:     crisis-pushes +0.60\n"
        "  against: allies-block -0.50\n"
        "  Unanswered questions that could still have moved it on their own:\n"
        "    us_agenda.sees_gain: by up to 0.22 (to between +0.20 and +0.42)\n"
    )


def test_completion_offers_choices_commands_and_conclusion_names(kb):
    consultation = session(kb)
    assert consultation.completions("m") == ["moderate"]
    assert consultation.completions("h") == ["high", "help", "how"]
    assert consultation.completions("how mo") == ["how motive"]


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


def test_the_final_conclusions_equal_an_assessment_of_the_saved_file(kb, tmp_path):
    consultation = session(kb, path=tmp_path / "answers.yaml")
    lines = {"climate.crisis": "low", "us_agenda.sees_gain": "high", "climate.tension": "high"}
    lines |= {"alliances.allies_stance": "opposed", "alliances.allies_fear_legitimising": "yes"}
    while (question := consultation.next_question()) is not None:
        consultation.answer(lines.get(question.field, "unknown"))
    assessed = api.assess(tmp_path / "answers.yaml", rules=tmp_path / "kb")
    assert len(consultation.result.conclusions) == 2
    assert consultation.result.to_dict()["conclusions"] == assessed.to_dict()["conclusions"]


def test_how_question_mark_lists_the_conclusions(kb):
    assert session(kb).answer("how ?").text == (
        "  meeting-occurs: The meeting-occurs title\n  motive: The motive title\n"
    )


def test_sessions_started_in_the_same_second_never_share_a_save_file(tmp_path):
    from datetime import datetime

    from expert.consult_save import default_path

    now = datetime(2026, 12, 2, 3, 4, 5)
    first, second = default_path(now, tmp_path), default_path(now, tmp_path)
    assert (first.name, second.name) == (
        "consultation-20261202-030405.yaml",
        "consultation-20261202-030405-2.yaml",
    )
    assert first.exists() and second.exists()  # each taken at once, before any answer


def test_a_session_that_cannot_start_gives_back_the_name_it_took(tmp_path, monkeypatch):
    from expert.errors import ExpertError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExpertError, match="unknown conclusion"):
        api.consultation(goal="no-such-goal")
    assert list((tmp_path / "consultations").iterdir()) == []


def test_saving_elsewhere_moves_the_resume_hint_with_the_file(kb, tmp_path):
    from expert.consult_save import header_for

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    header = header_for(first, "summit consult --resume")
    first.write_text(header + "scenario:\n  name: first\n", encoding="utf-8")
    facts = api.load_facts(first)
    consultation = Consultation(
        kb,
        Evaluator(kb),
        facts,
        path=first,
        resumed=True,
        resume_command="summit consult --resume",
    )
    consultation.answer("save " + str(second))
    assert second.read_text(encoding="utf-8").startswith(
        header_for(second, "summit consult --resume")
    )
