"""A broken rule file stops `summit assess --rules` with one located line per problem."""

import pytest
import yaml
from click.testing import CliRunner
from kbfactory import conclusion, rule, write_kb

from expert.api import fact_model
from expert.cli import main
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base

FactFile = fact_model()

CRISIS = {"field": "climate.crisis", "is": "high"}
PARAGRAPHS = {"S2.P1": {"section": "Factors", "summary": "A crisis can compel talks."}}


def assess_errors(directory) -> str:
    """Run `summit assess --rules DIR`; insist on exit 2 and return the output, paths shortened."""
    result = CliRunner().invoke(main, ["assess", "--rules", str(directory)])
    assert result.exit_code == 2, result.output
    return result.output.replace(str(directory), "KB")


def one_rule(tmp_path, when=(CRISIS,), then=None, **extra):
    """A knowledge base of one rule, with the changes given."""
    rules = [rule("crisis-rule", list(when), then or {"meeting-occurs": 0.5}, **extra)]
    return write_kb(tmp_path, rules, [], paragraphs=PARAGRAPHS)


def test_a_rule_id_that_is_not_kebab_case(tmp_path):
    write_kb(tmp_path, [rule("Crisis_Rule", [CRISIS], {"meeting-occurs": 0.5})], [])
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:7:3: rules[0].id: rule Crisis_Rule: expected a kebab-case id: "
        "lowercase letters and digits joined by hyphens; found a string ('Crisis_Rule')\n"
    )


def without(key: str) -> list[dict]:
    spec = rule("crisis-rule", [CRISIS], {"meeting-occurs": 0.5})
    del spec[key]
    return [spec]


CASES = {
    "unknown field": (
        dict(when=[{"field": "climate.crises", "is": "high"}]),
        "KB/rules.yaml:13:5: rules[0].when[0].field: rule crisis-rule: unknown field 'climate.crises'; did you mean 'climate.crisis'?",
    ),
    "unknown value": (
        dict(when=[{"field": "climate.crisis", "is": "hgh"}]),
        "KB/rules.yaml:14:5: rules[0].when[0].is: rule crisis-rule: 'hgh' is not one of none, low, moderate, high (field climate.crisis)",
    ),
    "a boolean in quotes": (
        dict(when=[{"field": "climate.new_weapons", "is": "true"}]),
        "KB/rules.yaml:14:5: rules[0].when[0].is: rule crisis-rule: climate.new_weapons is true or false, without quotes; found 'true'",
    ),
    "at_least on a choice": (
        dict(when=[{"field": "timing.initiative", "at_least": "strategic"}]),
        "KB/rules.yaml:14:5: rules[0].when[0].at_least: rule crisis-rule: timing.initiative is not on an ordinal scale, so at_least does not apply",
    ),
    "two tests in one condition": (
        dict(when=[{**CRISIS, "at_least": "low"}]),
        "KB/rules.yaml:13:5: rules[0].when[0]: rule crisis-rule: give exactly one of is, is_not, one_of, at_least, at_most, known; found is, at_least",
    ),
    "undeclared conclusion": (
        dict(then={"meeting-occur": 0.5}),
        "KB/rules.yaml:16:5: rules[0].then[0].conclude: rule crisis-rule: unknown conclusion 'meeting-occur'; did you mean 'meeting-occurs'?",
    ),
    "reading a conclusion nobody declares": (
        dict(when=[{"conclusion": "presure"}]),
        "KB/rules.yaml:13:5: rules[0].when[0].conclusion: rule crisis-rule: unknown conclusion 'presure'",
    ),
    "CF out of range": (
        dict(then={"meeting-occurs": 1.5}),
        "KB/rules.yaml:17:5: rules[0].then[0].cf: rule crisis-rule: expected a certainty factor, a number from -1 to 1; found a float (1.5)",
    ),
    "CF as a string": (
        dict(then={"meeting-occurs": "0.7"}),
        "KB/rules.yaml:17:5: rules[0].then[0].cf: rule crisis-rule: expected a certainty factor, a number from -1 to 1; found a string ('0.7') (write it without quotes)",
    ),
    "CF in a form YAML reads as text": (
        dict(then={"meeting-occurs": "5e-1"}),
        "KB/rules.yaml:17:5: rules[0].then[0].cf: rule crisis-rule: expected a certainty factor, a number from -1 to 1; found a string ('5e-1') (YAML reads 5e-1 as text; write 0.5)",
    ),
    "salience as a boolean": (
        dict(salience=True),
        "KB/rules.yaml:18:3: rules[0].salience: rule crisis-rule: expected a whole number; found a boolean (true)",
    ),
    "min_cf below the threshold": (
        dict(when=[CRISIS, {"conclusion": "meeting-occurs", "min_cf": 0.1}]),
        "KB/rules.yaml:16:5: rules[0].when[1].min_cf: rule crisis-rule: min_cf must be at least 0.2, the threshold; found 0.1",
    ),
    "unknown key in a rule": (
        dict(salence=5),
        "KB/rules.yaml:18:3: rules[0].salence: rule crisis-rule: unknown key 'salence'; did you mean 'salience'?",
    ),
    "unknown key in a condition": (
        dict(when=[{**CRISIS, "because": "x"}]),
        "KB/rules.yaml:15:5: rules[0].when[0].because: rule crisis-rule: unknown key 'because'; expected one of field, is, is_not, one_of, at_least, at_most, known",
    ),
    "malformed paragraph id": (
        dict(paragraphs=["S2P1"]),
        "KB/rules.yaml:10:5: rules[0].paragraphs[0]: rule crisis-rule: expected a paragraph id such as S2.P1; found a string ('S2P1')",
    ),
    "paragraph not in the manifest": (
        dict(paragraphs=["S2.P2"]),
        "KB/rules.yaml:10:5: rules[0].paragraphs[0]: rule crisis-rule: unknown paragraph 'S2.P2'; did you mean 'S2.P1'?",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("change", "message"), CASES.values(), ids=CASES)
def test_each_mistake_in_a_rule_is_one_located_line(tmp_path, change, message):
    assert assess_errors(one_rule(tmp_path, **change)) == f"Error: {message}\n"


def test_missing_required_key(tmp_path):
    write_kb(tmp_path, without("rationale"), [])
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:7:3: rules[0]: rule crisis-rule: missing key 'rationale'\n"
    )


def test_cycle(tmp_path):
    rules = [
        rule("rule-x", [{"conclusion": "xx"}], {"yy": 0.5}),
        rule("rule-y", [{"conclusion": "yy"}], {"xx": 0.5}),
    ]
    write_kb(tmp_path, rules, [conclusion("xx"), conclusion("yy")])
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:15: rule rule-x: "
        "rules depend on each other in a cycle: rule-x -> rule-y -> rule-x\n"
    )


def test_yaml_syntax_error(tmp_path):
    one_rule(tmp_path)
    (tmp_path / "rules.yaml").write_text("rules:\n  - id: ab\n    title: x: y\n")
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:3:13: invalid YAML: mapping values are not allowed here\n"
    )


def test_duplicate_rule_ids_across_two_files(tmp_path):
    one_rule(tmp_path)
    again = rule("crisis-rule", [CRISIS], {"meeting-occurs": 0.2})
    (tmp_path / "more.yaml").write_text(yaml.safe_dump({"rules": [again]}))
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:7:3: rules[0].id: rule id 'crisis-rule' is already used at KB/more.yaml:2\n"
    )


def test_a_typo_in_a_rule_example(tmp_path):
    examples = {
        "fires": {"climate": {"crises": "high"}},
        "near_miss": {"climate": {"crisis": "low"}},
    }
    one_rule(tmp_path, examples=examples)
    assert assess_errors(tmp_path) == (
        "Error: KB/rules.yaml:21:9: rules[0].examples.fires.climate.crises: rule crisis-rule: "
        "unknown field 'crises'; did you mean 'crisis'?\n"
    )


def test_an_unknown_key_in_the_manifest(tmp_path):
    write_kb(tmp_path, [rule("crisis-rule", [CRISIS], {"meeting-occurs": 0.5})], [], verdikt="x")
    assert assess_errors(tmp_path) == (
        "Error: KB/knowledge-base.yaml:11:1: verdikt: unknown key 'verdikt'; did you mean 'verdict'?\n"
    )


def test_errors_name_the_rule_file_as_the_user_named_the_folder(tmp_path, monkeypatch):
    write_kb(tmp_path / "kb", [rule("Crisis_Rule", [CRISIS], {"meeting-occurs": 0.5})], [])
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assess = runner.invoke(main, ["assess", "--rules", "kb"])
    check = runner.invoke(main, ["check", "--rules", "kb", "--format", "json"])
    assert assess.stderr.startswith("Error: kb/rules.yaml:7:3: rules[0].id: ")
    assert yaml.safe_load(check.stdout)["findings"][0]["path"] == "kb/rules.yaml"


def test_each_load_error_carries_its_kind_and_rules_as_data(tmp_path):
    rules = [
        rule("odd-field", [{"field": "climate.crises", "is": "high"}], {"meeting-occurs": 0.5}),
        rule("odd-value", [{"field": "climate.crisis", "is": "hgh"}], {"meeting-occurs": 0.5}),
        rule("odd-name", [dict(CRISIS)], {"meeting-occurz": 0.5}, paragraphs=["S9.P9"]),
        rule("odd-field", [dict(CRISIS)], {"meeting-occurs": 0.5}),  # YAML anchors otherwise
    ]
    write_kb(tmp_path, rules, [], paragraphs=PARAGRAPHS)
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(tmp_path, FactFile)
    assert [(e.code, e.rules) for e in caught.value.errors] == [
        ("unknown-field", ("odd-field",)),
        ("unknown-value", ("odd-value",)),
        ("unknown-paragraph", ("odd-name",)),
        ("unknown-conclusion", ("odd-name",)),
        ("duplicate-id", ("odd-field",)),
    ]


def test_a_cycle_names_its_rules_as_data(tmp_path):
    rules = [
        rule("hope-feeds-fear", [{"conclusion": "hope"}], {"fear": 0.5}),
        rule("fear-feeds-hope", [{"conclusion": "fear"}], {"hope": 0.5}),
    ]
    write_kb(tmp_path, rules, [conclusion("hope"), conclusion("fear")], paragraphs=PARAGRAPHS)
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(tmp_path, FactFile)
    [error] = caught.value.errors
    assert (error.code, error.rules) == ("cycle", ("fear-feeds-hope", "hope-feeds-fear"))


def test_an_empty_file_is_told_the_keys_of_its_own_kind_of_file(tmp_path):
    write_kb(tmp_path, [rule("crisis-rule", [CRISIS], {"meeting-occurs": 0.5})], [])
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    (tmp_path / "knowledge-base.yaml").write_text("")
    assert assess_errors(tmp_path) == (
        "Error: KB/empty.yaml:1: file is empty: expected a mapping with the keys title, "
        "conclusions, rules\n"
        "Error: KB/knowledge-base.yaml:1: file is empty: expected a mapping with the keys "
        "name, source, verdict, categories, paragraphs, directionless\n"
    )


def test_a_top_level_list_is_told_the_keys_of_its_own_kind_of_file(tmp_path):
    write_kb(tmp_path, [rule("crisis-rule", [CRISIS], {"meeting-occurs": 0.5})], [])
    (tmp_path / "listed.yaml").write_text("- crisis-rule\n")
    assert assess_errors(tmp_path) == (
        "Error: KB/listed.yaml:1:1: expected a mapping with the keys title, conclusions, "
        "rules at the top level, found a list\n"
    )
