"""Compact HOW and WHY-NOT for the consultation, over a Result and its knowledge base.

The data is the explanation's own (`explain.conclusion_entry`, `whynot.target_entry`),
without the counterfactual search, which is too slow for a prompt. Each is a compact
document of the same blocks as the full explanations, laid out by the same text
back-end. The consultation calls only `how` and `why_not` (result, kb, name) -> text,
so either can be swapped for a fuller one. Nothing here names the domain.
"""

from __future__ import annotations

from .conditions import describe
from .errors import unknown_conclusion
from .explain import conclusion_entry
from .knowledge import KnowledgeBase
from .records import ConclusionEntry, ConclusionNode, FactRead, FieldNode, FiringEntry, Node
from .render.document import Block, Code, Document, Item, Para, Spans
from .render.phrases import cites, found_text
from .render.text_backend import text
from .render.words import held_text
from .result import Result
from .whynot import target_entry


def how(result: Result, kb: KnowledgeBase, name: str) -> str:
    """How a conclusion was reached: each firing that lent it certainty, with its facts."""
    if name not in kb.conclusions:
        return unknown_conclusion(name, kb.conclusions) + "\n"
    entry = conclusion_entry(result, kb, name)
    if not entry.concluded:
        return f"{name} was not concluded: no rule lent it any certainty. Try: why-not {name}\n"
    blocks: list[Block] = [
        Para((Code(name), f": {entry.title}: {entry.band} (CF {entry.cf:+.2f})"))
    ]
    for firing in sorted(entry.supporting + entry.opposing, key=lambda f: f.step):
        blocks.append(Item((*_firing(firing), f" (premise CF {firing.premise_cf:.2f})"), 1))
        blocks += [Item((f"because {f.field} is {_fact_text(f)}",), 3) for f in firing.facts]
        blocks += [Item((f"because {c.name} (CF {c.cf:+.2f})",), 3) for c in firing.conclusions]
    return text(Document(blocks=tuple(blocks)))


def why_not(result: Result, kb: KnowledgeBase, name: str) -> str:
    """Why a conclusion was not drawn (or not more strongly): rules for it and their failing tests."""
    if name not in kb.conclusions:
        return unknown_conclusion(name, kb.conclusions) + "\n"
    entry = conclusion_entry(result, kb, name)
    blocks: list[Block] = [Para(_status(name, entry))]
    for rule in target_entry(result, kb, name, "for").rules:
        if rule.fired:
            continue
        blocks.append(Item((Code(rule.rule), f" [{cites(rule)}] did not fire: {rule.title}"), 1))
        for condition, node in zip(kb.rules[rule.rule].when, rule.conditions, strict=True):
            if not node.holds:
                blocks.append(Item((f"{describe(condition)}: {_found(node)}",), 3))
    blocks += [Item(("against it: ", *_firing(firing)), 1) for firing in entry.opposing]
    if len(blocks) == 1 and not entry.concluded:
        blocks.append(Item(("no rule concludes it.",), 1))
    return text(Document(blocks=tuple(blocks)))


def _status(name: str, entry: ConclusionEntry) -> Spans:
    if entry.concluded:
        return (f"{name} is concluded: {entry.band} (CF {entry.cf:+.2f}); see: how {name}",)
    return (f"{name} was not concluded.",)


def _firing(firing: FiringEntry) -> Spans:
    lent = f"{firing.contribution:+.2f} from "
    return (lent, Code(firing.rule), f" [{cites(firing)}]: {firing.title}")


def _fact_text(fact: FactRead) -> str:
    return held_text(fact.value, fact.cf)


def _found(node: Node) -> str:
    return found_text(node) if isinstance(node, FieldNode | ConclusionNode) else "does not hold"
