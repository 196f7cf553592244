"""WHY-NOT: which rules could have concluded something, which of their conditions failed,
and (from `counterfactual`) the smallest change of facts that would reach it. Why one
rule fired or did not is `rule_report`.

Diagnosis evaluates conditions in Python over the known facts and the conclusions of a
Result; matching itself stays in experta.
"""

from __future__ import annotations

from . import certainty
from .conditions import (
    cf_range,
    children,
    conclusion_holds,
    describe,
    kleene,
    passes,
)
from .counterfactual import counterfactual
from .engine import Evaluator
from .explain import fact_certainty, firing_entry, header, rule_head
from .facts import FactModel
from .knowledge import KnowledgeBase
from .records import (
    Candidate,
    ConclusionNode,
    Counterfactual,
    FieldNode,
    GroupNode,
    Node,
    RuleEntry,
    Target,
    WhyNot,
    WhyNotEntry,
)
from .result import Result
from .ruleschema import AllOf, AnyOf, ConclusionTest, Condition, FieldTest, NotCondition


def why_not_data(
    result: Result,
    kb: KnowledgeBase,
    name: str,
    *,
    evaluator: Evaluator | None = None,
    facts: FactModel | None = None,
) -> WhyNot:
    """Why `name` was not reached (or is weak): rules, failed conditions, a counterfactual."""
    entry = target_entry(result, kb, name, "for")
    found = result.conclusions.get(name)
    search = None
    if entry.status != "reached" and evaluator is not None and facts is not None:
        search = Counterfactual.model_validate(counterfactual(evaluator, facts, name))
    firings = {f.step: f for f in result.trace}
    why_not = WhyNotEntry(
        **dict(entry),
        opposing=[
            firing_entry(result, kb, firings[s], name) for s in (found.opposing if found else [])
        ],
        upstream=upstream(result, kb, entry),
        counterfactual=search,
    )
    return WhyNot(**header(result, kb, "why-not"), why_not=why_not)


def upstream(result: Result, kb: KnowledgeBase, entry: Target) -> dict[str, Target]:
    """Target entries for the conclusions failed rules needed and did not get, recursively."""
    found: dict[str, Target] = {}
    pending = missing_premises(entry.rules)
    while pending:  # bounded: each conclusion is entered once
        needed, direction = pending.pop(0)
        if needed in found or needed == entry.conclusion:
            continue
        found[needed] = target_entry(result, kb, needed, direction)
        pending += missing_premises(found[needed].rules)
    return found


def target_entry(result: Result, kb: KnowledgeBase, name: str, direction: str) -> Target:
    """A conclusion and every rule that could conclude it in `direction` ("for" or "against")."""
    found = result.conclusions.get(name)
    cf = found.cf if found else 0.0
    reached = cf >= certainty.THRESHOLD if direction == "for" else cf <= -certainty.THRESHOLD
    producers = [
        r
        for r in kb.producers.get(name, [])
        if any(c.conclude == name and (c.cf > 0) == (direction == "for") for c in kb.rules[r].then)
    ]
    return Target(
        conclusion=name,
        title=kb.conclusions[name].title,
        direction=direction,
        cf=cf,
        status="reached" if reached else ("weak" if found else "not-concluded"),
        rules=[candidate(result, kb, r, name) for r in sorted(producers)],
    )


def candidate(result: Result, kb: KnowledgeBase, rule_id: str, name: str) -> Candidate:
    """A rule that could conclude `name`: whether it fired, and each condition's diagnosis."""
    rule = kb.rules[rule_id]
    fired = [f for f in result.trace if f.rule == rule_id and f.counted and name in f.concluded]
    return Candidate(
        **rule_head(kb, rule_id),
        rule_cf={c.conclude: c.cf for c in rule.then}[name],
        fired=bool(fired),
        step=fired[0].step if fired else None,
        contribution=fired[0].concluded[name] if fired else None,
        conditions=[diagnose(c, kb, result) for c in rule.when],
    )


def diagnose(condition: Condition, kb: KnowledgeBase, result: Result) -> Node:
    """Whether a condition holds over a result's facts and conclusions, and why, as a tree."""
    if isinstance(condition, FieldTest):
        return _field_node(condition, kb, result)
    if isinstance(condition, ConclusionTest):
        return _conclusion_node(condition, result)
    nodes = [diagnose(c, kb, result) for c in children(condition)]
    kind = {AllOf: "all", AnyOf: "any", NotCondition: "not"}[type(condition)]
    return GroupNode(type=kind, holds=kleene(condition, [n.holds for n in nodes]), children=nodes)


def _field_node(test: FieldTest, kb: KnowledgeBase, result: Result) -> FieldNode:
    name, operand = test.test
    return FieldNode(
        type="field",
        holds=passes(test, result.facts, {}, kb.fields),
        field=test.field,
        test=name,
        operand=operand,
        value=result.facts.get(test.field),
        **fact_certainty(result, test.field),
        text=describe(test),
    )


def _conclusion_node(test: ConclusionTest, result: Result) -> ConclusionNode:
    found = result.conclusions.get(test.conclusion)
    cf = found.cf if found else None
    low, high = cf_range(test)
    return ConclusionNode(
        type="conclusion",
        holds=conclusion_holds(test, cf),
        conclusion=test.conclusion,
        **({"max_cf": high} if test.max_cf is not None else {"min_cf": low}),
        cf=cf,
        text=describe(test),
    )


def missing_premises(rules: list[Candidate] | list[RuleEntry]) -> list[tuple[str, str]]:
    """Conclusions that failing rules needed and did not get, with the direction needed."""
    needed: list[tuple[str, str]] = []

    def visit(node: Node, positive: bool) -> None:
        if isinstance(node, ConclusionNode) and positive and not node.holds:
            needed.append((node.conclusion, "against" if node.max_cf is not None else "for"))
        if isinstance(node, GroupNode):
            for child in node.children:
                visit(child, positive != (node.type == "not"))

    for rule in rules:
        if not rule.fired:
            for node in rule.conditions:
                visit(node, True)
    return needed
