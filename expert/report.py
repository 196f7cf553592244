"""The assessment as text: the verdict first, then each category of conclusions."""

from __future__ import annotations

import json
from pathlib import Path

from . import certainty
from .knowledge import KnowledgeBase
from .result import Conclusion, Result


def verdict_line(result: Result, kb: KnowledgeBase) -> str:
    """One line: the verdict's title, certainty and band."""
    title = kb.conclusions[result.verdict].title
    cf = result.verdict_cf
    return f"{title}: {certainty.band(cf)} (CF {cf:+.2f})"


def assessment_text(result: Result, kb: KnowledgeBase, *, style=lambda text, **_: text) -> str:
    """The whole assessment as readable text; `style` may add colour."""
    lines = [style(verdict_line(result, kb), bold=True)]
    if result.scenario:
        lines.append(f"Scenario: {result.scenario}")
    verdict = result.conclusions.get(result.verdict)
    if verdict:
        lines.append(f"  rules: {', '.join(result.rules_for(result.verdict))}")
    else:
        lines.append("  no rule concluded anything about it: the facts given are not enough")
    for category in kb.manifest.categories:
        found = [
            c
            for c in result.by_category(category.id)
            if c.name != result.verdict and c.kind != "intermediate"
        ]
        if not found:
            continue
        lines += ["", style(category.title, bold=True)]
        lines += [_conclusion_line(c, result) for c in found]
    return "\n".join(lines) + "\n"


def _conclusion_line(conclusion: Conclusion, result: Result) -> str:
    rules = ", ".join(result.rules_for(conclusion.name))
    if conclusion.kind == "factor":
        return f"  - {conclusion.title}  [{rules}]"
    return f"  {conclusion.cf:+.2f} {conclusion.band:<17} {conclusion.title}  [{rules}]"


def assessment_data(result: Result, kb: KnowledgeBase) -> dict:
    """The whole result as data, with titles and the report's categories."""
    data = result.to_dict()
    data["verdict"]["title"] = kb.conclusions[result.verdict].title
    data["categories"] = [
        {"id": c.id, "title": c.title, "conclusions": [x.name for x in result.by_category(c.id)]}
        for c in kb.manifest.categories
    ]
    return data


SCHEMA = Path(__file__).resolve().parent / "schemas" / "assess.schema.json"


def assessment_schema() -> dict:
    """The JSON Schema of `assessment_data` (`summit assess --format json`)."""
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
