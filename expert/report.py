"""The assessment as text: the verdict first, then each category of conclusions."""

from __future__ import annotations

from .knowledge import KnowledgeBase
from .records import AssessedVerdict, Assessment, Category, json_schema
from .render import words
from .result import Conclusion, Result


def verdict_line(result: Result, kb: KnowledgeBase) -> str:
    """One line: the verdict's title, certainty and band."""
    return words.verdict_line(kb.conclusions[result.verdict].title, result.verdict_cf)


def assessment_text(result: Result, kb: KnowledgeBase, *, style=lambda text, **_: text) -> str:
    """The whole assessment as readable text; `style` may add colour."""
    lines = [style(verdict_line(result, kb), bold=True)]
    if result.scenario:
        lines.append(words.scenario_line(result.scenario))
    lines += _evidence_lines(result, result.verdict)
    for category in kb.manifest.categories:
        found = [
            c
            for c in result.by_category(category.id)
            if c.name != result.verdict and c.kind != "intermediate"
        ]
        if found:
            lines += ["", style(category.title, bold=True)]
            for conclusion in found:
                lines += _conclusion_lines(conclusion, result, style)
    return "\n".join(lines) + "\n"


def _evidence_lines(result: Result, name: str) -> list[str]:
    """`for:` and `against:` lines: each rule behind a conclusion with what it lent."""
    found = result.conclusions.get(name)
    if not found:
        return ["  no rule concluded anything about it: the facts given are not enough"]
    lines = []
    evidence = result.evidence(name)
    for label, sign in (("for:    ", 1), ("against:", -1)):
        lent = [f"{rule} {cf:+.2f}" for rule, cf in evidence if cf * sign > 0]
        if lent:
            lines.append(f"  {label} " + ", ".join(lent))
    return lines


def _conclusion_lines(conclusion: Conclusion, result: Result, style) -> list[str]:
    words = "in play" if conclusion.kind == "factor" else conclusion.band
    rules = ", ".join(result.rules_for(conclusion.name))
    return [
        f"  {conclusion.cf:+.2f}  {words:<17}  {conclusion.title}",
        " " * 28 + style(f"rules: {rules}", dim=True),
    ]


def assessment_data(result: Result, kb: KnowledgeBase) -> Assessment:
    """The whole result as a record, with titles and the report's categories."""
    fields = result.record_fields()
    title = kb.conclusions[result.verdict].title
    verdict = AssessedVerdict(**dict(fields["verdict"]), title=title)
    categories = [
        Category(id=c.id, title=c.title, conclusions=[x.name for x in result.by_category(c.id)])
        for c in kb.manifest.categories
    ]
    return Assessment(**{**fields, "verdict": verdict}, categories=categories)


def assessment_schema() -> dict:
    """The JSON Schema of `summit assess --format json`, generated from its record."""
    return json_schema(Assessment)
