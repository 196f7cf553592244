"""Bounded work: a rule too large to compile is refused before it is built, and `check`'s
analyses say when they hit their budget, and find the same with their index as without."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from kbfactory import conclusion, rule, write_kb

from expert import check, conditions, progress
from expert.api import fact_model
from expert.check import check_knowledge_base
from expert.cli import main
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base
from expert.paths import rules_dir
from expert.ruleschema import RuleSpec

FactFile = fact_model()

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
    # The test's rule has no examples (E111 missing-examples); this test is about its terms.
    [finding] = [
        f for f in report.findings if f.rules == ("wide",) and f.name != "missing-examples"
    ]
    assert (finding.code, finding.message) == (
        "W210",
        "its conditions expand into more than 10 terms, the analyses' budget: "
        "it was not compared with other rules, and is assumed able to fire",
    )


def write_synthetic(folder: Path, count: int) -> Path:
    """`count` rules over three fields, many of them implying others: one test, two tests
    (one-term rules, found through the index) or an `any` (compared with every rule)."""
    fields = ["climate.crisis", "climate.tension", "us_agenda.sees_gain"]
    rules = []
    for i in range(count):
        first = {"field": fields[i // 3 % 3], "is": LEVELS[i // 9 % 4]}
        second = {"field": fields[(i // 3 + 1) % 3], "at_least": LEVELS[i // 2 % 4]}
        when = [[first], [first, second], [{"any": [first, second]}]][i % 3]
        then = {f"c{i // 5 % 3}": 0.3 if i % 2 else -0.3}
        rules.append(rule(f"rule-{i}", when, then))
    return write_kb(folder, rules, [conclusion(f"c{i}", "hypothesis", "agenda") for i in range(3)])


@pytest.mark.parametrize("source", ["live", "synthetic"])
def test_the_index_of_pairs_finds_what_comparing_every_pair_finds(source, tmp_path, monkeypatch):
    folder = rules_dir() if source == "live" else write_synthetic(tmp_path, 150)
    indexed = check_knowledge_base(folder, FactFile).findings
    monkeypatch.setattr(check, "MAX_KEYS_INDEXED", -1)  # every rule compared with every other
    assert indexed == check_knowledge_base(folder, FactFile).findings
    pairs = {"redundant", "subsumed", "conflict"}
    assert source == "live" or len([f for f in indexed if f.name in pairs]) > 10


@pytest.fixture
def calm(tmp_path):
    from explainkb import CALM, write_explain_kb

    from expert.engine import Evaluator
    from expert.facts import validate_document
    from expert.source import Document

    kb = load_knowledge_base(write_explain_kb(tmp_path / "kb"), FactFile)
    return Evaluator(kb), validate_document(Document("calm", CALM), FactFile)


def test_a_search_cut_by_its_budget_says_what_it_covered(calm):
    from expert.counterfactual import counterfactual
    from expert.records import Counterfactual
    from expert.render.whynot import coverage_text, exhaustive_text

    evaluator, facts = calm
    steps: list[tuple] = []
    with progress.reporting(lambda *step: steps.append(step)):
        search = counterfactual(evaluator, facts, "topic", budget=6)  # 10 find it
    assert (search["found"], search["complete"], search["evaluations"]) == (False, False, 6)
    assert search["sizes"] == [{"size": 1, "tried": 4, "of": 4}, {"size": 2, "tried": 2, "of": 6}]
    assert coverage_text(Counterfactual.model_validate(search)) == (
        "searched all 4 sets of 1 change; sets of 2 changes: 2 of 6 tried, "
        "then the budget of 6 evaluations ran out"
    )
    assert exhaustive_text(Counterfactual.model_validate(search)) == (
        "Exhaustive for 1 change: yes (all 4 sets); for 2 changes: no (2 of 6 sets; budget hit)"
    )
    assert steps == [("searching changes of facts", n, 6) for n in range(1, 7)]


def test_a_search_stopped_with_its_smallest_sets_says_it_was_not_exhaustive(calm, monkeypatch):
    from expert import counterfactual as whynot
    from expert.records import Counterfactual
    from expert.render.whynot import exhaustive_text

    monkeypatch.setattr(whynot, "KEEP", 1)
    search = whynot.counterfactual(*calm, "topic")
    assert search["sizes"] == [{"size": 1, "tried": 4, "of": 4}, {"size": 2, "tried": 3, "of": 6}]
    assert exhaustive_text(Counterfactual.model_validate(search)) == (
        "Exhaustive for 1 change: yes (all 4 sets); "
        "for 2 changes: no (3 of 6 sets; enough sets found)"
    )


def test_sensitivity_over_its_budget_says_how_many_were_left(calm):
    from expert.records import Sensitivity
    from expert.whatif import sensitivity, sensitivity_text

    evaluator, facts = calm
    report = sensitivity(evaluator, facts, budget=3)
    assert (report["tried"], report["variants"]) == (3, 24)
    assert sensitivity_text(Sensitivity.model_validate(report)).endswith(
        "Only 3 of 24 changes were tried, the budget; 21 were not.\n"
    )


def test_progress_is_drawn_only_once_the_work_has_taken_its_delay(monkeypatch):
    from expert.cli import base

    clock = iter([0.0, 0.5, 1.2, 1.25, 1.4])
    monkeypatch.setattr(base.time, "monotonic", lambda: next(clock))
    drawn: list[str] = []
    monkeypatch.setattr(base.click, "echo", lambda text, **kw: drawn.append(text))
    show = base.TerminalProgress()
    for done in range(1, 6):
        show("searching", done, 9)
    show.close()
    assert drawn == [
        "\r\x1b[Ksearching: 3 of at most 9",
        "\r\x1b[Ksearching: 5 of at most 9",
        "\r\x1b[K",
    ]


def test_the_look_ahead_asks_the_best_found_so_far_when_its_budget_runs_out(monkeypatch):
    from expert import api, lookahead

    kb, evaluator = api.knowledge_base(), api.evaluator()
    full = lookahead.Lookahead(kb, evaluator).best({}, set())
    monkeypatch.setattr(lookahead, "LOOKAHEAD_BUDGET", 1)
    monkeypatch.setattr(lookahead, "_may_beat", lambda *args: True)  # no pruning by bounds
    cut = lookahead.Lookahead(kb, evaluator).best({}, set())
    assert full.complete and not cut.complete
    assert cut.field in kb.fields


def test_docs_limits_lists_every_limit_with_the_value_of_its_constant():
    import importlib
    import re

    doc = (Path(__file__).parent.parent / "docs" / "limits.md").read_text()
    rows = re.findall(r"^\| [^|]+ \| ([\d,]+) \| `(expert\.[\w.]+)\.([A-Z_]+)` \|", doc, re.M)
    assert len(rows) == 16
    for value, module, name in rows:
        assert f"{getattr(importlib.import_module(module), name):,}" == value, name


def test_a_question_chosen_over_the_budget_says_so(monkeypatch, tmp_path):
    from expert import api, lookahead

    monkeypatch.setattr(lookahead, "LOOKAHEAD_BUDGET", 1)
    monkeypatch.setattr(lookahead, "_may_beat", lambda *args: True)  # no pruning by bounds
    session = api.consultation(save=tmp_path / "answers.yaml", ask_all=True)  # the look-ahead's
    question = session.next_question()
    assert not question.complete
    assert question.prompt().splitlines()[2] == (
        "    (the look-ahead spent its budget: a more telling question may exist)"
    )
