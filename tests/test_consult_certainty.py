"""Answers held with a certainty, typed in a consultation or written in a fact file."""

import pytest
from click.testing import CliRunner
from kbfactory import conclusion, load, rule, write_facts, write_kb

from expert import api
from expert.api import fact_model
from expert.cli import main
from expert.consult import Consultation
from expert.engine import Evaluator
from expert.hedge import Hedge

FactFile = fact_model()

RULES = [
    rule(
        "crisis-and-tension",
        [{"field": "climate.crisis", "at_least": "moderate"}, {"field": "climate.tension", "is": "high"}],
        {"meeting-occurs": 0.8},
    ),
    rule("crisis-not-high", [{"field": "climate.crisis", "is_not": "high"}], {"meeting-occurs": -0.4}),
    rule("crisis-unknown", [{"field": "climate.crisis", "known": False}], {"doubt": 0.5}),
]  # fmt: skip


@pytest.fixture
def kb_dir(tmp_path):
    return write_kb(tmp_path / "kb", RULES, [conclusion("doubt")])


def consult(kb_dir, lines: list[str], path=None) -> Consultation:
    kb = load(kb_dir)
    session = Consultation(kb, Evaluator(kb), FactFile.model_validate({}), path=path)
    for line in lines:
        session.answer(line)
    return session


def assess(kb_dir, tmp_path, facts: dict) -> dict:
    path = write_facts(tmp_path / "facts.yaml", facts)
    return api.assess(path, rules=kb_dir).to_dict()


def test_an_answer_with_a_certainty_equals_a_fact_file_with_it(kb_dir, tmp_path):
    session = consult(kb_dir, ["high 0.6", "probably high"])
    held = Hedge("high", 0.6)
    assert session.known == {"climate.crisis": held, "climate.tension": held}
    facts = {
        "climate": {"crisis": {"value": "high", "cf": 0.6}, "tension": {"value": "high", "cf": 0.6}}
    }
    written = assess(kb_dir, tmp_path, facts)
    assert session.result.to_dict()["conclusions"] == written["conclusions"]
    assert written["certainties"] == {"climate.crisis": 0.6, "climate.tension": 0.6}


def test_a_conjunction_is_as_certain_as_its_weakest_answer(kb_dir, tmp_path):
    facts = {
        "climate": {"crisis": {"value": "high", "cf": 0.5}, "tension": {"value": "high", "cf": 0.9}}
    }
    result = assess(kb_dir, tmp_path, facts)
    [firing] = result["trace"]
    assert (firing["rule"], firing["premise_cf"], firing["concluded"]) == (
        "crisis-and-tension",
        0.5,
        {"meeting-occurs": 0.4},
    )


@pytest.mark.parametrize("cf", [0.1, 0.19])
def test_a_certainty_below_the_threshold_makes_the_answer_unknown_not_false(kb_dir, tmp_path, cf):
    written = assess(kb_dir, tmp_path, {"climate": {"crisis": {"value": "high", "cf": cf}}})
    fired = [f["rule"] for f in written["trace"]]
    assert fired == ["crisis-unknown"]  # not "crisis-not-high", as a false answer would give
    typed = consult(kb_dir, [f"high {cf}"])
    assert [f.rule for f in typed.result.trace] == fired


def test_the_saved_file_keeps_the_certainty_and_how_shows_it(kb_dir, tmp_path):
    path = tmp_path / "answers.yaml"
    session = consult(kb_dir, ["high 0.6", "high"], path=path)
    assert path.read_text().splitlines()[1:] == [
        "climate:",
        "  crisis:",
        "    value: high",
        "    cf: 0.6",
        "  tension: high",
    ]
    assert "because climate.crisis is high (certainty 0.60)" in session.answer("how").text


def test_a_certainty_out_of_range_is_a_located_error(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "climate:\n  crisis: {value: high, cf: 1.5}\n  tension: {value: hgh, cf: 0.5}\n"
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {path}:2:25: climate.crisis.cf: expected a certainty, a number from 0 to 1; "
        "found a float (1.5)\n"
        f"Error: {path}:3:13: climate.tension.value: expected one of none, low, moderate, high; "
        "found a string ('hgh'); did you mean 'high'?\n"
    )


def test_a_value_with_its_certainty_left_out_says_the_certainty_is_missing(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("climate:\n  crisis: {value: low}\n  tension: {cf: 0.5}\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {path}:2:3: climate.crisis.cf: missing field 'cf'\n"
        f"Error: {path}:3:3: climate.tension.value: missing field 'value'\n",
    )


def test_a_certainty_typed_out_of_range_is_refused(kb_dir):
    session = consult(kb_dir, [])
    reply = session.answer("high 1.5")
    assert reply.kind == "invalid"
    assert reply.text.startswith("a certainty is a number from 0 to 1; found 1.5\n")
