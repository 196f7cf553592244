"""The counterfactual search of WHY-NOT: the smallest sets of fact changes that would
make a conclusion reach a CF of at least 0.2.

Only fields that the rules bearing on the conclusion read are changed, each to values
that can move it the wanted way (`polarities`, `alternatives`); sets are tried by size,
evaluated by the engine's arithmetic without the engine (`quick.Run.after`), and the sets
reported are evaluated again by the real engine. A budget bounds the search, and the
result says what it covered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations, product
from typing import Any

from . import certainty, conditions, progress
from .conditions import (
    allowed_values,
)
from .engine import Evaluator
from .facts import FactModel, certainties, known_facts
from .knowledge import KnowledgeBase
from .quick import values_of
from .ruleschema import ConclusionTest, FieldTest
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
