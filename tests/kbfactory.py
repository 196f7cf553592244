"""Write small knowledge bases for tests, over the real fact model."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from expert.api import fact_model
from expert.engine import Evaluator
from expert.knowledge import KnowledgeBase, load_knowledge_base

FactFile = fact_model()

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


def conclusion(
    name: str, kind: str = "intermediate", category: str = "reasoning", title: str = ""
) -> dict:
    """A conclusion declaration."""
    return {"name": name, "kind": kind, "category": category, "title": title or f"The {name} title"}


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


BUILT_IN_MODEL = Path(__file__).resolve().parent.parent / "rules" / "model.yaml"


def write_model(directory: Path) -> None:
    """Copy the built-in model file: test knowledge bases reason over the real facts."""
    shutil.copyfile(BUILT_IN_MODEL, directory / "model.yaml")


def write_kb(directory: Path, rules: list[dict], conclusions: list[dict], **manifest: Any) -> Path:
    """Write a manifest, the model file and one rule file; `meeting-occurs` is always declared."""
    directory.mkdir(parents=True, exist_ok=True)
    write_model(directory)
    names = {c["name"] for c in conclusions}
    if "meeting-occurs" not in names:
        conclusions = [conclusion("meeting-occurs", "hypothesis", "meeting"), *conclusions]
    (directory / "knowledge-base.yaml").write_text(yaml.safe_dump({**MANIFEST, **manifest}))
    (directory / "rules.yaml").write_text(
        yaml.safe_dump({"conclusions": conclusions, "rules": rules}, sort_keys=False)
    )
    return directory


def write_files(directory: Path, files: dict[str, dict], **manifest: Any) -> Path:
    """Write a manifest, the model file and several rule files, each
    {"conclusions": [...], "rules": [...]}."""
    directory.mkdir(parents=True, exist_ok=True)
    write_model(directory)
    (directory / "knowledge-base.yaml").write_text(yaml.safe_dump({**MANIFEST, **manifest}))
    for name, content in files.items():
        (directory / name).write_text(yaml.safe_dump(content, sort_keys=False))
    return directory


def load(directory: Path) -> KnowledgeBase:
    """Load a test knowledge base over the real fact model."""
    return load_knowledge_base(directory)


def evaluate(kb: KnowledgeBase, facts: dict) -> Any:
    """Evaluate plain fact data with a fresh evaluator."""
    return Evaluator(kb).evaluate(FactFile.model_validate(facts))


SAMPLE_MANIFEST = {
    "categories": [
        {"id": "meeting", "title": "Will they meet?"},
        {"id": "form", "title": "Form and timing"},
        {"id": "agenda", "title": "Agenda"},
        {"id": "challenge", "title": "Challenges"},
        {"id": "outcome", "title": "Outcomes"},
        {"id": "reasoning", "title": "Intermediate reasoning"},
    ]
}


def sample_conclusions() -> list[dict]:
    """The conclusions of the sample knowledge base, one or more per report section."""
    return [
        conclusion("meeting-occurs", "hypothesis", "meeting", "The leaders meet"),
        conclusion("pressure", title="Events press for talks"),
        conclusion("us-motive", title="Washington has a motive"),
        conclusion("form:crisis-summit", "hypothesis", "form", "An urgent crisis summit"),
        conclusion("agenda:arms-control", "hypothesis", "agenda", "Arms control is discussed"),
        conclusion("challenge:mistrust", "factor", "challenge", "Mistrust between the sides"),
        conclusion("outcome:de-escalation", "hypothesis", "outcome", "Tensions ease"),
    ]


def sample_rules() -> list[dict]:
    """Three strata, an `any`, NOTs, opposing evidence and ties on salience."""
    crisis_high = {"field": "climate.crisis", "is": "high"}
    motives = ["seeks_trade_deal", "seeks_breakthrough", "wants_show_of_strength"]
    return [
        rule("crisis-pressure", [{"field": "climate.crisis", "at_least": "moderate"}], {"pressure": 0.6}),
        rule("tension-pressure", [{"field": "climate.tension", "is": "high"}], {"pressure": 0.4}),
        rule("incident-pressure", [{"field": "climate.military_incident_risk", "at_least": "moderate"}], {"pressure": 0.5}),
        rule("pressure-drives-meeting", [{"conclusion": "pressure"}], {"meeting-occurs": 0.7}),
        rule("no-pressure-no-meeting", [{"not": {"conclusion": "pressure"}}], {"meeting-occurs": -0.3}),
        rule("us-has-motive", [{"any": [{"field": f"us_agenda.{m}", "is": True} for m in motives]}], {"us-motive": 0.6}),
        rule("motive-drives-meeting", [{"conclusion": "us-motive"}], {"meeting-occurs": 0.3}),
        rule("mistrust-blocks", [{"field": "personal.trust", "at_most": "low"}], {"meeting-occurs": -0.4, "challenge:mistrust": 0.8}),
        rule("crisis-summit", [{"conclusion": "meeting-occurs", "min_cf": 0.4}, crisis_high], {"form:crisis-summit": 0.6}),
        rule("arms-on-agenda", [{"field": "climate.arms_control", "one_of": ["expiring", "lapsed"]}], {"agenda:arms-control": 0.8}),
        rule("meeting-de-escalates", [{"conclusion": "meeting-occurs"}, {"not": {"field": "diplomacy.crisis_channels", "is": True}}], {"outcome:de-escalation": 0.5}),
    ]  # fmt: skip


SAMPLE_FACTS = {
    "scenario": {"name": "Sample"},
    "climate": {"crisis": "high", "tension": "high", "military_incident_risk": "moderate", "arms_control": "expiring"},
    "us_agenda": {"seeks_breakthrough": True, "wants_show_of_strength": True},
    "personal": {"trust": "low"},
    "diplomacy": {"crisis_channels": False},
}  # fmt: skip


def write_sample(directory: Path) -> Path:
    """Write the sample knowledge base."""
    return write_kb(directory, sample_rules(), sample_conclusions(), **SAMPLE_MANIFEST)


def write_facts(path: Path, facts: dict) -> Path:
    """Write a fact file."""
    path.write_text(yaml.safe_dump(facts, sort_keys=False))
    return path
