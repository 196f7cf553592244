"""The conclusions' certainties of a set of facts, by the engine's arithmetic without the
engine: for searches that try thousands of variants and need only certainties.

The engine fires the rules stratum by stratum, a rule lending each of its conclusions
its CF times the premise of its strongest match, and closes a stratum by combining the
evidence of its conclusions; only strong conclusions can be matched above. Here each
rule's condition is compiled once into a function of the facts and the certainties
combined so far, returning the premise CF (or None when the rule does not fire), and
the strata are walked in order. No trace, no Result: a dict of certainties. A
differential test holds it to the engine's conclusions on thousands of random scenarios.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from . import certainty
from .conditions import allowed_values, cf_range
from .facts import FactModel, certainties, group_facts
from .knowledge import KnowledgeBase
from .ruleschema import AllOf, ConclusionTest, Condition, FieldTest, NotCondition

Values = Mapping[str, Any]  # dotted path -> value, None when unknown
Premise = Callable[[Values, Mapping[str, float], Mapping[str, float]], float | None]
"""(values, certainties of hedged values, conclusions so far) -> premise CF, or None."""


CLOSED_CACHE = 65_536
"""Most combinations of evidence remembered (the same few recur across variants)."""


class Quick:
    """Certainties of every conclusion for one knowledge base, without experta."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.order = sorted(kb.rules, key=lambda r: (kb.strata[r], r))
        self.premises = {r: premise(kb, kb.rules[r].condition) for r in self.order}
        self.producers: dict[str, list[tuple[str, float]]] = {}  # conclusion -> (rule, CF)
        self.lends = {r: [c.conclude for c in kb.rules[r].then] for r in self.order}
        self.readers: dict[str, list[str]] = {}  # field or conclusion -> rules reading it
        for rule_id in self.order:
            for c in kb.rules[rule_id].then:
                self.producers.setdefault(c.conclude, []).append((rule_id, c.cf))
            fields, read = kb.reads(rule_id)
            for name in {*fields, *read}:
                self.readers.setdefault(name, []).append(rule_id)
        self._closed: dict[tuple, float | None] = {}
        self.top = max([*kb.strata.values(), *kb.conclusion_strata.values(), -1])
        self.closing = [
            sorted(n for n, s in kb.conclusion_strata.items() if s == stratum)
            for stratum in range(self.top + 1)
        ]

    def run(self, values: Values, hedges: Mapping[str, float] | None = None) -> Run:
        """Every rule's premise and every conclusion's CF, as `Evaluator.evaluate` gives it."""
        hedges = hedges or {}
        if hedges:
            values = {
                p: (None if not certainty.is_strong(hedges.get(p, 1.0)) else v)
                for p, v in values.items()
            }
        return Run(self, dict(values), hedges, self.order)

    def close(self, name: str, premises: tuple[float | None, ...]) -> float | None:
        """A conclusion's CF from its producers' premises (None: not firing), or None when
        none fires; remembered, as the same few combinations recur across variants."""
        key = (name, premises)
        if key not in self._closed:
            if len(self._closed) >= CLOSED_CACHE:
                self._closed.clear()
            lent = [
                certainty.apply(cf, found)
                for (_, cf), found in zip(self.producers[name], premises, strict=True)
                if found is not None
            ]
            self._closed[key] = certainty.combine_all(lent) if lent else None
        return self._closed[key]

    def bearing_on(self, name: str) -> frozenset[str]:
        """The rules that conclude `name`, and, recursively, what such a rule reads."""
        found: set[str] = set()
        pending = [name]
        while pending:
            for rule_id, _ in self.producers.get(pending.pop(), ()):
                if rule_id not in found:
                    found.add(rule_id)
                    pending += self.kb.reads(rule_id)[1]
        return frozenset(found)

    def certainties(self, values: Values, hedges: Mapping[str, float] | None = None) -> dict:
        """Each concluded conclusion's CF, as `Evaluator.evaluate` gives it."""
        return self.run(values, hedges).combined

    def of_facts(self, facts: FactModel) -> dict[str, float]:
        """Each concluded conclusion's CF for a fact file, its certainties included."""
        return self.certainties(values_of(facts, self.kb), certainties(facts, self.kb.model))


class Run:
    """One evaluation's premises and certainties, from which variants are re-evaluated:
    only the rules that read a changed field or a changed conclusion run again."""

    def __init__(self, quick: Quick, values: dict, hedges: Mapping[str, float], rules) -> None:
        self.quick, self.values, self.hedges = quick, values, hedges
        self.fired: dict[str, float | None] = {}
        self.combined: dict[str, float] = {}
        self._settle(rules, self.fired, self.combined, values, hedges, None)

    def after(
        self, changes: Mapping[str, Any], within: Collection[str] | None = None
    ) -> dict[str, float]:
        """Each conclusion's CF with some fields changed (their certainty becomes 1).

        With `within`, only those rules run again: conclusions that no rule of `within`
        bears on keep their CF from before the changes.
        """
        values = {**self.values, **changes}
        dirty = {r for p in changes for r in self.quick.readers.get(p, ())}
        hedges = {p: cf for p, cf in self.hedges.items() if p not in changes}
        fired, combined = dict(self.fired), dict(self.combined)
        self._settle(dirty, fired, combined, values, hedges, within)
        return combined

    def _settle(self, dirty, fired, combined, values, hedges, within) -> None:
        """Run the `dirty` rules stratum by stratum, and whatever reads what they change.

        One loop over the strata: the rules of each, then the conclusions it closes; a
        conclusion whose CF changed makes its readers, always higher up, dirty in turn.
        """
        quick = self.quick
        strata, closes_at = quick.kb.strata, quick.kb.conclusion_strata
        pending: list[set[str]] = [set() for _ in quick.closing]
        touched: list[set[str]] = [set() for _ in quick.closing]
        for rule_id in dirty:
            if within is None or rule_id in within:
                pending[strata[rule_id]].add(rule_id)
        for stratum in range(len(pending)):
            for rule_id in pending[stratum]:
                found = quick.premises[rule_id](values, hedges, combined)
                if rule_id not in fired or fired[rule_id] != found:
                    fired[rule_id] = found
                    for name in quick.lends[rule_id]:
                        touched[closes_at[name]].add(name)
            for name in touched[stratum]:  # each closes on its own: readers sit higher
                if self._close(name, fired, combined):
                    for reader in quick.readers.get(name, ()):
                        if within is None or reader in within:
                            pending[strata[reader]].add(reader)

    def _close(self, name: str, fired: dict, combined: dict) -> bool:
        """Combine a conclusion's evidence; whether its CF changed."""
        before = combined.get(name)
        found = self.quick.close(name, tuple(fired.get(r) for r, _ in self.quick.producers[name]))
        if found is None:
            combined.pop(name, None)
        else:
            combined[name] = found
        return found != before


def values_of(facts: FactModel, kb: KnowledgeBase) -> dict[str, Any]:
    """Every field's plain value by dotted path, None when unknown."""
    groups = group_facts(facts, kb.model)
    return {path: groups[spec.group][spec.name] for path, spec in kb.fields.items()}


def _lends(kb: KnowledgeBase, rule_id: str) -> list[tuple[str, float]]:
    return [(c.conclude, c.cf) for c in kb.rules[rule_id].then]


def premise(kb: KnowledgeBase, cond: Condition) -> Premise:
    """A condition as a function giving its premise CF: a field test its value's
    certainty, a conclusion test the conclusion's |CF|, `all` the weakest part, `any` the
    strongest branch that holds, `not` 1."""
    if isinstance(cond, FieldTest):
        return _field(cond.field, allowed_values(kb.fields[cond.field], cond))
    if isinstance(cond, ConclusionTest):
        return _conclusion(cond.conclusion, *cf_range(cond))
    if isinstance(cond, NotCondition):
        inner = premise(kb, cond.not_)
        return lambda v, h, c: 1.0 if inner(v, h, c) is None else None
    parts = [premise(kb, child) for child in (cond.all if isinstance(cond, AllOf) else cond.any)]
    return _all(parts) if isinstance(cond, AllOf) else _any(parts)


def _field(path: str, allowed: frozenset) -> Premise:
    def test(values: Values, hedges: Mapping[str, float], _: Mapping[str, float]):
        found = values.get(path)
        if found not in allowed:
            return None
        return 1.0 if found is None else hedges.get(path, 1.0)

    return test


def _conclusion(name: str, low: float, high: float) -> Premise:
    def test(_: Values, __: Mapping[str, float], combined: Mapping[str, float]):
        cf = combined.get(name, 0.0)  # only a strong conclusion is a fact to match
        return abs(cf) if certainty.is_strong(cf) and low <= cf <= high else None

    return test


def _all(parts: list[Premise]) -> Premise:
    def test(values: Values, hedges: Mapping[str, float], combined: Mapping[str, float]):
        weakest = 1.0
        for part in parts:
            found = part(values, hedges, combined)
            if found is None:
                return None
            weakest = min(weakest, found)
        return weakest

    return test


def _any(parts: list[Premise]) -> Premise:
    def test(values: Values, hedges: Mapping[str, float], combined: Mapping[str, float]):
        found = [cf for part in parts if (cf := part(values, hedges, combined)) is not None]
        return max(found) if found else None

    return test
