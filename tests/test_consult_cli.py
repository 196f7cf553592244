"""`summit consult` with answers piped in, one per line."""

import pytest
from click.testing import CliRunner
from conftest import ROOT, assert_golden
from consultkb import consult_kb

from expert import api
from expert.cli import main


@pytest.fixture
def rules(tmp_path):
    return str(consult_kb(tmp_path / "kb"))


def consult(*args: str, input: str):
    return CliRunner().invoke(main, ["consult", *args], input=input)


TRANSCRIPT = ROOT / "tests" / "golden" / "consult" / "piped.txt"


def test_piped_answers_go_to_the_goal_and_end_with_the_assessment(rules, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = "3\nOpp\nyes\nnone\n"
    result = consult("--rules", rules, "--save", "answers.yaml", input=answers)
    assert result.exit_code == 0, result.output
    assert_golden(TRANSCRIPT, result.output)
    assessed = CliRunner().invoke(main, ["assess", "answers.yaml", "--rules", rules])
    assert assessed.output in result.output


def test_end_of_input_ends_like_quit(rules, tmp_path):
    result = consult("--rules", rules, "--save", str(tmp_path / "a.yaml"), input="1\n")
    assert result.exit_code == 0
    assert "[2] " in result.output
    assert "no rule concluded anything about it" in result.output
    assert api.load_facts(tmp_path / "a.yaml").climate.crisis == "none"  # the answer was kept


def test_resume_says_what_it_took_up_and_numbering_continues(rules, tmp_path):
    saved = str(tmp_path / "answers.yaml")
    consult("--rules", rules, "--save", saved, input="3\nopposed\n")
    result = consult("--rules", rules, "--resume", saved, input="quit\n")
    said = " ".join(result.output.split())  # as read, whatever the terminal's width
    assert (
        said.startswith("Answers are saved to ")
        and "Resumed 2 answers; so far: The meeting-occurs title: likely (CF +0.60); " in said
    )
    assert "could still end between +0.20 and +0.80 [3] Do allies fear a meeting" in said
    assert "(alliances.allies_fear_legitimising) 1) true 2) false" in said


HAND_WRITTEN = """\
# My own notes on this situation.
scenario: {name: "Hand made", description: "Written by hand;   kept as it is."}
climate: {crisis: moderate}
"""


def test_resume_without_a_new_answer_leaves_the_file_byte_identical(rules, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(HAND_WRITTEN)
    for typed in ["quit\n", "why\nstatus\nback\n", ""]:
        result = consult("--rules", rules, "--resume", str(path), input=typed)
        assert result.exit_code == 0, result.output
        assert path.read_text() == HAND_WRITTEN


def test_resume_with_a_new_answer_keeps_the_header_and_the_description(rules, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(HAND_WRITTEN)
    consult("--rules", rules, "--resume", str(path), input="neutral\n")
    assert path.read_text() == (
        "# My own notes on this situation.\n"
        "scenario:\n"
        "  name: Hand made\n"
        "  description: Written by hand;   kept as it is.\n"
        "climate:\n"
        "  crisis: moderate\n"
        "alliances:\n"
        "  allies_stance: neutral\n"
    )


def test_the_header_of_a_new_file_is_a_command_to_paste(rules, tmp_path):
    path = tmp_path / "my answers.yaml"
    consult("--rules", rules, "--save", str(path), input="quit\n")
    assert path.read_text().splitlines()[0] == (
        "# Answers given in a consultation, saved after each one. "
        f"Continue with: summit consult --resume '{path}'"
    )


def test_without_save_the_file_goes_to_the_consultations_folder(rules, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = consult("--rules", rules, input="2\n")
    files = [
        str(p.relative_to(tmp_path)) for p in tmp_path.glob("consultations/consultation-*.yaml")
    ]
    assert len(files) == 1, result.output
    assert f"Answers are saved to {files[0]}." in result.output


def test_a_fact_file_and_resume_together_are_a_usage_error(rules, tmp_path):
    (tmp_path / "f.yaml").write_text("climate: {crisis: high}\n")
    result = consult(str(tmp_path / "f.yaml"), "--resume", str(tmp_path / "f.yaml"), input="")
    assert result.exit_code == 2
    assert result.output == "Error: give a fact file to start from, or --resume, not both\n"


def test_a_save_file_in_a_missing_folder_is_refused_before_any_question(rules, tmp_path):
    result = consult("--rules", rules, "--save", str(tmp_path / "no" / "a.yaml"), input="")
    assert result.exit_code == 2
    assert (
        result.output
        == f"Error: cannot save to {tmp_path}/no/a.yaml: there is no folder {tmp_path}/no\n"
    )


def test_a_long_save_file_name_names_the_scenario_cut_to_fit(rules, tmp_path):
    where = tmp_path / ("long" * 50 + ".yaml")
    result = consult("--rules", rules, "--save", str(where), input="quit\n")
    assert result.exit_code == 0, result.output
    assert api.load_facts(where).scenario.name == "long" * 30


def test_a_save_file_name_that_is_not_utf8_still_names_the_scenario(rules, tmp_path):
    where = tmp_path / "caf\udce9.yaml"  # the byte 0xe9 of a Latin-1 file name
    api.consultation(save=where, rules=rules)
    assert api.load_facts(where).scenario.name == "caf?"
    assert where.read_text().startswith("# Answers given in a consultation")


def test_a_save_file_that_cannot_be_written_is_refused_before_any_question(rules, tmp_path):
    where = tmp_path / ("long" * 80 + ".yaml")  # a name too long for the file system
    result = consult("--rules", rules, "--save", str(where), input="3\n")
    assert result.exit_code == 2
    assert result.output == f"Error: cannot save to {where}: File name too long\n"


def test_answers_that_could_not_be_saved_are_not_reported_as_saved(rules, tmp_path, monkeypatch):
    import expert.consult

    real, calls = expert.consult.write_fact_file, []

    def full_disk(path, facts, header=""):
        calls.append(path)
        if len(calls) > 1:  # the file is made as the session starts, then the disk fills up
            raise OSError(28, "No space left on device")
        real(path, facts, header)

    monkeypatch.setattr(expert.consult, "write_fact_file", full_disk)
    saved = tmp_path / "a.yaml"
    result = consult("--rules", rules, "--save", str(saved), input="3\nquit\n")
    assert result.exit_code == 1
    assert "Answers saved to" not in result.output
    assert result.stderr.endswith(
        f"Error: the last answers could not be saved to {saved}: No space left on device\n"
    )


def test_ctrl_c_after_a_failed_save_does_not_point_to_the_file(rules, tmp_path, monkeypatch):
    import expert.cli.consult
    import expert.consult

    answers, real, calls = iter(["3"]), expert.consult.write_fact_file, []

    def read_then_interrupt(prompt):
        line = next(answers, None)
        if line is None:
            raise KeyboardInterrupt
        return line

    def disk_full_after_start(path, facts, header=""):
        calls.append(path)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real(path, facts, header)

    monkeypatch.setattr(expert.cli.consult, "line_reader", lambda *_: read_then_interrupt)
    monkeypatch.setattr(expert.consult, "write_fact_file", disk_full_after_start)
    saved = tmp_path / "a.yaml"
    result = consult("--rules", rules, "--save", str(saved), input="")
    assert result.exit_code == 130
    assert result.stderr == (
        f"\nInterrupted: the last answers could not be saved to {saved}: No space left on device\n"
    )


def test_when_no_question_can_matter_it_goes_straight_to_the_assessment(rules, tmp_path):
    facts = tmp_path / "known.yaml"
    facts.write_text(
        "climate: {crisis: high, tension: low}\nus_agenda: {sees_gain: none}\n"
        "alliances: {allies_stance: neutral}\n"
    )
    result = consult(str(facts), "--rules", rules, "--save", str(tmp_path / "a.yaml"), input="")
    assert "[1]" not in result.output
    assert (
        "No question is left that could move meeting-occurs out of 'likely': whatever the "
        "other answers, its CF ends between +0.60 and +0.60." in " ".join(result.output.split())
    )
    assert "likely (CF +0.60)" in result.output


def test_all_asks_what_the_goal_does_not_need(rules, tmp_path):
    facts = tmp_path / "known.yaml"
    facts.write_text("climate: {crisis: high}\nalliances: {allies_stance: neutral}\n")
    goal = consult(str(facts), "--rules", rules, "--save", str(tmp_path / "a.yaml"), input="")
    assert "[1]" not in goal.output
    save = ["--save", str(tmp_path / "b.yaml")]
    every = consult(str(facts), "--rules", rules, *save, "--all", input="")
    assert "[1] How much does the US president expect to gain" in every.output


def test_an_unknown_goal_is_refused_with_a_suggestion(rules, tmp_path):
    result = consult("--rules", rules, "--goal", "motiv", "--save", str(tmp_path / "a"), input="")
    assert result.exit_code == 2
    assert result.output == (
        "Error: unknown conclusion 'motiv'; did you mean 'motive'?"
        " (`summit rules --conclusions` lists them)\n"
    )


def test_the_saved_file_keeps_the_starting_scenario_and_facts(rules, tmp_path):
    start = tmp_path / "start.yaml"
    start.write_text("scenario: {name: Mine, as_of: 2025-06-01}\nclimate: {crisis: low}\n")
    saved = tmp_path / "answers.yaml"
    consult(str(start), "--rules", rules, "--save", str(saved), input="quit\n")
    assert saved.read_text().splitlines()[1:] == [
        "scenario:",
        "  name: Mine",
        "  as_of: '2025-06-01'",
        "climate:",
        "  crisis: low",
    ]
