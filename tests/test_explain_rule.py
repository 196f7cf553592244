"""`summit explain --rule`: why one rule fired, or why it did not."""

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from explainkb import CALM, PRESSED, write_explain_kb
from kbfactory import conclusion, rule, write_kb

from expert import api
from expert.cli import main
from expert.paths import data_dir
from expert.render.explain import render
from expert.rule_report import rule_report

SCENARIOS = sorted(data_dir("facts").glob("*.yaml"))


@pytest.fixture
def explain_rule(tmp_path):
    """Run `summit explain FACTS --rule RULE` on a knowledge base (default: the small one)."""

    def run(facts: dict, rule_id: str, *args: str, kb=None, exit_code: int = 0) -> str:
        rules = kb or write_explain_kb(tmp_path / "kb")
        path = tmp_path / "facts.yaml"
        path.write_text(yaml.safe_dump(facts))
        argv = ["explain", str(path), "--rules", str(rules), "--rule", rule_id, *args]
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == exit_code, result.output
        return result.output

    return run


def rule_json(run, facts: dict, rule_id: str, **kwargs) -> dict:
    return json.loads(run(facts, rule_id, "--format", "json", **kwargs))["rule"]


def test_a_rule_that_fired_shows_its_firing_and_what_it_fed(explain_rule):
    assert explain_rule(PRESSED, "crisis-pushes") == (
        "The meeting-occurs title: somewhat likely (CF +0.40)\n"
        "Scenario: Pressed\n"
        "\n"
        "Rule crisis-pushes: Rule crisis-pushes [S2.P1]\n"
        "  why: Because of crisis-pushes, for the test.\n"
        "  fired: 1 firing, 1 counted\n"
        "  step 1 [stratum 0], counted:\n"
        "      matched: climate(crisis = high)\n"
        "      premise 1.00 → pressure +0.60\n"
        "  conditions:\n"
        "    ✓ climate.crisis is at least moderate: found high\n"
        "  concludes:\n"
        "    pressure (rule CF +0.60): lent +0.60; final CF +0.80, very likely\n"
    )


def test_a_fact_held_with_a_certainty_shows_it_where_the_rule_reads_it(explain_rule):
    hedged = {**PRESSED, "climate": {**PRESSED["climate"], "crisis": {"value": "high", "cf": 0.6}}}
    lines = explain_rule(hedged, "crisis-pushes").splitlines()
    assert "      matched: climate(crisis = high (certainty 0.60))" in lines
    assert "    ✓ climate.crisis is at least moderate: found high (certainty 0.60)" in lines
    low = {**PRESSED, "climate": {**PRESSED["climate"], "crisis": {"value": "low", "cf": 0.6}}}
    node = rule_json(explain_rule, low, "crisis-pushes")["conditions"][0]
    assert (node["holds"], node["value"], node["cf"]) == (False, "low", 0.6)


def test_a_rule_that_fired_as_json(explain_rule):
    data = json.loads(explain_rule(PRESSED, "pressure-drives", "--format", "json"))
    assert data["mode"] == "rule"
    assert data["rule"] == {
        "rule": "pressure-drives",
        "title": "Rule pressure-drives",
        "paragraphs": ["S2.P1"],
        "rationale": "Because of pressure-drives, for the test.",
        "fired": True,
        "holds": True,
        "firings": [
            {
                "step": 5,
                "rule": "pressure-drives",
                "title": "Rule pressure-drives",
                "stratum": 1,
                "matched": [{"kind": "conclusion", "name": "pressure", "values": {"cf": 0.8}}],
                "bindings": {"cf0": 0.8},
                "premise_cf": 0.8,
                "concluded": {"meeting-occurs": 0.64},
                "counted": True,
            }
        ],
        "fed": [
            {
                "conclusion": "meeting-occurs",
                "title": "The meeting-occurs title",
                "rule_cf": 0.8,
                "lent": 0.64,
                "concluded": True,
                "cf": 0.4,
                "band": "somewhat likely",
            }
        ],
        "conditions": [
            {
                "type": "conclusion",
                "holds": True,
                "conclusion": "pressure",
                "min_cf": 0.2,
                "cf": 0.8,
                "text": "pressure holds (CF ≥ +0.20)",
            }
        ],
        "upstream": {},
    }


def test_a_rule_did_not_fire_because_a_fact_is_unknown(explain_rule):
    facts = {"scenario": {"name": "No rapport"}, "personal": {"trust": "high"}}
    output = explain_rule(facts, "rapport-helps")
    assert "  did not fire: a condition fails\n" in output
    assert "    ✗ personal.rapport is warm: unknown\n" in output
    assert "meeting-occurs (rule CF +0.30): lent nothing; not concluded\n" in output
    assert "step" not in output


def test_a_rule_did_not_fire_because_a_fact_has_another_value(explain_rule):
    data = rule_json(explain_rule, CALM, "crisis-pushes")
    assert (data["fired"], data["holds"], data["firings"], data["upstream"]) == (
        False,
        False,
        [],
        {},
    )
    [condition] = data["conditions"]
    assert (condition["holds"], condition["value"]) == (False, "low")
    assert "✗ climate.crisis is at least moderate: found low\n" in explain_rule(
        CALM, "crisis-pushes"
    )


def test_a_rule_did_not_fire_because_an_upstream_conclusion_was_too_weak(tmp_path, explain_rule):
    kb = write_kb(
        tmp_path / "weak",
        [
            rule("hint", [{"field": "climate.crisis", "is": "low"}], {"pressure": 0.1}),
            rule("pressure-drives", [{"conclusion": "pressure"}], {"meeting-occurs": 0.8}),
        ],
        [conclusion("pressure")],
    )
    output = explain_rule(CALM, "pressure-drives", kb=kb)
    assert (
        "    ✗ pressure holds (CF ≥ +0.20): found CF +0.10 (too weak to trigger rules)\n" in output
    )
    assert (
        "  Needed upstream, pressure (for): The pressure title\n"
        "    status: not reached: CF +0.10, and rules need at least +0.20\n"
        "    rules that could conclude it:\n"
        "      ✓ hint (+0.10): Rule hint [S2.P1]; fired at step 1, lent +0.10\n"
    ) in output


def test_an_or_rule_fires_once_per_branch_and_counts_one(explain_rule, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the lines checked are longer than 80
    data = rule_json(explain_rule, PRESSED, "tension-pushes")
    assert [(f["step"], f["counted"]) for f in data["firings"]] == [(3, True), (4, False)]
    assert [(f["conclusion"], f["lent"], f["cf"]) for f in data["fed"]] == [("pressure", 0.5, 0.8)]
    output = explain_rule(PRESSED, "tension-pushes")
    assert "  fired: 2 firings, 1 counted\n" in output
    assert (
        "  step 4 [stratum 0], not counted: the same rule lends through its strongest match:\n"
    ) in output


def test_an_unknown_rule_gets_a_suggestion_and_exit_2(explain_rule):
    output = explain_rule(PRESSED, "crisis-push", exit_code=2)
    assert output == (
        "Error: unknown rule 'crisis-push'; did you mean 'crisis-pushes'?"
        " (`summit rules` lists them)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--trace"], "--rule cannot be combined with --conclusion, --why-not or --trace"),
        (["--why-not", "topic"], "--rule cannot be combined with --conclusion, --why-not or"),
        (["--conclusion", "topic"], "--rule cannot be combined with --conclusion, --why-not or"),
        (["--format", "dot"], "--format dot draws the HOW graph; use text, json or markdown"),
        (["--format", "mermaid"], "--format mermaid draws the HOW graph"),
    ],
)
def test_rule_does_not_combine_with_other_modes_or_graphs(explain_rule, args, message):
    assert explain_rule(PRESSED, "crisis-pushes", *args, exit_code=2).startswith(
        f"Error: {message}"
    )


def test_markdown_reports_the_same_story(explain_rule):
    output = explain_rule(PRESSED, "tension-pushes", "--format", "markdown")
    assert output.startswith("# Rule `tension-pushes`: Rule tension-pushes\n")
    assert "\n\nfired: 2 firings, 1 counted\n\n" in output
    assert (
        "step 4 \\[stratum 0\\], not counted: the same rule lends through its strongest match:"
        "\n\n- matched: climate(relations = strained, tension = high)"
        "\n- premise 1.00 → pressure +0.50\n"
    ) in output
    assert "- pressure (rule CF +0.50): lent +0.50; final CF +0.80, very likely" in output


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_on_the_live_kb_rule_says_fired_exactly_when_assess_traced_it(path):
    evaluator = api.evaluator()
    result = evaluator.evaluate(api.load_facts(path))
    traced = {f.rule for f in result.trace}
    for rule_id in evaluator.kb.rules:
        data = rule_report(result, evaluator.kb, rule_id)
        says_fired = "\n  fired: " in render(data, "text")
        assert data.rule.fired == says_fired == (rule_id in traced), rule_id
        assert data.rule.holds == says_fired, rule_id


def test_the_rule_ids_in_the_help_and_the_doc_are_rules_of_the_live_kb():
    help_text = CliRunner().invoke(main, ["explain", "--help"]).output
    doc = (Path(__file__).parent.parent / "docs" / "explain.md").read_text()
    shown = re.findall(r"summit explain --rule ([a-z0-9-]+)\n", help_text + doc)
    assert len(shown) >= 3
    known = api.knowledge_base().rules
    assert [r for r in shown if r not in known] == ["crisis-compel"]  # the did-you-mean example
