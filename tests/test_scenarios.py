"""The scenarios in facts/ and the record suite in facts/record/: each is valid, assessable,
covered by goldens, and together they fire every rule of the knowledge base."""

import dataclasses
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from expert import api, certainty
from expert.cli import main
from expert.engine import Evaluator

ROOT = Path(__file__).parent.parent
SCENARIOS = sorted((ROOT / "facts").glob("*.yaml"))
RECORDS = sorted((ROOT / "facts" / "record").glob("*.yaml"))
EVERY_FILE = SCENARIOS + RECORDS
GOLDEN = Path(__file__).parent / "golden" / "scenarios"


def result_of(name: str):
    return api.evaluator().evaluate(api.load_facts(ROOT / "facts" / f"{name}.yaml"))


def golden_name(path: Path) -> str:
    return f"record/{path.stem}" if path.parent.name == "record" else path.stem


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
    for path in EVERY_FILE:
        fired |= {f.rule for f in api.evaluator().evaluate(api.load_facts(path)).trace}
    assert sorted(set(api.knowledge_base().rules) - fired) == []


PARTS = ("us-willing", "russia-willing", "meeting-feasible")


def outcomes(evaluator) -> list[tuple[float, set[str]]]:
    """Each file's verdict, and which of the verdict's parts have any evidence at all."""
    found = []
    for path in EVERY_FILE:
        result = evaluator.evaluate(api.load_facts(path))
        found.append((result.verdict_cf, {p for p in PARTS if p in result.conclusions}))
    return found


def test_no_rule_that_fires_everywhere_moves_the_verdict_much():
    """A background factor present in every situation must not decide the verdict (> 0.2).

    Removing a rule can leave a part of the conjunction with no evidence at all; the meeting
    then rightly cannot be concluded, and that file does not count against the rule.
    """
    kb, everywhere = api.knowledge_base(), None
    for path in EVERY_FILE:
        fired = {f.rule for f in api.evaluator().evaluate(api.load_facts(path)).trace}
        everywhere = fired if everywhere is None else everywhere & fired
    assert everywhere, "expected some rules, such as the trust deficit, to fire everywhere"
    full = outcomes(api.evaluator())
    for rule_id in sorted(everywhere):
        rules = {r: spec for r, spec in kb.rules.items() if r != rule_id}
        without = outcomes(Evaluator(dataclasses.replace(kb, rules=rules)))
        moved = [
            abs(a - b) for (a, parts), (b, left) in zip(full, without, strict=True) if left == parts
        ]
        assert max(moved) <= 0.2, (rule_id, round(max(moved), 3))


def test_the_record_suite_beats_both_baselines():
    found = api.backtest([str(ROOT / "facts" / "record")])
    scores = found.scores
    assert found.n == len(RECORDS) >= 12 and found.skipped == []
    assert scores.model.accuracy >= 0.8
    assert scores.model.brier < min(scores.base_rate.brier, scores.even.brier)


@pytest.mark.parametrize("path", EVERY_FILE, ids=golden_name)
def test_scenario_is_described_and_assessable(path):
    facts = api.load_facts(path)
    assert facts.scenario.name != "untitled" and facts.scenario.as_of is not None
    assert len(facts.scenario.description) > 200
    result = CliRunner().invoke(main, ["assess", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Trump and Putin meet: ")


def test_all_scenarios_validate():
    result = CliRunner().invoke(main, ["validate", *map(str, EVERY_FILE)])
    assert result.exit_code == 0, result.output


def test_every_record_file_has_a_sourced_record():
    for path in RECORDS:
        record = api.load_facts(path).scenario.record
        assert record is not None and record.sources and record.on, path.name


@pytest.mark.parametrize("path", EVERY_FILE, ids=golden_name)
def test_scenario_matches_its_golden(path):
    found = reported(api.evaluator().evaluate(api.load_facts(path)))
    golden = GOLDEN / f"{golden_name(path)}.json"
    text = json.dumps(found, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text


def test_crisis_and_opposition_give_opposite_verdicts():
    crisis = result_of("acute-crisis").verdict_cf
    opposition = result_of("domestic-and-allied-opposition").verdict_cf
    assert crisis >= 0.2 and opposition <= -0.5


def test_the_articles_own_situation_is_a_maybe():
    assert abs(result_of("default").verdict_cf) < 0.2


def test_scenarios_give_clearly_different_verdicts():
    bands = {certainty.band(result_of(p.stem).verdict_cf) for p in SCENARIOS}
    assert len(bands) >= 5
