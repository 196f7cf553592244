"""WHY-NOT: which rules could have concluded something, which of their conditions failed,
and the smallest change of facts that would reach it (why one rule fired or did not is
`rule_report`).

Diagnosis evaluates conditions in Python over the known facts and the conclusions of a
Result (matching itself stays in experta); the counterfactual search re-runs the real
engine through an Evaluator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations, product
from typing import Any

from . import certainty, conditions, progress
from .conditions import (
    allowed_values,
    cf_range,
    children,
    conclusion_holds,
    describe,
    kleene,
    passes,
)
from .engine import Evaluator
from .explain import firing_entry, header, rule_head
from .facts import FactModel, certainties, known_facts
from .knowledge import KnowledgeBase
from .quick import values_of
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
from .whatif import with_changes

MAX_CHANGES = 3
"""The largest set of fact changes the counterfactual search tries."""
BUDGET = 4000
"""At most this many evaluations per counterfactual search. Each re-runs only the rules a
set of changes can affect, without the engine, for about a fiftieth of a full evaluation;
on the shipped scenarios every set of 1 and of 2 changes fits."""
KEEP = 3
"""Report at most this many sets of changes of the smallest size,"""
EXTRA = 100
"""spending at most this many more evaluations on them after the first one."""


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


# --- Counterfactuals ----------------------------------------------------------------------


def polarities(kb: KnowledgeBase, name: str) -> dict[str, set[int]]:
    """Every rule that bears on `name`, directly or upstream, with how its firing moves it.

    +1: the rule firing can only raise `name`'s CF; -1: only lower it; both when it
    reaches `name` along paths of both signs.
    """
    wanted: dict[str, set[int]] = {name: {1}}  # conclusion -> which way it should move
    rules: dict[str, set[int]] = {}
    changed = True
    while changed:
        changed = False
        for conclusion, signs in list(wanted.items()):
            for rule_id in kb.producers.get(conclusion, []):
                cf = {c.conclude: c.cf for c in kb.rules[rule_id].then}[conclusion]
                changed |= _grow(rules, rule_id, {s if cf >= 0 else -s for s in signs})
                for test, sign in conditions.signed_tests(kb.rules[rule_id].condition):
                    if isinstance(test, ConclusionTest):
                        way = sign if test.max_cf is None else -sign
                        changed |= _grow(wanted, test.conclusion, {s * way for s in rules[rule_id]})
    return dict(sorted(rules.items()))


def _grow(table: dict[str, set[int]], key: str, signs: set[int]) -> bool:
    before = len(table.get(key, ()))
    table.setdefault(key, set()).update(signs)
    return len(table[key]) > before


FieldTests = dict[str, list[tuple[frozenset, set[int]]]]


def field_tests(kb: KnowledgeBase, rules: dict[str, set[int]]) -> FieldTests:
    """For each field the rules read: each test's passing values and which way passing helps."""
    tests: FieldTests = {}
    for rule_id, signs in rules.items():
        for test, sign in conditions.signed_tests(kb.rules[rule_id].condition):
            if isinstance(test, FieldTest):
                allowed = allowed_values(kb.fields[test.field], test)
                tests.setdefault(test.field, []).append((allowed, {s * sign for s in signs}))
    return {f: tests[f] for f in kb.fields if f in tests}


def alternatives(kb: KnowledgeBase, field: str, current: Any, tests: FieldTests) -> list[Any]:
    """Values worth trying for a field: one per distinct outcome of its tests, if it can help.

    A value that passes and fails the same tests as another changes nothing, so only the
    first of each kind (in the field's order, unknown last) is kept; and a value whose
    every effect works against the goal cannot be part of a smallest change, so it is
    dropped.
    """
    tested = tests[field]
    seen = {tuple(current in allowed for allowed, _ in tested)}
    result = []
    for value in (*kb.fields[field].values, None):
        signature = tuple(value in allowed for allowed, _ in tested)
        if signature in seen:
            continue
        seen.add(signature)
        if any(_helps(current, value, allowed, signs) for allowed, signs in tested):
            result.append(value)
    return result


def _helps(current: Any, value: Any, allowed: frozenset, signs: set[int]) -> bool:
    before, after = current in allowed, value in allowed
    return (1 in signs and after and not before) or (-1 in signs and before and not after)


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
    rules read, in a fixed order, stopping at the first size that succeeds, or after
    `budget` evaluations. Each set is evaluated by the engine's arithmetic, re-running
    only the rules it can change (`quick.Run.after`); the sets reported are evaluated
    again by the engine itself, which gives their CF.
    """
    kb = evaluator.kb
    known = known_facts(facts, kb.model)
    tests = field_tests(kb, polarities(kb, name))
    fields = list(tests)
    options = [(f, alts) for f in fields if (alts := alternatives(kb, f, known.get(f), tests))]
    search = _Search(_goal(evaluator, facts, name), budget)
    sizes = search.by_size(options, max_changes)
    return {
        "found": bool(search.found),
        "solutions": [
            {"changes": [_change(f, known.get(f), changes[f]) for f in fields if f in changes]}
            | {"cf": _engine_cf(evaluator, facts, name, changes)}
            for changes, _ in search.found
        ],
        "fields": fields,
        "max_changes": max_changes,
        "evaluations": search.evaluations,
        "budget": budget,
        "complete": search.complete,
        "sizes": sizes,
    }


def _goal(evaluator: Evaluator, facts: FactModel, name: str) -> Callable[[dict], float]:
    """`name`'s CF after a set of changes, as `with_changes` and the engine would give it
    (a changed fact file keeps no certainties below 1)."""
    run = evaluator.quick.run(
        values_of(facts, evaluator.kb), certainties(facts, evaluator.kb.model)
    )
    within = evaluator.quick.bearing_on(name)
    return lambda changes: run.after(changes, within).get(name, 0.0)


def _engine_cf(evaluator: Evaluator, facts: FactModel, name: str, changes: dict) -> float:
    found = evaluator.evaluate(with_changes(facts, changes)).conclusions.get(name)
    return found.cf if found else 0.0


def set_count(choices: list[int], size: int) -> int:
    """How many sets of `size` changes there are, a field having `choices[i]` values to try:
    the elementary symmetric polynomial of the counts."""
    counts = [1] + [0] * size
    for n in choices:
        for k in range(size, 0, -1):
            counts[k] += counts[k - 1] * n
    return counts[size]


class _Search:
    """Evaluates sets of changes until enough reach the goal or the budget is spent."""

    def __init__(self, goal: Callable[[dict[str, Any]], float], budget: int) -> None:
        self.goal, self.budget = goal, budget
        self.found: list[tuple[dict[str, Any], float]] = []
        self.single: dict[tuple[str, Any], float] = {}  # CF after one change
        self.evaluations = 0
        self.first = 0  # evaluations when the first set was found
        self.complete = True  # every set of the sizes tried was evaluated

    def by_size(self, options: list[tuple[str, list[Any]]], largest: int) -> list[dict[str, int]]:
        """Try sets of 1, 2, ... `largest` changes until some reach the goal or the budget is
        spent; for each size tried, how many sets were evaluated, of how many."""
        sizes = []
        for size in range(1, largest + 1):
            before = self.evaluations
            self.run(_change_sets(self.by_promise(options) if size > 1 else options, size))
            total = set_count([len(alts) for _, alts in options], size)
            sizes.append({"size": size, "tried": self.evaluations - before, "of": total})
            if self.found or self.evaluations >= self.budget:
                break
        return sizes

    def run(self, change_sets: Iterator[dict[str, Any]]) -> None:
        for changes in change_sets:
            if len(self.found) >= KEEP or (self.found and self.evaluations >= self.first + EXTRA):
                return
            if self.evaluations >= self.budget:
                self.complete = False
                return
            self.evaluations += 1
            progress.step("searching changes of facts", self.evaluations, self.budget)
            cf = self.goal(changes)
            if len(changes) == 1:
                self.single[next(iter(changes.items()))] = cf
            if cf >= certainty.THRESHOLD:
                self.first = self.first if self.found else self.evaluations
                self.found.append((changes, cf))

    def by_promise(self, options: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any]]]:
        """Options reordered so that changes that helped most on their own come first.

        The order only decides which smallest sets are found first, never their size.
        """
        score = self.single.get
        ranked = [(f, sorted(alts, key=lambda v, f=f: -score((f, v), 0.0))) for f, alts in options]
        return sorted(ranked, key=lambda o: -max(score((o[0], v), 0.0) for v in o[1]))


def _change_sets(options: list[tuple[str, list[Any]]], size: int) -> Iterator[dict[str, Any]]:
    for chosen in combinations(options, size):
        for values in product(*(alts for _, alts in chosen)):
            yield {f: v for (f, _), v in zip(chosen, values, strict=True)}


def _change(field: str, old: Any, new: Any) -> dict[str, Any]:
    return {"field": field, "from": old, "to": new}
