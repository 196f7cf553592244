"""Bounded work: a rule too large to compile is refused before it is built, and `check`'s
analyses say when they hit their budget, and find the same with their index as without."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from kbfactory import rule, write_kb

from expert import check, conditions
from expert.check import check_knowledge_base
from expert.cli import main
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base
from expert.model import FactFile
from expert.paths import rules_dir
from expert.ruleschema import RuleSpec

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from check_bench import write as write_synthetic

LEVELS = ["none", "low", "moderate", "high"]


def anys(count: int, field: str = "climate.crisis") -> list[dict]:
    """`count` blocks of `any` over the four values of a field: 4 ** count branches."""
    return [{"any": [{"field": field, "is": v} for v in LEVELS]} for _ in range(count)]


def condition(when: list[dict]):
    return RuleSpec.model_validate(rule("sized", when, {"meeting-occurs": 0.5})).condition


@pytest.mark.parametrize(
    ("when", "size"),
    [
        (anys(1), 4),
        (anys(3), 64),
        ([{"not": {"all": anys(2)}}], 2),  # not (a and b) is (not a) or (not b): De Morgan
        ([{"not": {"all": [{"not": c} for c in anys(2)]}}], 8),  # not (not a and not b)
        (anys(14), conditions.MAX_BRANCHES + 1),  # counted without growing past the limit
    ],
)
def test_branches_are_counted_as_experta_expands_them(when, size):
    assert conditions.branch_count(condition(when)) == size


def test_a_rule_over_the_bound_is_a_located_load_error_and_a_check_error(tmp_path):
    folder = write_kb(tmp_path, [rule("huge", anys(14), {"meeting-occurs": 0.5})], [])
    message = (
        "rule huge: its conditions expand into more than 256 engine branches "
        "(each `any` under an `all` multiplies them); split the rule, or use one_of"
    )
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(folder, FactFile)
    assert [str(e) for e in caught.value.errors] == [
        f"{folder}/rules.yaml:12:3: rules[0].when: {message}"
    ]
    report = check_knowledge_base(folder, FactFile)
    assert [(f.code, f.rules, f.line) for f in report.findings] == [("E110", ("huge",), 12)]
    result = CliRunner().invoke(main, ["assess", "--rules", str(folder)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {folder}/rules.yaml:12:3: rules[0].when: {message}\n",
    )


def test_a_rule_over_the_term_budget_is_reported_as_not_analysed(tmp_path, monkeypatch):
    monkeypatch.setattr(check, "MAX_TERMS", 10)
    when = anys(1) + anys(1, "climate.tension")  # 16 terms
    folder = write_kb(tmp_path, [rule("wide", when, {"meeting-occurs": 0.5})], [])
    report = check_knowledge_base(folder, FactFile)
    [finding] = [f for f in report.findings if f.rules == ("wide",)]
    assert (finding.code, finding.message) == (
        "W208",
        "its conditions expand into more than 10 terms, the analyses' budget: "
        "it was not compared with other rules, and is assumed able to fire",
    )


@pytest.mark.parametrize("source", ["live", "synthetic"])
def test_the_index_of_pairs_finds_what_comparing_every_pair_finds(source, tmp_path, monkeypatch):
    folder = rules_dir()
    if source == "synthetic":
        folder = tmp_path
        write_synthetic(folder, 300)
    indexed = check_knowledge_base(folder, FactFile).findings
    monkeypatch.setattr(check, "MAX_KEYS_INDEXED", -1)  # every rule compared with every other
    assert indexed == check_knowledge_base(folder, FactFile).findings
    assert source == "live" or len(indexed) > 10  # the synthetic base has pairs to find
