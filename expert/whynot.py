"""WHY-NOT: which rules could have concluded something, which of their conditions failed,
and the smallest change of facts that would reach it.

Diagnosis evaluates conditions in Python over the known facts and the conclusions of a
Result (matching itself stays in experta); the counterfactual search re-runs the real
engine through an Evaluator.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import combinations, product
from typing import Any

from . import certainty
from .compiler import allowed_values
from .engine import Evaluator
from .explain import firing_entry, header
from .facts import FactModel, known_facts, show_values
from .knowledge import KnowledgeBase, walk
from .result import Result
from .ruleschema import AllOf, ConclusionTest, Condition, FieldTest, NotCondition

MAX_CHANGES = 3
BUDGET = 3000
"""At most this many evaluations per counterfactual search."""
KEEP = 3
"""Report at most this many sets of changes of the smallest size."""


def why_not_data(
    result: Result,
    kb: KnowledgeBase,
    name: str,
    *,
    evaluator: Evaluator | None = None,
    facts: FactModel | None = None,
) -> dict[str, Any]:
    """Why `name` was not reached (or is weak): rules, failed conditions, a counterfactual."""
    entry = target_entry(result, kb, name, "for")
    upstream: dict[str, dict[str, Any]] = {}
    pending = _missing(entry["rules"])
    while pending:
        needed, direction = pending.pop(0)
        if needed in upstream or needed == name:
            continue
        upstream[needed] = target_entry(result, kb, needed, direction)
        pending += _missing(upstream[needed]["rules"])
    found = result.conclusions.get(name)
    search = None
    if entry["status"] != "reached" and evaluator is not None and facts is not None:
        search = counterfactual(evaluator, facts, name)
    firings = {f.step: f for f in result.trace}
    return {
        **header(result, kb, "why-not"),
        "why_not": {
            **entry,
            "opposing": [
                firing_entry(result, kb, firings[s], name)
                for s in (found.opposing if found else [])
            ],
            "upstream": upstream,
            "counterfactual": search,
        },
    }


def target_entry(result: Result, kb: KnowledgeBase, name: str, direction: str) -> dict[str, Any]:
    """A conclusion and every rule that could conclude it in `direction` ("for" or "against")."""
    found = result.conclusions.get(name)
    cf = found.cf if found else 0.0
    reached = cf >= certainty.THRESHOLD if direction == "for" else cf <= -certainty.THRESHOLD
    producers = [
        r
        for r in kb.producers.get(name, [])
        if any(c.conclude == name and (c.cf > 0) == (direction == "for") for c in kb.rules[r].then)
    ]
    return {
        "conclusion": name,
        "title": kb.conclusions[name].title,
        "direction": direction,
        "cf": cf,
        "status": "reached" if reached else ("weak" if found else "not-concluded"),
        "rules": [candidate(result, kb, r, name) for r in sorted(producers)],
    }


def candidate(result: Result, kb: KnowledgeBase, rule_id: str, name: str) -> dict[str, Any]:
    """A rule that could conclude `name`: whether it fired, and each condition's diagnosis."""
    rule = kb.rules[rule_id]
    fired = [f for f in result.trace if f.rule == rule_id and f.counted and name in f.concluded]
    return {
        "rule": rule_id,
        "title": rule.title,
        "paragraphs": list(rule.paragraphs),
        "rationale": " ".join(rule.rationale.split()),
        "rule_cf": {c.conclude: c.cf for c in rule.then}[name],
        "fired": bool(fired),
        "step": fired[0].step if fired else None,
        "contribution": fired[0].concluded[name] if fired else None,
        "conditions": [diagnose(c, kb, result) for c in rule.when],
    }


def diagnose(condition: Condition, kb: KnowledgeBase, result: Result) -> dict[str, Any]:
    """Whether a condition holds over a result's facts and conclusions, and why, as a tree."""
    if isinstance(condition, FieldTest):
        return _field_node(condition, kb, result)
    if isinstance(condition, ConclusionTest):
        return _conclusion_node(condition, result)
    if isinstance(condition, NotCondition):
        inner = diagnose(condition.not_, kb, result)
        return {"type": "not", "holds": not inner["holds"], "children": [inner]}
    kind, parts = ("all", condition.all) if isinstance(condition, AllOf) else ("any", condition.any)
    children = [diagnose(c, kb, result) for c in parts]
    holds = (all if kind == "all" else any)(c["holds"] for c in children)
    return {"type": kind, "holds": holds, "children": children}


def _field_node(test: FieldTest, kb: KnowledgeBase, result: Result) -> dict[str, Any]:
    spec = kb.fields[test.field]
    value = result.facts.get(test.field)
    name, operand = test.test
    shown = show_values(tuple(operand)) if isinstance(operand, list) else show_values((operand,))
    text = {
        "is": f"is {shown}",
        "is_not": f"is not {shown}",
        "one_of": f"is one of {shown}",
        "at_least": f"is at least {shown}",
        "at_most": f"is at most {shown}",
        "known": "is known" if operand else "is unknown",
    }[name]
    return {
        "type": "field",
        "holds": value in allowed_values(spec, test),
        "field": test.field,
        "test": name,
        "operand": operand,
        "value": value,
        "text": f"{test.field} {text}",
    }


def _conclusion_node(test: ConclusionTest, result: Result) -> dict[str, Any]:
    found = result.conclusions.get(test.conclusion)
    cf = found.cf if found else None
    # Only strong conclusions are asserted as facts, so only they can match.
    if test.max_cf is not None:
        bound, text = {"max_cf": test.max_cf}, f"CF ≤ {test.max_cf:+.2f}"
        holds = cf is not None and certainty.is_strong(cf) and cf <= test.max_cf
    else:
        least = certainty.THRESHOLD if test.min_cf is None else test.min_cf
        bound, text = {"min_cf": least}, f"CF ≥ {least:+.2f}"
        holds = cf is not None and certainty.is_strong(cf) and cf >= least
    return {
        "type": "conclusion",
        "holds": holds,
        "conclusion": test.conclusion,
        **bound,
        "cf": cf,
        "text": f"{test.conclusion} with {text}",
    }


def _missing(rules: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Conclusions that failing rules needed and did not get, with the direction needed."""
    needed: list[tuple[str, str]] = []

    def visit(node: dict[str, Any], positive: bool) -> None:
        if node["type"] == "conclusion" and positive and not node["holds"]:
            needed.append((node["conclusion"], "against" if "max_cf" in node else "for"))
        for child in node.get("children", []):
            visit(child, positive != (node["type"] == "not"))

    for rule in rules:
        if not rule["fired"]:
            for node in rule["conditions"]:
                visit(node, True)
    return needed


# --- Counterfactuals ----------------------------------------------------------------------


def relevant_rules(kb: KnowledgeBase, name: str) -> list[str]:
    """Every rule that concludes `name` or, recursively, a conclusion such a rule reads."""
    rules: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for rule_id in kb.producers.get(current, []):
            rules.add(rule_id)
            pending += kb.reads(rule_id)[1]
    return sorted(rules)


def alternatives(kb: KnowledgeBase, field: str, current: Any, rules: list[str]) -> list[Any]:
    """Values of `field` worth trying: one per distinct outcome of the rules' tests on it.

    Values that pass and fail exactly the same tests as another value change nothing, so
    only the first of each kind (in the field's own order, unknown last) is kept.
    """
    spec = kb.fields[field]
    tests = [
        t
        for r in rules
        for t, _ in walk(kb.rules[r].condition)
        if isinstance(t, FieldTest) and t.field == field
    ]
    allowed = [allowed_values(spec, t) for t in tests]
    seen = {tuple(current in a for a in allowed)}
    result = []
    for value in (*spec.values, None):
        signature = tuple(value in a for a in allowed)
        if signature not in seen:
            seen.add(signature)
            result.append(value)
    return result


def apply_changes(facts: FactModel, changes: Mapping[str, Any]) -> FactModel:
    """A copy of `facts` with some fields changed (None makes a field unknown)."""
    data = facts.model_dump()
    for path, value in changes.items():
        group, name = path.split(".", 1)
        data[group][name] = value
    return type(facts).model_validate(data)


def counterfactual(
    evaluator: Evaluator,
    facts: FactModel,
    name: str,
    *,
    max_changes: int = MAX_CHANGES,
    budget: int = BUDGET,
) -> dict[str, Any]:
    """The smallest sets of fact changes that make `name` reach a CF of at least 0.2.

    Tries sets of 1, then 2, then up to `max_changes` changes over the fields the relevant
    rules read, in a fixed order, evaluating each with the real engine; stops at the first
    size that succeeds, or after `budget` evaluations.
    """
    kb = evaluator.kb
    rules = relevant_rules(kb, name)
    known = known_facts(facts, kb.model)
    read = {f for r in rules for f in kb.reads(r)[0]}
    fields = [f for f in kb.fields if f in read]
    options = [(f, alts) for f in fields if (alts := alternatives(kb, f, known.get(f), rules))]
    found: list[tuple[dict[str, Any], float]] = []
    evaluations = 0
    complete = True
    for size in range(1, max_changes + 1):
        for changes in _change_sets(options, size):
            if evaluations >= budget or len(found) >= KEEP:
                complete = evaluations < budget
                break
            evaluations += 1
            result = evaluator.evaluate(apply_changes(facts, changes))
            cf = result.conclusions[name].cf if name in result.conclusions else 0.0
            if cf >= certainty.THRESHOLD:
                found.append((changes, cf))
        if found or not complete:
            break
    return {
        "found": bool(found),
        "solutions": [
            {"changes": [_change(f, known.get(f), v) for f, v in changes.items()], "cf": cf}
            for changes, cf in found
        ],
        "fields": fields,
        "max_changes": max_changes,
        "evaluations": evaluations,
        "budget": budget,
        "complete": complete,
    }


def _change_sets(options: list[tuple[str, list[Any]]], size: int) -> Iterator[dict[str, Any]]:
    for chosen in combinations(options, size):
        for values in product(*(alts for _, alts in chosen)):
            yield {f: v for (f, _), v in zip(chosen, values, strict=True)}


def _change(field: str, old: Any, new: Any) -> dict[str, Any]:
    return {"field": field, "from": old, "to": new}
