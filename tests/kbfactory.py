"""Write small knowledge bases for tests, over the real fact model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from expert.engine import Evaluator
from expert.knowledge import KnowledgeBase, load_knowledge_base
from expert.model import FactFile

MANIFEST = {
    "name": "test knowledge base",
    "source": "tests",
    "verdict": "meeting-occurs",
    "categories": [
        {"id": "meeting", "title": "Will they meet?"},
        {"id": "agenda", "title": "Agenda"},
        {"id": "reasoning", "title": "Intermediate reasoning"},
    ],
}


def conclusion(name: str, kind: str = "intermediate", category: str = "reasoning") -> dict:
    """A conclusion declaration."""
    return {"name": name, "kind": kind, "category": category, "title": f"The {name} title"}


def rule(rule_id: str, when: list[dict], then: dict[str, float], **extra: Any) -> dict:
    """A rule with a title, a citation and a rationale filled in."""
    return {
        "id": rule_id,
        "title": f"Rule {rule_id}",
        "paragraphs": ["S2.P1"],
        "rationale": f"Because of {rule_id}, for the test.",
        "when": when,
        "then": [{"conclude": name, "cf": cf} for name, cf in then.items()],
        **extra,
    }


def write_kb(directory: Path, rules: list[dict], conclusions: list[dict], **manifest: Any) -> Path:
    """Write a manifest and one rule file; `meeting-occurs` is always declared."""
    directory.mkdir(parents=True, exist_ok=True)
    names = {c["name"] for c in conclusions}
    if "meeting-occurs" not in names:
        conclusions = [conclusion("meeting-occurs", "hypothesis", "meeting"), *conclusions]
    (directory / "knowledge-base.yaml").write_text(yaml.safe_dump({**MANIFEST, **manifest}))
    (directory / "rules.yaml").write_text(
        yaml.safe_dump({"conclusions": conclusions, "rules": rules}, sort_keys=False)
    )
    return directory


def load(directory: Path) -> KnowledgeBase:
    """Load a test knowledge base over the real fact model."""
    return load_knowledge_base(directory, FactFile)


def evaluate(kb: KnowledgeBase, facts: dict) -> Any:
    """Evaluate plain fact data with a fresh evaluator."""
    return Evaluator(kb).evaluate(FactFile.model_validate(facts))
