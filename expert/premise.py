"""How certain a rule's premise is, as an interval over what may still be learnt.

A premise reads fields and conclusions. Read over definite facts and exact conclusion
certainties, it gives the engine's premise CF: a field test holds with its answer's
certainty (1 for a plain value), a conclusion test with the conclusion's |CF|, `all`
takes the weakest part, `any` the strongest holding branch, `not` counts 1. Read over
fields still open and conclusions known only within a span, it gives three-valued
truth (None: not settled yet) and the range the premise CF can still take when it
holds. One reading serves both, so the bounds a consultation relies on are the
engine's own arithmetic. Nothing here names the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import certainty
from .conditions import Truth, allowed_values, cf_range, children
from .knowledge import KnowledgeBase
from .ruleschema import AllOf, ConclusionTest, Condition, FieldTest, NotCondition

Span = tuple[float, float]
Reading = tuple[Truth, float, float]  # holds?, and the premise CF's range when it holds
FieldState = Callable[[str], tuple[bool, Any, float, float]]
"""A field's state: path -> (definite?, value, lowest and highest certainty it may hold)."""


class Premises:
    """Reads the premises of one knowledge base's rules."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.allowed: dict[int, frozenset] = {}
        for rule in kb.rules.values():
            self._index(rule.condition, kb)

    def _index(self, cond: Condition, kb: KnowledgeBase) -> None:
        if isinstance(cond, FieldTest):
            self.allowed[id(cond)] = allowed_values(kb.fields[cond.field], cond)
        for child in children(cond):
            self._index(child, kb)

    def read(self, cond: Condition, field: FieldState, span: Callable[[str], Span]) -> Reading:
        """Whether `cond` holds (True, False, None) and its certainty's range if it does."""
        if isinstance(cond, FieldTest):
            definite, found, low, high = field(cond.field)
            if not definite:
                return None, certainty.THRESHOLD, 1.0  # any answer, with any strong certainty
            return found in self.allowed[id(cond)], low, high
        if isinstance(cond, ConclusionTest):
            return conclusion_reading(cond, *span(cond.conclusion))
        if isinstance(cond, NotCondition):
            inner = self.read(cond.not_, field, span)[0]
            return (None if inner is None else not inner), 1.0, 1.0
        parts = [self.read(c, field, span) for c in children(cond)]
        return (_all if isinstance(cond, AllOf) else _any)(parts)


def _all(parts: list[Reading]) -> Reading:
    truths = [t for t, _, _ in parts]
    if False in truths:
        return False, 0.0, 0.0
    low = min((lo for _, lo, _ in parts), default=1.0)
    high = min((hi for _, _, hi in parts), default=1.0)
    return (None if None in truths else True), low, high


def _any(parts: list[Reading]) -> Reading:
    sure = [p for p in parts if p[0] is True]
    maybe = [p for p in parts if p[0] is not False]
    if not maybe:
        return False, 0.0, 0.0
    high = max(hi for _, _, hi in maybe)
    if sure:  # the strongest branch counts, and a sure one is at least this strong
        return True, max(lo for _, lo, _ in sure), high
    return None, min(lo for _, lo, _ in maybe), high


def conclusion_reading(test: ConclusionTest, least: float, most: float) -> Reading:
    """A conclusion test over a conclusion whose CF lies in [least, most].

    It holds on a strong CF inside the test's range; what it binds is |CF|.
    """
    low, high = cf_range(test)
    pieces = [
        (max(least, low, certainty.THRESHOLD), min(most, high)),
        (max(least, low), min(most, high, -certainty.THRESHOLD)),
    ]
    possible = [(a, b) for a, b in pieces if a <= b]
    if not possible:
        return False, 0.0, 0.0
    sure = any(a == least and b == most for a, b in possible)
    sizes = [_magnitudes(a, b) for a, b in possible]
    return (True if sure else None), min(s[0] for s in sizes), max(s[1] for s in sizes)


def _magnitudes(a: float, b: float) -> Span:
    if a >= 0:
        return a, b
    if b <= 0:
        return -b, -a
    return 0.0, max(-a, b)
