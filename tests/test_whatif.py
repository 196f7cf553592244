"""`summit what-if` and `summit sensitivity` on a small knowledge base, with exact numbers.

Crisis lends the verdict +0.6 and low trust -0.4: together CF (0.6 - 0.4) / (1 - 0.4) = 1/3.
"""

import json

import pytest
from batchkb import batch_kb, write_facts
from click.testing import CliRunner

from expert.cli import main


@pytest.fixture
def setup(tmp_path):
    facts = write_facts(
        tmp_path / "tense.yaml", {"climate": {"crisis": "high"}, "personal": {"trust": "low"}}
    )
    return str(facts), batch_kb(tmp_path / "kb")


def summit(*args):
    return CliRunner().invoke(main, list(args))


def test_what_if_shows_the_verdict_and_conclusions_before_and_after(setup):
    facts, kb = setup
    result = summit(
        "what-if",
        facts,
        "--rules",
        kb,
        "--set",
        "personal.rapport=warm",
        "--set",
        "climate.tension=high",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Scenario: tense\n"
        "  set personal.rapport  unknown -> warm\n"
        "  set climate.tension   unknown -> high\n"
        "\n"
        "The meeting-occurs title: somewhat likely -> likely\n"
        "  CF +0.33 -> +0.67 (+0.34)\n"  # the shown values' difference
        "\n"
        "Conclusions that moved:\n"
        "  conclusion             before  after  delta\n"
        "  The trade-talks title   +0.00  +0.70  +0.70\n"
        "  The arms-talks title    +0.00  +0.30  +0.30\n"
    )


def test_what_if_as_json_clears_a_field_with_unknown(setup):
    facts, kb = setup
    result = summit(
        "what-if", facts, "--rules", kb, "--set", "personal.trust=unknown", "--format", "json"
    )
    report = json.loads(result.stdout)
    assert report["set"] == [
        {"field": "personal.trust", "before": "low", "before_cf": 1.0, "after": None, "cf": 1.0}
    ]
    assert report["verdict"]["before"] == 0.333333333333
    assert report["verdict"]["after"] == 0.6
    assert report["verdict"]["delta"] == 0.266666666667
    assert report["conclusions"] == []


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("climate.crsis=high", "unknown field 'climate.crsis'; did you mean 'climate.crisis'?"),
        (
            "climate.crisis=hgh",
            "expected one of none, low, moderate, high, unknown; found 'hgh'; did you mean 'high'?",
        ),
        (
            "climate.crisis=HIGH",
            "expected one of none, low, moderate, high, unknown; found 'HIGH'; did you mean 'high'?",
        ),
        (
            "personal.rapport=maybe",
            "expected one of hostile, cool, neutral, warm, unknown; found 'maybe'",
        ),
        ("climate.crisis=high 1.5", "a certainty is a number from 0 to 1; found 1.5"),
        ("climate.crisis=unknown 0.5", "unknown takes no certainty; found 'unknown 0.5'"),
        (
            "climate.crisis=hgh 0.6",
            "expected one of none, low, moderate, high, unknown; found 'hgh'; did you mean 'high'?",
        ),
    ],
)
def test_a_bad_setting_names_what_is_allowed(setup, setting, message):
    facts, kb = setup
    result = summit("what-if", facts, "--rules", kb, "--set", setting)
    assert result.exit_code == 2
    assert result.stderr == f"Error: --set {setting}: {message}\n"


@pytest.mark.parametrize(
    ("held", "cf", "band", "moved"),
    [  # warm rapport lends +0.5 when certain: 1/3 + 0.5 * cf * (1 - 1/3)
        ("warm 0.5", "0.50", "likely", "+0.33 -> +0.50 (+0.17)"),
        ("possibly warm", "0.30", "somewhat likely", "+0.33 -> +0.43 (+0.10)"),
    ],
)
def test_what_if_sets_a_hedged_value_as_a_consultation_answer_is_typed(
    setup, held, cf, band, moved
):
    facts, kb = setup
    result = summit("what-if", facts, "--rules", kb, "--set", f"personal.rapport={held}")
    assert result.stdout.splitlines()[:5] == [
        "Scenario: tense",
        f"  set personal.rapport  unknown -> warm (certainty {cf})",
        "",
        f"The meeting-occurs title: somewhat likely -> {band}",
        f"  CF {moved}",
    ]


def test_a_value_hedged_in_the_fact_file_shows_its_certainty_before_too(tmp_path):
    hedged = {"climate": {"crisis": "high"}, "personal": {"rapport": {"value": "cool", "cf": 0.6}}}
    facts = str(write_facts(tmp_path / "hedged.yaml", hedged))
    kb = batch_kb(tmp_path / "kb")
    result = summit("what-if", facts, "--rules", kb, "--set", "personal.rapport=warm 0.5")
    assert result.stdout.splitlines()[1] == (
        "  set personal.rapport  cool (certainty 0.60) -> warm (certainty 0.50)"
    )
    data = json.loads(
        summit(
            "what-if", facts, "--rules", kb, "--set", "personal.rapport=warm", "--format", "json"
        ).stdout
    )
    assert data["set"][0] == {
        "field": "personal.rapport",
        "before": "cool",
        "before_cf": 0.6,
        "after": "warm",
        "cf": 1.0,
    }


def test_a_field_set_twice_is_a_usage_error_not_a_silent_last_wins(setup):
    facts, kb = setup
    args = ["--set", "climate.crisis=high", "--set", "climate.crisis=low"]
    result = summit("what-if", facts, "--rules", kb, *args)
    assert result.exit_code == 2
    assert result.stderr == "Error: --set climate.crisis=low: climate.crisis is already set\n"


def test_sensitivity_ranks_the_changes_that_move_the_verdict_most(setup):
    facts, kb = setup
    result = summit("sensitivity", facts, "--rules", kb, "--top", "5")
    assert result.stdout == (
        "The meeting-occurs title: somewhat likely (CF +0.33)\n"
        "Scenario: tense\n"
        "\n"
        "What moves the verdict most, one fact at a time:\n"
        "\n"
        "  field             from     to       new cf  delta\n"
        "  climate.crisis    high     none      -0.40  -0.73\n"
        "  climate.crisis    high     low       -0.40  -0.73\n"
        "  climate.crisis    high     unknown   -0.40  -0.73\n"
        "  personal.rapport  unknown  warm      +0.67  +0.34\n"
        "  personal.trust    low      none      +0.60  +0.27\n"
    )


def test_sensitivity_up_answers_what_it_would_take(setup):
    facts, kb = setup
    result = summit("sensitivity", facts, "--rules", kb, "--direction", "up", "--format", "json")
    report = json.loads(result.stdout)
    assert report["tried"] == 16  # 4 fields read by rules x 4 other values, unknown included
    assert [(c["field"], c["to"], c["cf"]) for c in report["changes"]] == [
        ("personal.rapport", "warm", 0.666666666667),
        ("personal.trust", "none", 0.6),
        ("personal.trust", "moderate", 0.6),
        ("personal.trust", "high", 0.6),
        ("personal.trust", None, 0.6),
    ]


def test_a_change_keeps_the_other_fields_certainties(tmp_path):
    """A changed copy of a hedged file is the file written with the change: crisis held
    at 0.5 still lends the verdict 0.6 x 0.5 = 0.3 beside the new low trust."""
    from expert import api
    from expert.whatif import with_changes

    kb = batch_kb(tmp_path / "kb")
    hedged = {"climate": {"crisis": {"value": "high", "cf": 0.5}}}
    facts = api.load_facts(write_facts(tmp_path / "hedged.yaml", hedged), kb)
    written = {**hedged, "personal": {"trust": "low"}}
    expected = api.load_facts(write_facts(tmp_path / "b.yaml", written, "hedged"), kb)
    changed = with_changes(facts, {"personal.trust": "low"})
    assert changed.model_dump() == expected.model_dump()
    assert changed.climate._certainty == expected.climate._certainty == {"crisis": 0.5}
    assert api.assess(changed, kb).verdict_cf == api.assess(expected, kb).verdict_cf


def test_every_delta_shown_is_the_difference_of_the_cfs_shown(setup):
    facts, kb = setup
    result = summit("sensitivity", facts, "--rules", kb)
    base = float(result.stdout.split("(CF ")[1].split(")")[0])
    rows = [line.split()[-2:] for line in result.stdout.splitlines()[6:]]
    assert rows and all(round(float(new) - base, 2) == float(delta) for new, delta in rows)


def test_the_library_refuses_a_direction_it_does_not_know(setup):
    from expert import api, whatif

    facts, kb = setup
    message = "direction must be one of any, up, down; found 'sideways'"
    with pytest.raises(ValueError) as caught:
        api.sensitivity(facts, kb, direction="sideways")
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:
        whatif.sensitivity(api.evaluator(kb), api.load_facts(facts, kb), direction="Up")
    assert str(caught.value) == message.replace("'sideways'", "'Up'")
