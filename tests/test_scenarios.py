"""The scenarios in facts/: each is valid, assessable, covered by goldens, and together
they fire every rule of the knowledge base."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_golden

from expert import api, certainty
from expert.cli import main

ROOT = Path(__file__).parent.parent
SCENARIOS = sorted((ROOT / "facts").glob("*.yaml"))
GOLDEN = Path(__file__).parent / "golden" / "scenarios"


def result_of(name: str):
    return api.evaluator().evaluate(api.load_facts(ROOT / "facts" / f"{name}.yaml"))


def reported(result) -> dict:
    """The verdict band and every reported (non-intermediate) conclusion with its CF."""
    return {
        "scenario": result.scenario,
        "verdict": {"cf": round(result.verdict_cf, 3), "band": certainty.band(result.verdict_cf)},
        "conclusions": [
            {"name": c.name, "cf": round(c.cf, 3)}
            for _, c in sorted(result.conclusions.items())
            if c.kind != "intermediate"
        ],
    }


def test_there_are_enough_scenarios():
    assert len(SCENARIOS) >= 9
    assert (ROOT / "facts" / "default.yaml") in SCENARIOS


def test_every_rule_fires_in_some_scenario():
    fired = set()
    for path in SCENARIOS:
        fired |= {f.rule for f in api.evaluator().evaluate(api.load_facts(path)).trace}
    assert sorted(set(api.knowledge_base().rules) - fired) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_is_described_and_assessable(path):
    facts = api.load_facts(path)
    assert facts.scenario.name != "untitled" and facts.scenario.as_of is not None
    assert len(facts.scenario.description) > 200
    result = CliRunner().invoke(main, ["assess", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Trump and Putin meet: ")


def test_all_scenarios_validate():
    result = CliRunner().invoke(main, ["validate", *map(str, SCENARIOS)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_matches_its_golden(path):
    found = reported(result_of(path.stem))
    text = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    assert_golden(GOLDEN / f"{path.stem}.json", text)


def test_crisis_and_opposition_give_opposite_verdicts():
    crisis = result_of("acute-crisis").verdict_cf
    opposition = result_of("domestic-and-allied-opposition").verdict_cf
    assert crisis >= 0.5 and opposition <= -0.5


def test_scenarios_give_clearly_different_verdicts():
    bands = {certainty.band(result_of(p.stem).verdict_cf) for p in SCENARIOS}
    assert len(bands) >= 5
