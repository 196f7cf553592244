"""The phrases explanations share: citations, a combination, a premise, a status, a verdict.

Each is plain text from a record, the same in every format and in the consultation.
"""

from __future__ import annotations

from .. import certainty
from ..records import (
    ConclusionEntry,
    ConclusionNode,
    FactRead,
    FieldNode,
    FiringEntry,
    Header,
    RuleHead,
    Target,
)
from .document import Code, Para, Spans, Strong
from .words import held_text, needed_text, scenario_line, verdict_line

UNCOUNTED = "not counted: the same rule lends through its strongest match"


def cites(entry: RuleHead | FiringEntry) -> str:
    """A rule's paragraph ids, and the pack it comes from when it is not the base's."""
    pack = f"; pack {entry.pack}" if entry.pack else ""
    return ", ".join(entry.paragraphs) + pack


def combination_text(entry: ConclusionEntry) -> str:
    """`+0.36 ⊕ +0.40 = +0.62`, one step after another."""
    steps = entry.combination
    if not steps:
        return f"{entry.cf:+.2f} (one rule)"
    return "; ".join(f"{s.left:+.2f} ⊕ {s.right:+.2f} = {s.result:+.2f}" for s in steps)


def premise_text(firing: FiringEntry) -> str:
    """`rule CF +0.60 × premise 0.60 (weakest of 0.85, 0.60) = +0.36`."""
    used = [abs(c.cf) for c in firing.conclusions]
    weakest = f" (weakest of {', '.join(f'{u:.2f}' for u in used)})" if len(used) > 1 else ""
    return (
        f"rule CF {firing.rule_cf:+.2f} × premise {firing.premise_cf:.2f}{weakest}"
        f" = {firing.contribution:+.2f}"
    )


def facts_spans(facts: list[FactRead]) -> Spans:
    """`a.b = x, c.d = unknown`, each reading a name."""
    parts: list[Code | str] = []
    for i, f in enumerate(facts):
        parts += [", "] if i else []
        parts.append(Code(f"{f.field} = {held_text(f.value, f.cf)}"))
    return tuple(parts)


def status_text(entry: Target) -> str:
    """Whether a conclusion was reached in the direction needed, in words."""
    need = needed_text(entry.direction)
    if entry.status == "reached":
        return f"reached, CF {entry.cf:+.2f}"
    if entry.status == "weak":
        return f"not reached: CF {entry.cf:+.2f}, and rules need {need}"
    return "not concluded: no rule concluded anything about it"


def verdict_text(data: Header) -> str:
    """`Title: band (CF +0.62)`."""
    v = data.verdict
    return verdict_line(v.title, v.cf, v.band)


def head(data: Header) -> list[Para]:
    """Every explanation's opening: the verdict, stressed, and the scenario's name."""
    blocks = [Para((Strong(verdict_text(data)),))]
    if data.scenario:
        blocks.append(Para((scenario_line(data.scenario),)))
    return blocks


def found_text(node: FieldNode | ConclusionNode) -> str:
    """What a diagnosed test found: `found high`, `unknown`, `found CF +0.10 (too weak …)`."""
    if node.type == "field":
        return "unknown" if node.value is None else f"found {held_text(node.value, node.cf)}"
    if node.cf is None:
        return "not concluded"
    weak = "" if certainty.is_strong(node.cf) else " (too weak to trigger rules)"
    return f"found CF {node.cf:+.2f}{weak}"
