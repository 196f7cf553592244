"""Which rules drawing one conclusion can never fire together.

Two premises exclude each other when one thing they both read, a field or a
conclusion, has no value under which both can hold: `f at least moderate` against
`f at most low`, or `c holds` against `not (c holds)`. Each
shared thing is tried at every value its tests tell apart (a field's values and
unknown; a conclusion's CF at each test's boundary and between them), everything else
left open, and read by the premises' own three-valued reading. A conclusion's rules are
then split into groups of rules that pairwise exclude each other: in each group at most
one fires. Nothing here names the domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from . import certainty
from .conditions import cf_range, signed_tests
from .knowledge import KnowledgeBase
from .premise import FieldState, Premises
from .ruleschema import ConclusionTest, Condition

OPEN = (-1.0, 1.0)
"""A conclusion's span when nothing is known of it."""


def groups(kb: KnowledgeBase, premises: Premises, rules: Iterable[str]) -> list[list[str]]:
    """The rules, in the order given, split into groups whose members exclude each other.

    A rule joins the first group all of whose members it excludes (greedy, so the
    split is the same every time).
    """
    found: list[list[str]] = []
    for rule_id in rules:
        home = next((g for g in found if all(excludes(kb, premises, rule_id, o) for o in g)), None)
        if home is None:
            found.append([rule_id])
        else:
            home.append(rule_id)
    return found


def excludes(kb: KnowledgeBase, premises: Premises, one: str, other: str) -> bool:
    """Whether the premises of two rules can never hold at once."""
    a, b = kb.rules[one].condition, kb.rules[other].condition
    (fields_a, names_a), (fields_b, names_b) = kb.reads(one), kb.reads(other)
    fields, names = set(fields_a) & set(fields_b), set(names_a) & set(names_b)
    return any(_apart_on_field(kb, premises, a, b, p) for p in sorted(fields)) or any(
        _apart_on_conclusion(premises, a, b, n, _points(a, b, n)) for n in sorted(names)
    )


def _apart_on_field(kb, premises: Premises, a: Condition, b: Condition, path: str) -> bool:
    """Whether, whatever `path`'s value (or unknown), one of the two premises fails."""
    for value in (None, *kb.fields[path].values):
        field = _only(path, value)
        if all(premises.read(c, field, lambda _: OPEN)[0] is not False for c in (a, b)):
            return False
    return True


def _apart_on_conclusion(
    premises: Premises, a: Condition, b: Condition, name: str, points: list[float]
) -> bool:
    """Whether, whatever `name`'s CF, one of the two premises fails."""
    for cf in points:

        def span(n: str, cf: float = cf) -> tuple[float, float]:
            return (cf, cf) if n == name else OPEN

        if all(premises.read(c, _nothing, span)[0] is not False for c in (a, b)):
            return False
    return True


def _points(a: Condition, b: Condition, name: str) -> list[float]:
    """CFs at which the truth of every test on `name` is tried: each boundary and between."""
    edges = {-1.0, 1.0, 0.0, certainty.THRESHOLD, -certainty.THRESHOLD}
    for cond in (a, b):
        for test, _ in signed_tests(cond):
            if isinstance(test, ConclusionTest) and test.conclusion == name:
                edges.update(cf_range(test))
    ranked = sorted(edges)
    return ranked + [(x + y) / 2 for x, y in pairwise(ranked)]


def _only(path: str, value) -> FieldState:
    """Every field open but `path`, which holds `value` (None: unknown)."""

    def field(p: str):
        return (True, value, 1.0, 1.0) if p == path else (False, None, 1.0, 1.0)

    return field


def _nothing(_: str):
    return False, None, 1.0, 1.0
