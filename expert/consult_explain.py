"""Compact HOW and WHY-NOT for the consultation, over a Result and its knowledge base.

The data is the explanation's own (`explain.conclusion_entry`, `whynot.target_entry`),
without the counterfactual search, which is too slow for a prompt; only the rendering
is compact. The consultation calls only `how` and `why_not` (result, kb, name) -> text,
so either can be swapped for a fuller one. Nothing here names the domain.
"""

from __future__ import annotations

from .conditions import describe
from .explain import conclusion_entry
from .explain_render import cites, found_text, value_text
from .knowledge import KnowledgeBase, unknown
from .records import ConclusionNode, FactRead, FieldNode, FiringEntry, Node
from .result import Result
from .whynot import target_entry


def how(result: Result, kb: KnowledgeBase, name: str) -> str:
    """How a conclusion was reached: each firing that lent it certainty, with its facts."""
    if name not in kb.conclusions:
        return unknown("conclusion", name, kb.conclusions) + "\n"
    entry = conclusion_entry(result, kb, name)
    if not entry.concluded:
        return f"{name} was not concluded: no rule lent it any certainty. Try: why-not {name}\n"
    lines = [f"{name}: {entry.title}: {entry.band} (CF {entry.cf:+.2f})"]
    for firing in sorted(entry.supporting + entry.opposing, key=lambda f: f.step):
        lines.append(f"  {_firing_text(firing)} (premise CF {firing.premise_cf:.2f})")
        lines += [f"      because {f.field} is {_fact_text(f)}" for f in firing.facts]
        lines += [f"      because {c.name} (CF {c.cf:+.2f})" for c in firing.conclusions]
    return "\n".join(lines) + "\n"


def why_not(result: Result, kb: KnowledgeBase, name: str) -> str:
    """Why a conclusion was not drawn (or not more strongly): rules for it and their failing tests."""
    if name not in kb.conclusions:
        return unknown("conclusion", name, kb.conclusions) + "\n"
    entry = conclusion_entry(result, kb, name)
    head = (
        f"{name} is concluded: {entry.band} (CF {entry.cf:+.2f}); see: how {name}"
        if entry.concluded
        else f"{name} was not concluded."
    )
    lines = [head]
    for rule in target_entry(result, kb, name, "for").rules:
        if rule.fired:
            continue
        lines.append(f"  {rule.rule} [{cites(rule)}] did not fire: {rule.title}")
        for condition, node in zip(kb.rules[rule.rule].when, rule.conditions, strict=True):
            if not node.holds:
                lines.append(f"      {describe(condition)}: {_found(node)}")
    lines += [f"  against it: {_firing_text(firing)}" for firing in entry.opposing]
    if len(lines) == 1 and not entry.concluded:
        lines.append("  no rule concludes it.")
    return "\n".join(lines) + "\n"


def _firing_text(firing: FiringEntry) -> str:
    paragraphs = cites(firing)
    return f"{firing.contribution:+.2f} from {firing.rule} [{paragraphs}]: {firing.title}"


def _fact_text(fact: FactRead) -> str:
    shown = value_text(fact.value)
    return f"{shown} (certainty {fact.cf:.2f})" if fact.cf is not None else shown


def _found(node: Node) -> str:
    return found_text(node) if isinstance(node, FieldNode | ConclusionNode) else "does not hold"
