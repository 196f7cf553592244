"""`summit rules`: the knowledge base listed, as data, and as its Markdown document."""

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import assert_golden
from kbfactory import conclusion, rule, write_kb

from expert.cli import main

DOC = Path(__file__).parent.parent / "docs" / "knowledge-base.md"
PARAGRAPHS = {
    "S2.P1": {"section": "Factors", "summary": "A crisis pushes leaders to talk."},
    "S4.P1": {
        "section": "Agenda",
        "summary": "Nothing to reason about.",
        "no_rules_because": "x y",
    },
}


def small_kb(tmp_path):
    rules = [
        rule(
            "crisis-talks",
            [{"field": "climate.crisis", "at_least": "high"}],
            {"meeting-occurs": 0.4},
        ),
        rule(
            "warm", [{"not": {"field": "personal.rapport", "is": "warm"}}], {"meeting-occurs": -0.2}
        ),
    ]
    return write_kb(
        tmp_path / "kb",
        rules,
        [conclusion("meeting-occurs", "hypothesis", "meeting")],
        paragraphs=PARAGRAPHS,
    )


def test_text_lists_every_rule_with_its_paragraphs(tmp_path):
    result = CliRunner().invoke(main, ["rules", "--rules", str(small_kb(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "rules.yaml\n"
        "  crisis-talks (S2.P1): Rule crisis-talks\n"
        "      concludes: meeting-occurs +0.40\n"
        "  warm (S2.P1): Rule warm\n"
        "      concludes: meeting-occurs -0.20\n"
        "\n2 rules, 1 conclusions\n"
    )


def test_an_unknown_rule_id_gets_a_suggestion_and_the_listing(tmp_path):
    result = CliRunner().invoke(main, ["rules", "crisis-talk", "--rules", str(small_kb(tmp_path))])
    assert result.exit_code == 2
    assert result.output == (
        "Error: unknown rule 'crisis-talk'; did you mean 'crisis-talks'?"
        " (`summit rules` lists them)\n"
    )


def test_json_gives_rules_as_data(tmp_path):
    result = CliRunner().invoke(
        main, ["rules", "--rules", str(small_kb(tmp_path)), "--format", "json"]
    )
    data = json.loads(result.output)
    first = data["rules"][0]
    assert (first["id"], first["file"], first["stratum"]) == ("crisis-talks", "rules.yaml", 0)
    assert first["conditions"] == ["climate.crisis is at least high"]
    assert data["rules"][1]["conditions"] == ["not (personal.rapport is warm)"]
    assert [p["rules"] for p in data["paragraphs"]] == [["crisis-talks", "warm"], []]


def test_markdown_is_organised_by_paragraph(tmp_path):
    result = CliRunner().invoke(
        main, ["rules", "--rules", str(small_kb(tmp_path)), "--format", "markdown"]
    )
    text = result.output
    assert (
        text.index("### S2.P1 — Factors")
        < text.index("#### `crisis-talks`")
        < text.index("### S4.P1")
    )
    assert "- climate.crisis is at least high" in text
    assert "- `meeting-occurs` CF +0.40" in text
    assert "No rules: x y" in text
    assert (
        "| `meeting-occurs` | hypothesis | The meeting-occurs title | `crisis-talks`, `warm` |"
        in text
    )


def test_live_document_covers_every_paragraph_and_rule():
    text = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output
    assert text.count("\n### S") == 19
    from expert import api

    for rule_id in api.knowledge_base().rules:
        assert f"#### `{rule_id}`" in text


def test_docs_knowledge_base_is_in_sync():
    assert_golden(DOC, CliRunner().invoke(main, ["rules", "--format", "markdown"]).output)


RECORD_NOTE = "The Gazette, 2 March 2019, reports talks held in every such crisis"


def sourced_kb(tmp_path):
    rules = [
        rule(
            "crisis-talks",
            [{"field": "climate.crisis", "at_least": "high"}],
            {"meeting-occurs": 0.4},
            sources=[RECORD_NOTE],
        )
    ]
    factor = {
        "id": "crisis-in-play",
        "paragraphs": ["S2.P1"],
        "fields": ["climate.crisis"],
        "note": "A crisis matters | either way.",
    }
    return write_kb(tmp_path / "kb", rules, [], paragraphs=PARAGRAPHS, directionless=[factor])


def test_every_format_shows_a_rules_public_record(tmp_path):
    kb = str(sourced_kb(tmp_path))
    text = CliRunner().invoke(main, ["rules", "--rules", kb]).output
    assert text == (
        "rules.yaml\n"
        "  crisis-talks (S2.P1): Rule crisis-talks\n"
        "      concludes: meeting-occurs +0.40\n"
        "      public record: The Gazette, 2 March 2019, reports talks held in every such\n"
        "                     crisis\n"
        "\n1 rules, 1 conclusions\n"
    )
    data = json.loads(CliRunner().invoke(main, ["rules", "--rules", kb, "--format", "json"]).output)
    assert (data["rules"][0]["paragraphs"], data["rules"][0]["sources"]) == (
        ["S2.P1"],
        [RECORD_NOTE],
    )
    assert data["directionless"][0]["fields"] == ["climate.crisis"]
    markdown = CliRunner().invoke(main, ["rules", "--rules", kb, "--format", "markdown"]).output
    assert (
        "*rules.yaml; paragraphs S2.P1*\n\n"
        "Its direction comes from the public record, not the source text:\n\n"
        f"- {RECORD_NOTE}\n"
    ) in markdown
    assert (
        "| `crisis-in-play` | S2.P1 | `climate.crisis` | A crisis matters \\| either way. |\n"
        in markdown
    )
