"""`summit check`: planted anomalies are each found, where they are; a clean base has none."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import assert_golden
from kbfactory import conclusion, rule, write_kb

from expert.api import fact_model
from expert.check import CHECKS, check_knowledge_base, finding_from_error, report_text
from expert.cli import main
from expert.errors import KnowledgeBaseError, SourceError
from expert.facts import catalogue

FactFile = fact_model()

TESTS = Path(__file__).parent
PLANTED = "fixtures/check/planted"


@pytest.fixture
def planted(monkeypatch):
    """Check a planted knowledge base, with paths relative to tests/."""
    monkeypatch.chdir(TESTS)
    return lambda name: check_knowledge_base(f"{PLANTED}/{name}")


EXAMPLE_CODES = {"E111", "E112", "E113"}
"""The checks that run each rule's examples; the planted bases test the other checks."""


def structural(findings):
    return [f for f in findings if f.code not in EXAMPLE_CODES]


def found(report):
    return [
        (f.code, f.where.removeprefix(f"{PLANTED}/"), *f.rules) for f in structural(report.findings)
    ]


KNOWN = {"examples": {"fires": {"personal": {"rapport": "warm"}}, "near_miss": {}}}
"""Examples for a rule that fires when any field is known."""


def test_every_planted_anomaly_of_a_loaded_base_is_found_at_its_line(planted):
    assert found(planted("analysis")) == [
        ("E108", "analysis/rules.yaml:69", "odd-storm"),
        ("E109", "analysis/rules.yaml:85", "tension-pushes"),
        ("W206", "analysis/knowledge-base.yaml:11"),
        ("W205", "analysis/model.yaml:41"),
        ("W204", "analysis/rules.yaml:4", "storm-worries"),
        ("W207", "analysis/rules.yaml:5"),
        ("W201", "analysis/rules.yaml:15", "wind-pushes-too", "wind-pushes"),
        ("W202", "analysis/rules.yaml:29", "big-storm-pushes", "storm-pushes"),
        ("W203", "analysis/rules.yaml:45", "high-temper-blocks", "temper-helps"),
    ]


def test_load_errors_become_findings_instead_of_a_crash(planted):
    report = planted("load")
    assert found(report) == [
        ("E100", "load/broken.yaml:3"),
        ("E101", "load/rules.yaml:9", "stormy-storm"),
        ("E102", "load/rules.yaml:15", "extreme-storm"),
        ("E103", "load/rules.yaml:22", "misspelt-conclusion"),
        ("E104", "load/rules.yaml:29", "twice"),
        ("E107", "load/rules.yaml:37", "far-citation"),
        ("E106", "load/uncited.yaml:5", "uncited"),
    ]
    assert report.coverage is None
    assert report.exit_code() == 1


def test_a_cycle_is_reported_with_every_rule_in_it(planted):
    (finding,) = planted("cycle").findings
    assert (finding.code, finding.name, finding.where) == (
        "E105",
        "cycle",
        f"{PLANTED}/cycle/rules.yaml:6",
    )
    assert finding.rules == ("hope-feeds-outcome", "outcome-feeds-hope")


def test_a_load_error_is_classified_by_its_code_and_rules_not_its_wording():
    reworded = KnowledgeBaseError(
        "these rules wait on each other forever",
        path="kb/r.yaml",
        line=6,
        field="rule a",
        code="cycle",
        rules=("a", "b"),
    )
    finding = finding_from_error(reworded)
    assert (finding.code, finding.rules, finding.where) == ("E105", ("a", "b"), "kb/r.yaml:6")
    assert finding.message == "these rules wait on each other forever"
    # Words that once decided the kind mean nothing without a code.
    lookalike = finding_from_error(SourceError("rule id 'a' is already used in a cycle"))
    assert (lookalike.name, lookalike.rules) == ("invalid", ())


def test_a_conclusion_with_a_paragraphs_key_is_invalid_not_an_uncited_rule(tmp_path):
    stray = {**conclusion("mood"), "paragraphs": ["S2.P1"]}
    write_kb(tmp_path, [rule("anything-known", [every_field_known()], {"mood": 0.5})], [stray])
    (finding,) = structural(check_knowledge_base(tmp_path, FactFile).findings)
    assert (finding.name, finding.rules) == ("invalid", ())
    assert finding.message.startswith("conclusions[1].paragraphs: unknown key 'paragraphs'")


def test_a_rule_without_examples_or_whose_examples_are_wrong_is_an_error(tmp_path):
    def warm():
        return [{"field": "personal.rapport", "is": "warm"}]

    rules = [
        rule("bare", warm(), {"meeting-occurs": 0.5}),
        rule("misses", warm(), {"meeting-occurs": 0.5}, examples={"fires": {}, "near_miss": {}}),
        rule(
            "overshoots",
            warm(),
            {"meeting-occurs": 0.5},
            examples={
                "fires": {"personal": {"rapport": "warm"}},
                "near_miss": {"personal": {"rapport": "warm"}},
            },
        ),
    ]
    kb = write_kb(tmp_path, rules, [])
    report = check_knowledge_base(kb, FactFile)
    assert [(f.code, f.rules, f.line, f.message) for f in report.errors] == [
        ("E111", ("bare",), 7, "the rule has no `examples` (fires, near_miss)"),
        ("E112", ("misses",), 18, "the rule does not fire on its `fires` example"),
        ("E113", ("overshoots",), 32, "the rule fires on its `near_miss` example"),
    ]
    assert report.exit_code() == 1


def every_field_known() -> dict:
    """A condition that reads every field of the real fact model."""
    return {"any": [{"field": path, "known": True} for path in catalogue(FactFile)]}


def run(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_a_clean_knowledge_base_passes_even_when_strict(tmp_path):
    write_kb(
        tmp_path,
        [rule("anything-known", [every_field_known()], {"meeting-occurs": 0.5}, **KNOWN)],
        [],
    )
    result = run("--rules", str(tmp_path), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output == "No problems in 1 rule and 1 conclusion.\n"


def test_warnings_fail_only_when_strict_and_errors_always(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a temporary folder's path is long: keep lines whole
    rules = [
        rule("anything-known", [every_field_known()], {"meeting-occurs": 0.5}, **KNOWN),
        rule(
            "wants",
            [{"field": "personal.rapport", "is": "warm"}],
            {"unread": 0.5},
            examples={"fires": {"personal": {"rapport": "warm"}}, "near_miss": {}},
        ),
    ]
    write_kb(tmp_path, rules, [conclusion("unread")])
    assert run("--rules", str(tmp_path)).exit_code == 0
    assert run("--rules", str(tmp_path), "--strict").exit_code == 1
    rules.append(rule("nowhere", [{"conclusion": "never-drawn"}], {"meeting-occurs": 0.2}))
    write_kb(tmp_path, rules, [conclusion("unread"), conclusion("never-drawn")])
    result = run("--rules", str(tmp_path))
    assert result.exit_code == 1
    assert (
        "E109 unreachable-premise  nowhere: needs conclusion never-drawn, which no rule concludes"
        in result.output
    )


@pytest.mark.parametrize(
    ("test", "cf", "message"),
    [
        (
            {"min_cf": 0.6},
            0.5,
            "needs mood with CF at least 0.6, but its rules reach at most 0.5 together",
        ),
        (
            {"max_cf": -0.2},
            0.5,
            "needs mood with CF at most -0.2, but no rule argues against it strongly enough",
        ),
        ({"max_cf": -0.2}, -0.5, None),
    ],
)
def test_a_premise_needs_a_conclusion_its_producers_can_reach(tmp_path, test, cf, message):
    rules = [
        rule("anything-known", [every_field_known()], {"mood": cf}),
        rule("reader", [{"conclusion": "mood", **test}], {"meeting-occurs": 0.5}),
    ]
    report = check_knowledge_base(write_kb(tmp_path, rules, [conclusion("mood")]), FactFile)
    assert [f.message for f in report.findings if f.code == "E109"] == (
        [message] if message else []
    )


def test_a_weak_premise_weakens_what_its_rule_can_lend_downstream(tmp_path):
    rules = [
        rule("anything-known", [every_field_known()], {"doubt": 0.5}),
        rule("doubt-hints", [{"conclusion": "doubt"}], {"hint": 0.3}),
        rule("hint-decides", [{"conclusion": "hint"}], {"meeting-occurs": 0.8}),
    ]
    kb = write_kb(tmp_path, rules, [conclusion("doubt"), conclusion("hint")])
    (finding,) = structural(check_knowledge_base(kb, FactFile).findings)
    assert (finding.code, finding.rules) == ("E109", ("hint-decides",))
    assert (
        finding.message
        == "needs hint with CF at least 0.2, but its rules reach at most 0.15 together"
    )


def test_json_lists_findings_and_coverage(tmp_path):
    write_kb(
        tmp_path,
        [rule("anything-known", [every_field_known()], {"meeting-occurs": 0.5}, **KNOWN)],
        [],
    )
    data = json.loads(run("--rules", str(tmp_path), "--format", "json").output)
    assert data["summary"] == {"errors": 0, "warnings": 0, "rule_count": 1, "conclusion_count": 1}
    assert data["findings"] == []
    assert data["coverage"]["paragraphs"] == {"S2.P1": ["anything-known"]}
    assert list(data["coverage"]["fields"]) == list(catalogue(FactFile))
    assert all(readers == ["anything-known"] for readers in data["coverage"]["fields"].values())


def test_text_report_of_the_planted_base_matches_its_golden(planted):
    text = report_text(planted("analysis"), show_coverage=True)
    assert_golden(TESTS / "golden" / "check" / "planted.txt", text)


def test_docs_list_every_check_with_its_code_and_severity():
    doc = (TESTS.parent / "docs" / "check.md").read_text()
    for name, (code, severity, _) in CHECKS.items():
        assert f"| `{code}` | {name} | {severity} |" in doc


def test_fields_that_reach_no_hypothesis_and_unsourced_signs_are_found(planted):
    report = planted("signs")
    assert found(report) == [
        ("W208", "signs/model.yaml:39", "temper-frets"),
        ("W209", "signs/rules.yaml:10", "storm-pushes"),
    ]
    assert [f.message for f in structural(report.findings)] == [
        "the field mood.temper can change no hypothesis: its rules conclude only fret, "
        "and no chain of rules carries that into a hypothesis",
        "reads weather.storm of the direction-less factor weather-in-play yet concludes "
        "outcome, which reaches the verdict; name the public record behind the direction "
        "in `sources`, or conclude a factor",
    ]


def test_a_directionless_entry_naming_nothing_is_a_located_load_error(tmp_path):
    factor = {"id": "calendar", "paragraphs": ["S9.P9"], "fields": ["personal.rapor"]}
    paragraphs = {"S2.P1": {"section": "Two", "summary": "Crises compel talks."}}
    kb = write_kb(
        tmp_path,
        [rule("anything-known", [every_field_known()], {"meeting-occurs": 0.5})],
        [],
        paragraphs=paragraphs,
        directionless=[{**factor, "note": "The calendar matters, either way."}],
    )
    findings = [(f.code, f.line, f.message) for f in check_knowledge_base(kb, FactFile).findings]
    manifest = (tmp_path / "knowledge-base.yaml").read_text().splitlines()
    assert findings == [
        (
            "E101",
            manifest.index("  - personal.rapor") + 1,
            "unknown field 'personal.rapor'; did you mean 'personal.rapport'?",
        ),
        (
            "E107",
            manifest.index("  - S9.P9") + 1,
            "unknown paragraph 'S9.P9'; did you mean 'S2.P1'?",
        ),
    ]


def test_ignored_warnings_are_left_out_and_counted(planted):
    signs = f"{PLANTED}/signs"
    report = check_knowledge_base(signs, ignore=("W208",))
    assert [f.code for f in report.findings] == ["W209"]
    assert report_text(report).endswith(
        "0 errors, 1 warning in 8 rules and 5 conclusions (1 warning ignored).\n"
    )
    report = check_knowledge_base(signs, ignore=("W208", "W209"))
    assert (report.exit_code(strict=True), report_text(report)) == (
        0,
        "No problems in 8 rules and 5 conclusions (2 warnings ignored).\n",
    )


def test_an_error_code_cannot_be_ignored():
    result = run("--ignore", "E101")
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: Invalid value for '--ignore': 'E101' is not one of 'W201'"
    )


def test_the_live_knowledge_base_has_no_findings():
    report = check_knowledge_base(Path(__file__).parent.parent / "rules", FactFile)
    assert report.findings == []
