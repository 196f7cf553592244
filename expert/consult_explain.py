"""Compact HOW and WHY-NOT for the consultation, over a Result and its knowledge base.

A stand-in for the full explanation module: the consultation calls only `how` and
`why_not` (result, kb, name) -> text, so either can be swapped for a fuller one.
Nothing here names the domain.
"""

from __future__ import annotations

from typing import Any

from . import certainty
from .compiler import allowed_values
from .facts import show_values
from .knowledge import KnowledgeBase, unknown
from .result import Result
from .ruleschema import AllOf, ConclusionTest, Condition, FieldTest, NotCondition


def how(result: Result, kb: KnowledgeBase, name: str) -> str:
    """How a conclusion was reached: each firing that lent it certainty, with its facts."""
    problem = _check_name(kb, name)
    if problem:
        return problem
    found = result.conclusions.get(name)
    if not found:
        return f"{name} was not concluded: no rule lent it any certainty. Try: why-not {name}\n"
    lines = [f"{name}: {found.title}: {found.band} (CF {found.cf:+.2f})"]
    for step in sorted(found.supporting + found.opposing):
        firing = result.trace[step - 1]
        rule = kb.rules[firing.rule]
        lent = firing.concluded[name]
        lines.append(
            f"  {lent:+.2f} from {rule.id} [{', '.join(rule.paragraphs)}]: {rule.title}"
            f" (premise CF {firing.premise_cf:.2f})"
        )
        lines += [f"      because {fact}" for fact in _matched(firing.matched)]
    return "\n".join(lines) + "\n"


def why_not(result: Result, kb: KnowledgeBase, name: str) -> str:
    """Why a conclusion was not drawn (or not more strongly): each producer's failing tests."""
    problem = _check_name(kb, name)
    if problem:
        return problem
    found = result.conclusions.get(name)
    head = (
        f"{name} is concluded: {found.band} (CF {found.cf:+.2f}); see: how {name}"
        if found
        else f"{name} was not concluded."
    )
    lines = [head]
    fired = {f.rule for f in result.trace}
    for rule_id in sorted(kb.producers.get(name, [])):
        if rule_id in fired:
            continue
        rule = kb.rules[rule_id]
        lines.append(f"  {rule.id} [{', '.join(rule.paragraphs)}] did not fire: {rule.title}")
        for cond in rule.when:
            if not holds(cond, result, kb):
                lines.append(f"      {describe(cond)}: {_found(cond, result)}")
    if len(lines) == 1 and not found:
        lines.append("  no rule concludes it.")
    return "\n".join(lines) + "\n"


def holds(cond: Condition, result: Result, kb: KnowledgeBase) -> bool:
    """Whether a condition holds for the facts and conclusions of a result."""
    if isinstance(cond, FieldTest):
        return result.facts.get(cond.field) in allowed_values(kb.fields[cond.field], cond)
    if isinstance(cond, ConclusionTest):
        found = result.conclusions.get(cond.conclusion)
        if found is None or not found.is_strong:
            return False  # weak conclusions are never asserted, so no rule sees them
        if cond.max_cf is not None:
            return found.cf <= cond.max_cf
        return found.cf >= (certainty.THRESHOLD if cond.min_cf is None else cond.min_cf)
    if isinstance(cond, NotCondition):
        return not holds(cond.not_, result, kb)
    if isinstance(cond, AllOf):
        return all(holds(c, result, kb) for c in cond.all)
    return any(holds(c, result, kb) for c in cond.any)  # type: ignore[union-attr]


def describe(cond: Condition) -> str:
    """A condition in words: `group.field at least some-value`."""
    if isinstance(cond, FieldTest):
        name, operand = cond.test
        if name == "known":
            return f"{cond.field} is {'known' if operand else 'unknown'}"
        shown = (
            show_values(tuple(operand)) if isinstance(operand, list) else show_values((operand,))
        )
        words = {"is_not": "is not", "one_of": "is one of", "at_least": "at least"}
        return f"{cond.field} {words.get(name, name.replace('_', ' '))} {shown}"
    if isinstance(cond, ConclusionTest):
        if cond.max_cf is not None:
            return f"{cond.conclusion} with CF at most {cond.max_cf:+.2f}"
        bound = certainty.THRESHOLD if cond.min_cf is None else cond.min_cf
        return f"{cond.conclusion} with CF at least {bound:+.2f}"
    if isinstance(cond, NotCondition):
        return f"not ({describe(cond.not_)})"
    if isinstance(cond, AllOf):
        return "all of (" + "; ".join(describe(c) for c in cond.all) + ")"
    return "any of (" + "; ".join(describe(c) for c in cond.any) + ")"  # type: ignore[union-attr]


def _found(cond: Condition, result: Result) -> str:
    if isinstance(cond, FieldTest):
        value = result.facts.get(cond.field)
        return "unknown" if value is None else f"found {show_values((value,))}"
    if isinstance(cond, ConclusionTest):
        found = result.conclusions.get(cond.conclusion)
        return f"found CF {found.cf:+.2f}" if found else "not concluded"
    return "does not hold"


def _matched(matched: tuple) -> list[str]:
    facts: list[str] = []
    for item in matched:
        if item.kind == "conclusion":
            facts.append(f"{item.name} (CF {item.values['cf']:+.2f})")
        else:
            facts += [f"{item.name}.{k} is {_show(v)}" for k, v in item.values.items()]
    return facts


def _show(value: Any) -> str:
    return "unknown" if value is None else show_values((value,))


def _check_name(kb: KnowledgeBase, name: str) -> str | None:
    if name in kb.conclusions:
        return None
    return unknown("conclusion", name, kb.conclusions) + "\n"
