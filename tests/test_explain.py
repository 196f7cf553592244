"""`summit explain` on a small knowledge base: HOW, the trace, WHY-NOT and the graphs."""

import json
import re
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner
from explainkb import CALM, PRESSED, assert_explain_golden, write_explain_kb
from hypothesis import given
from hypothesis import strategies as st
from kbfactory import conclusion, load, rule, write_kb

from expert import certainty
from expert.api import fact_model
from expert.cli import main
from expert.counterfactual import alternatives, field_tests, polarities
from expert.engine import Evaluator
from expert.explain import combination_steps
from expert.whynot import why_not_data

FactFile = fact_model()


@pytest.fixture
def explain(tmp_path):
    """Run `summit explain` on the small knowledge base with facts given as data."""
    rules = write_explain_kb(tmp_path / "kb")

    def run(facts: dict, *args: str, exit_code: int = 0) -> str:
        path = tmp_path / "facts.yaml"
        path.write_text(yaml.safe_dump(facts))
        result = CliRunner().invoke(main, ["explain", str(path), "--rules", str(rules), *args])
        assert result.exit_code == exit_code, result.output
        return result.output

    return run


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("mode", ["how", "trace", "why-not", "rule"])
def test_small_knowledge_base_explanations_match_their_goldens(explain, mode, fmt):
    facts, args = {
        "how": (PRESSED, []),
        "trace": (PRESSED, ["--trace"]),
        "why-not": (CALM, ["--why-not", "meeting-occurs"]),
        "rule": (CALM, ["--rule", "pressure-drives"]),
    }[mode]
    extension = {"text": "txt", "json": "json", "markdown": "md"}[fmt]
    assert_explain_golden(f"small-{mode}.{extension}", explain(facts, *args, "--format", fmt))


def test_how_shows_the_combination_step_by_step(explain):
    output = explain(PRESSED)
    assert "combined: +0.50 ⊕ +0.60 = +0.80" in output
    assert "combined: +0.64 ⊕ -0.40 = +0.40" in output
    assert "rule CF +0.80 × premise 0.80 = +0.64" in output
    assert "facts: climate.relations = strained, climate.tension = high" in output


def test_conclusion_option_shows_only_that_tree(explain):
    data = json.loads(explain(PRESSED, "--conclusion", "pressure", "--format", "json"))
    assert data["roots"] == ["pressure"]
    assert sorted(data["conclusions"]) == ["pressure"]
    assert [f["rule"] for f in data["conclusions"]["pressure"]["supporting"]] == [
        "crisis-pushes",
        "tension-pushes",
    ]


def test_how_shows_a_fact_held_with_a_certainty_with_it(explain):
    hedged = {**PRESSED, "climate": {**PRESSED["climate"], "crisis": {"value": "high", "cf": 0.6}}}
    facts = [line.strip() for line in explain(hedged).splitlines() if "facts:" in line]
    assert "facts: climate.crisis = high (certainty 0.60)" in facts
    assert "facts: climate.crisis = high" not in facts


def test_an_unknown_conclusion_gets_a_suggestion_and_exit_2(explain):
    output = explain(PRESSED, "--why-not", "presure", exit_code=2)
    assert output == (
        "Error: unknown conclusion 'presure'; did you mean 'pressure'?"
        " (`summit rules --conclusions` lists them)\n"
    )


def test_an_unknown_conclusion_without_a_close_name_points_to_the_listing(explain):
    output = explain(PRESSED, "--why-not", "zzz", exit_code=2)
    assert output == "Error: unknown conclusion 'zzz' (`summit rules --conclusions` lists them)\n"


def test_modes_do_not_combine(explain):
    output = explain(PRESSED, "--trace", "--why-not", "topic", exit_code=2)
    assert output == "Error: choose one of --conclusion, --why-not and --trace\n"
    output = explain(PRESSED, "--trace", "--format", "dot", exit_code=2)
    assert "draws the HOW graph" in output


def test_why_not_names_the_failed_conditions_and_what_was_found(explain):
    data = json.loads(explain(CALM, "--why-not", "topic", "--format", "json"))["why_not"]
    assert data["status"] == "not-concluded"
    [rule] = data["rules"]
    assert [(n["text"], n["holds"], n.get("cf", n.get("value"))) for n in rule["conditions"]] == [
        ("pressure holds (CF ≥ +0.50)", False, None),
        ("climate.ukraine is known", False, None),
    ]
    crisis = data["upstream"]["pressure"]["rules"][0]["conditions"][0]
    assert (crisis["field"], crisis["value"], crisis["holds"]) == ("climate.crisis", "low", False)


def test_why_not_counterfactual_applied_to_the_fact_file_reaches_it(explain, tmp_path):
    data = json.loads(explain(CALM, "--why-not", "pressure", "--format", "json"))
    search = data["why_not"]["counterfactual"]
    changes = search["solutions"][0]["changes"]
    assert changes == [{"field": "climate.crisis", "from": "low", "to": "moderate"}]
    facts = json.loads(json.dumps(CALM))
    for change in changes:
        group, name = change["field"].split(".")
        facts[group][name] = change["to"]
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(facts))
    args = ["assess", str(path), "--rules", str(tmp_path / "kb"), "--format", "json"]
    assessed = json.loads(CliRunner().invoke(main, args).output)
    [pressure] = [c for c in assessed["conclusions"] if c["name"] == "pressure"]
    assert pressure["cf"] >= certainty.THRESHOLD


def test_why_not_finds_the_smallest_set_of_two_changes(explain):
    data = json.loads(explain(CALM, "--why-not", "topic", "--format", "json"))
    search = data["why_not"]["counterfactual"]
    assert search["found"] and search["complete"]
    assert {len(s["changes"]) for s in search["solutions"]} == {2}
    assert search["solutions"][0]["changes"] == [
        {"field": "climate.crisis", "from": "low", "to": "moderate"},
        {"field": "climate.ukraine", "from": None, "to": "none"},
    ]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_dot_output_renders_with_graphviz(explain):
    source = explain(PRESSED, "--format", "dot")
    assert_explain_golden("small.dot", source)
    done = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "<svg" in done.stdout and "step 5" in done.stdout


def test_mermaid_output_is_a_flowchart_with_safe_ids_and_escaped_labels(explain):
    output = explain(PRESSED, "--format", "mermaid")
    assert_explain_golden("small.mmd", output)
    lines = output.splitlines()
    assert lines[0] == "flowchart LR"
    node = re.compile(r'^  ([a-z]\d+)(\(\[|\[/|\[)"([^"]*)"(\]\)|/\]|\])$')
    edge = re.compile(r'^  [a-z]\d+ (-->|-->\|"[+-]\d\.\d\d"\|) [a-z]\d+$')
    assert all(node.match(line) or edge.match(line) for line in lines[1:])
    assert '"climate.crisis = high"' in output


def test_mermaid_escapes_quotes_and_angle_brackets():
    from expert.render.graph import Graph, mermaid

    graph = Graph(nodes={"c:x": ("conclusion", 'Say "yes" <now> #1')}, edges={})
    assert mermaid(graph) == 'flowchart LR\n  c0(["Say #quot;yes#quot; #lt;now#gt; #35;1"])\n'


@given(st.lists(st.floats(-1, 1, allow_nan=False), min_size=2, max_size=6))
def test_combination_steps_end_at_combine_all(factors):
    steps = combination_steps(factors)
    assert len(steps) == len(factors) - 1
    assert steps[-1].result == certainty.combine_all(factors)


def test_counterfactual_tries_only_values_that_can_help(tmp_path):
    kb = load(write_explain_kb(tmp_path / "kb"))
    rules = polarities(kb, "meeting-occurs")
    assert rules == {
        "crisis-pushes": {1},
        "distrust-blocks": {-1},
        "pressure-drives": {1},
        "rapport-helps": {1},
        "tension-pushes": {1},
    }
    tests = field_tests(kb, rules)
    assert alternatives(kb, "climate.crisis", "low", tests) == ["moderate"]
    assert alternatives(kb, "climate.crisis", "high", tests) == []
    assert alternatives(kb, "personal.trust", "low", tests) == ["moderate"]


def test_text_is_coloured_only_for_a_terminal(tmp_path):
    rules = write_explain_kb(tmp_path / "kb")
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(PRESSED))
    args = ["explain", str(path), "--rules", str(rules)]
    plain = CliRunner().invoke(main, args).output
    coloured = CliRunner().invoke(main, args, color=True).output
    assert "\x1b[" not in plain
    assert "\x1b[1m" in coloured and "\x1b[32mfor +0.64" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_no_color_in_the_environment_turns_colour_off_even_on_a_terminal(tmp_path):
    rules = write_explain_kb(tmp_path / "kb")
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(PRESSED))
    args = ["explain", str(path), "--rules", str(rules)]
    result = CliRunner().invoke(main, args, color=True, env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "for +0.64" in result.output
    assert "\x1b[" not in result.output


def test_why_not_follows_a_max_cf_test_upstream_against_its_conclusion(tmp_path):
    rules = [
        rule("hostility", [{"field": "personal.rapport", "at_most": "cool"}], {"mood": -0.6}),
        rule("sour-mood-sets-topic", [{"conclusion": "mood", "max_cf": -0.3}], {"topic": 0.5}),
    ]
    kb = load(write_kb(tmp_path, rules, [conclusion("mood"), conclusion("topic")]))
    facts = FactFile.model_validate({"personal": {"rapport": "neutral"}})
    evaluator = Evaluator(kb)
    result = evaluator.evaluate(facts)
    data = why_not_data(result, kb, "topic", evaluator=evaluator, facts=facts).why_not
    assert data.rules[0].conditions[0].text == "mood is argued against (CF ≤ -0.30)"
    assert data.upstream["mood"].direction == "against"
    assert data.upstream["mood"].rules[0].rule == "hostility"
    [change] = data.counterfactual.solutions[0].changes
    assert change.dump() == {"field": "personal.rapport", "from": "neutral", "to": "hostile"}
