"""Compile a knowledge base into an experta KnowledgeEngine class.

Every field test becomes a pattern constraint and every rule an experta Rule,
so experta's Rete network matches and its agenda fires. Rules are layered in
strata by salience: a closing rule at the bottom of each stratum combines the
stratum's evidence and only then declares its conclusions, so a conclusion is
complete before any rule reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from experta import AND, NOT, OR, Fact, InitialFact, KnowledgeEngine, P, Rule, W
from experta.strategies import DepthStrategy

from .conditions import allowed_values, cf_range
from .knowledge import KnowledgeBase
from .ruleschema import AllOf, AnyOf, ConclusionTest, Condition, FieldTest, NotCondition

STRATUM_WIDTH = 1000
CLOSER_OFFSET = -500
GROUP_KEY = "group"
CONCLUSION_KEY = "conclusion"


class _PlainFact(Fact):
    """A fact whose declared values are plain scalars."""

    @classmethod
    def of(cls, values: dict[str, Any]) -> Fact:
        """The fact holding `values`: strings, numbers, booleans or None.

        experta's constructor freezes each value through a dispatch on its type, which
        leaves a scalar as it is; for the facts the engine declares, at every evaluation,
        the values are all scalars, so they are stored as they are. Patterns, which hold
        constraints, are built with the constructor.
        """
        fact = cls()
        dict.update(fact, values)
        return fact


class GroupFact(_PlainFact):
    """The facts of one input group, as the engine declares them."""


class ConclusionFact(_PlainFact):
    """A conclusion strong enough to trigger rules, with its certainty.

    Two fact types, rather than one, let experta's network send each fact only to the
    patterns of its kind: its type is the first test, and the only one it shares.
    """


def salience(kb: KnowledgeBase, rule_id: str) -> int:
    """A rule's experta salience: its stratum's band plus its own salience."""
    top = max(kb.strata.values(), default=0)
    return (top - kb.strata[rule_id]) * STRATUM_WIDTH + kb.rules[rule_id].salience


def closer_salience(kb: KnowledgeBase, stratum: int) -> int:
    """Salience of the rule that closes a stratum, below every rule in it."""
    top = max(kb.strata.values(), default=0)
    return (top - stratum) * STRATUM_WIDTH + CLOSER_OFFSET


class _Patterns:
    """Turns one rule's conditions into experta conditional elements."""

    def __init__(self, kb: KnowledgeBase, shared: dict[frozenset, Any]) -> None:
        self.kb = kb
        self.bindings: list[str] = []
        self.shared = shared

    def membership(self, allowed: frozenset) -> Any:
        """One `P` per distinct value set, so rules testing alike share Rete nodes."""
        if allowed not in self.shared:
            self.shared[allowed] = P(allowed.__contains__)
        return self.shared[allowed]

    def compile(self, condition: Condition, *, bind: bool = True) -> Any:
        if isinstance(condition, AllOf):
            return self._all(condition.all, bind)
        if isinstance(condition, AnyOf):
            return OR(*(self.compile(c, bind=bind) for c in condition.any))
        if isinstance(condition, NotCondition):
            return NOT(self.compile(condition.not_, bind=False))
        if isinstance(condition, FieldTest):
            return self._group_pattern([condition])
        return self._conclusion_pattern(condition, bind)

    def _all(self, conditions: list[Condition], bind: bool) -> Any:
        # Field tests on one group share a single pattern over that group's fact.
        by_group: dict[str, list[FieldTest]] = {}
        others = []
        for cond in conditions:
            if isinstance(cond, FieldTest):
                by_group.setdefault(self.kb.fields[cond.field].group, []).append(cond)
            else:
                others.append(self.compile(cond, bind=bind))
        parts = [self._group_pattern(tests) for _, tests in sorted(by_group.items())] + others
        return parts[0] if len(parts) == 1 else AND(*parts)

    def _group_pattern(self, tests: list[FieldTest]) -> Fact:
        constraints: dict[str, Any] = {}
        for test in tests:
            spec = self.kb.fields[test.field]
            check = self.membership(allowed_values(spec, test))
            constraints[spec.name] = (
                constraints[spec.name] & check if spec.name in constraints else check
            )
        return GroupFact(**{GROUP_KEY: self.kb.fields[tests[0].field].group}, **constraints)

    def _conclusion_pattern(self, test: ConclusionTest, bind: bool) -> Fact:
        low, high = cf_range(test)
        check = P(lambda cf, low=low, high=high: low <= cf <= high)
        if bind:
            name = f"cf{len(self.bindings)}"
            self.bindings.append(name)
            check = W(name) & check
        return ConclusionFact(**{CONCLUSION_KEY: test.conclusion}, cf=check)


def member_name(rule_id: str) -> str:
    """The name of a rule's method on the compiled engine class."""
    # The prefix keeps ids such as `reset` or `run` from replacing the engine's own methods.
    return "rule_" + rule_id.replace("-", "_")


def _action(rule_id: str) -> Callable:
    def fire(engine, **bindings):
        engine.on_fire(rule_id, bindings)

    fire.__name__ = member_name(rule_id)
    return fire


def _closer(stratum: int) -> Callable:
    def close(engine):
        engine.on_close(stratum)

    close.__name__ = f"close_stratum_{stratum}"
    return close


def strategy_for(order: dict[str, int]) -> type[DepthStrategy]:
    """A conflict-resolution strategy: salience, then rule name, then newest facts."""

    class StableStrategy(DepthStrategy):
        def get_key(self, activation):
            facts = sorted((f["__factid__"] for f in activation.facts), reverse=True)
            context = sorted(
                (k, repr(v)) for k, v in activation.context.items() if not k.startswith("__")
            )
            return (
                activation.rule.salience,
                -order.get(activation.rule.__name__, -1),
                facts,
                context,
            )

    return StableStrategy


def compile_engine(kb: KnowledgeBase, base: type[KnowledgeEngine]) -> type[KnowledgeEngine]:
    """The experta engine class for `kb`, built once per process per content hash."""
    key = (kb.content_hash, base)
    if key not in _CLASSES:
        _CLASSES[key] = _build(kb, base)
    return _CLASSES[key]


_CLASSES: dict[tuple[str, type], type[KnowledgeEngine]] = {}


def _build(kb: KnowledgeBase, base: type[KnowledgeEngine]) -> type[KnowledgeEngine]:
    members: dict[str, Any] = {}
    bindings: dict[str, list[str]] = {}
    order: dict[str, int] = {}
    shared: dict[frozenset, Any] = {}
    for rank, rule_id in enumerate(sorted(kb.rules)):
        patterns = _Patterns(kb, shared)
        lhs = patterns.compile(kb.rules[rule_id].condition)
        action = _action(rule_id)
        members[action.__name__] = Rule(lhs, salience=salience(kb, rule_id))(action)
        bindings[rule_id] = patterns.bindings
        order[action.__name__] = rank
    for stratum in sorted(set(kb.strata.values())):
        close = _closer(stratum)
        members[close.__name__] = Rule(InitialFact(), salience=closer_salience(kb, stratum))(close)
    members["__strategy__"] = strategy_for(order)
    members["bindings_of"] = bindings
    return type("CompiledKnowledgeBase", (base,), members)
