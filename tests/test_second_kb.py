"""A second knowledge base, on another subject, runs through every command (tests/adoption/).

Each command's whole output is compared with its golden in tests/golden/adoption/;
`SUMMIT_UPDATE_GOLDENS=1` rewrites them. The commands run in a copy of the folder,
so that a consultation's saved answers land there and paths stay relative.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from expert import api
from expert.cli import main

TESTS = Path(__file__).resolve().parent
FOLDER = TESTS / "adoption"
GOLDEN = TESTS / "golden" / "adoption"
KEPT = "facts/well-kept.yaml"
ANSWERS = "active\nlittle\nwhy\npermissive\nmuch\n1\n"

COMMANDS = {
    "assess": ["assess", KEPT],
    "assess-json": ["assess", "facts/undecided.yaml", "--format", "json"],
    "explain": ["explain", KEPT],
    "explain-why-not": ["explain", "facts/abandoned.yaml", "--why-not", "healthy"],
    "explain-trace": ["explain", KEPT, "--trace"],
    "explain-rule": ["explain", KEPT, "--rule", "known-and-healthy"],
    "consult": ["consult", "--save", "answers.yaml"],
    "batch": ["batch", "facts/", "--jobs", "1"],
    "what-if": ["what-if", "facts/abandoned.yaml", "--set", "project.activity=active"],
    "sensitivity": ["sensitivity", "facts/undecided.yaml"],
    "check": ["check", "--coverage"],
    "rules": ["rules"],
    "rules-markdown": ["rules", "--format", "markdown"],
    "schema": ["schema"],
    "schema-markdown": ["schema", "--format", "markdown"],
    "validate": ["validate", KEPT, "broken/typo.yaml"],
    "backtest": ["backtest", "facts/"],
}
TIMED = {"batch"}
"""Commands whose standard error says how long they took: only their output is compared."""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    copy = tmp_path / "adoption"
    shutil.copytree(FOLDER, copy)
    monkeypatch.chdir(copy)
    monkeypatch.setenv("COLUMNS", "100")
    return copy


def transcript(name: str, args: list[str], folder: Path) -> str:
    """What a command prints, its errors and exit code, and the file it saved, if any."""
    typed = ANSWERS if name == "consult" else None
    result = CliRunner().invoke(main, [*args, "--rules", "rules"], input=typed)
    parts = [f"$ summit {' '.join(args)} --rules rules\n", result.stdout]
    if result.stderr and name not in TIMED:
        parts += ["--- stderr\n", result.stderr]
    if (folder / "answers.yaml").exists():
        parts += ["--- answers.yaml\n", (folder / "answers.yaml").read_text(encoding="utf-8")]
    return "".join(parts) + f"--- exit {result.exit_code}\n"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_on_the_second_knowledge_base_matches_its_golden(name, folder):
    text = transcript(name, COMMANDS[name], folder)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_second_knowledge_base_names_nothing_of_the_first(folder):
    schema = transcript("schema", ["schema"], folder)
    assert '"case"' in schema and "scenario" not in schema
    assert "climate" not in transcript("rules", ["rules", "--format", "json"], folder)


def test_each_rule_fires_on_its_example_and_not_on_its_near_miss():
    rules = FOLDER / "rules"
    kb, evaluator = api.knowledge_base(rules), api.evaluator(rules)

    def fired(data: dict) -> set[str]:
        result = evaluator.evaluate(api.facts_from_data(data, rules=rules))
        return {firing.rule for firing in result.trace}

    for rule_id, rule in sorted(kb.rules.items()):
        assert rule_id in fired(rule.examples.fires), rule_id
        assert rule_id not in fired(rule.examples.near_miss), rule_id
