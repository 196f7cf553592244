"""`summit explain` on the live knowledge base: goldens, and consistency with `assess`.

The goldens follow the knowledge base; regenerate them with SUMMIT_UPDATE_GOLDENS=1.
"""

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from explainkb import assert_explain_golden

from expert import api, conditions
from expert.cli import main
from expert.paths import data_dir
from expert.whynot import diagnose

SCENARIOS = sorted(data_dir("facts").glob("*.yaml"))
STRAINED = {
    "scenario": {"name": "Strained and wary"},
    "climate": {"crisis": "low", "tension": "high", "relations": "hostile"},
    "us_agenda": {"sees_gain": "low"},
    "russia_agenda": {"sees_gain": "high", "seeks_standing": True},
    "alliances": {"allies_stance": "opposed", "allies_fear_legitimising": True},
    "personal": {"rapport": "cool", "trust": "none"},
}


@pytest.fixture(params=["default", "strained"])
def scenario(request, tmp_path) -> tuple[str, Path]:
    if request.param == "default":
        return "default", data_dir("facts") / "default.yaml"
    path = tmp_path / "strained.yaml"
    path.write_text(yaml.safe_dump(STRAINED))
    return "strained", path


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_live_explanations_match_their_goldens(scenario, fmt):
    name, path = scenario
    result = CliRunner().invoke(main, ["explain", str(path), "--format", fmt])
    assert result.exit_code == 0, result.output
    extension = {"text": "txt", "json": "json", "markdown": "md"}[fmt]
    assert_explain_golden(f"live-{name}.{extension}", result.output)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_conclusion_explained_agrees_with_assess_and_the_trace(path):
    assessed = api.assess(path)
    for name, found in assessed.conclusions.items():
        entry = api.explain(path, conclusion=name).conclusions[name]
        assert entry.cf == found.cf
        if entry.combination:
            assert entry.combination[-1].result == found.cf
        lent = {f.step for f in assessed.trace if f.counted and f.concluded.get(name)}
        steps = {f.step for f in entry.supporting + entry.opposing}
        assert steps == lent
        assert {f.step for f in entry.supporting} == set(found.supporting)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_diagnosis_agrees_with_the_engine_on_which_rules_fire(path):
    kb = api.knowledge_base()
    result = api.assess(path)
    fired = {f.rule for f in result.trace}
    holds = {r for r, spec in kb.rules.items() if diagnose(spec.condition, kb, result).holds}
    assert holds == fired
    cfs = {name: c.cf for name, c in result.conclusions.items()}
    met = {
        r
        for r, spec in kb.rules.items()
        if conditions.holds(spec.condition, result.facts, cfs, fields=kb.fields)
    }
    assert met == fired
