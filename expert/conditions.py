"""What a rule condition means: its tests, when it holds, and how it reads.

The one place that knows the five kinds of condition of `expert.ruleschema`. Truth is
three-valued where a caller needs it (True, False, None for "not settled yet"), with
`all`, `any` and `not` combined as in Kleene's logic; over known facts and conclusions
it is two-valued, an unknown fact failing every test but `known: false` (negation as
failure). Nothing here names the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from . import certainty
from .facts import FieldSpec, show_values
from .ruleschema import AllOf, AnyOf, ConclusionTest, Condition, FieldTest, NotCondition

Test = FieldTest | ConclusionTest
Truth = bool | None  # None: not settled yet
FIELD_WORDS = {
    "is": "is",
    "is_not": "is not",
    "one_of": "is one of",
    "at_least": "is at least",
    "at_most": "is at most",
}


# --- Structure ---------------------------------------------------------------------------


def children(condition: Condition) -> list[Condition]:
    """The conditions directly inside `condition`: none for a test, one for a `not`."""
    if isinstance(condition, AllOf):
        return condition.all
    if isinstance(condition, AnyOf):
        return condition.any
    if isinstance(condition, NotCondition):
        return [condition.not_]
    return []


def walk(condition: Condition, loc: tuple = ()) -> Iterator[tuple[Condition, tuple]]:
    """Every condition inside `condition`, itself included, with its path."""
    yield condition, loc
    if isinstance(condition, NotCondition):
        yield from walk(condition.not_, (*loc, "not"))
    elif isinstance(condition, (AllOf, AnyOf)):
        key = "all" if isinstance(condition, AllOf) else "any"
        for i, child in enumerate(children(condition)):
            yield from walk(child, (*loc, key, i))


def signed_tests(condition: Condition, sign: int = 1) -> Iterator[tuple[Test, int]]:
    """Every test inside a condition, with -1 when it sits under an odd number of `not`."""
    if isinstance(condition, (FieldTest, ConclusionTest)):
        yield condition, sign
    for child in children(condition):
        yield from signed_tests(child, -sign if isinstance(condition, NotCondition) else sign)


def reads_field(condition: Condition, path: str) -> bool:
    """Whether some test inside `condition` reads the field `path`."""
    return any(isinstance(t, FieldTest) and t.field == path for t, _ in signed_tests(condition))


# --- Meaning -----------------------------------------------------------------------------


def allowed_values(spec: FieldSpec, test: FieldTest) -> frozenset:
    """The set of field values (None meaning unknown) for which a field test holds."""
    name, operand = test.test
    values = set(spec.values)
    if name == "is":
        return frozenset({operand})
    if name == "is_not":
        return frozenset(values - {operand})
    if name == "one_of":
        return frozenset(operand)
    if name == "at_least":
        return frozenset(v for v in spec.values if spec.rank(v) >= spec.rank(operand))
    if name == "at_most":
        return frozenset(v for v in spec.values if spec.rank(v) <= spec.rank(operand))
    return frozenset(values) if operand else frozenset({None})  # known: true / false


def cf_range(test: ConclusionTest) -> tuple[float, float]:
    """The certainties a conclusion test accepts: [min_cf (default 0.2), 1] or [-1, max_cf]."""
    if test.max_cf is not None:
        return -1.0, test.max_cf
    return (certainty.THRESHOLD if test.min_cf is None else test.min_cf), 1.0


def conclusion_holds(test: ConclusionTest, cf: float | None) -> bool:
    """Whether a conclusion drawn with `cf` (None: not drawn) passes the test.

    Only strong conclusions are asserted as facts, so a weak one passes no test.
    """
    low, high = cf_range(test)
    return cf is not None and certainty.is_strong(cf) and low <= cf <= high


def kleene(condition: Condition, parts: list[Truth]) -> Truth:
    """The truth of `all`, `any` or `not` from the truths of its children (Kleene's logic)."""
    if isinstance(condition, NotCondition):
        return None if parts[0] is None else not parts[0]
    decisive = isinstance(condition, AnyOf)  # True decides an any, False decides an all
    if decisive in parts:
        return decisive
    return None if None in parts else not decisive


def truth(condition: Condition, leaf: Callable[[Test], Truth]) -> Truth:
    """Whether a condition holds, given the truth of each of its tests from `leaf`."""
    if isinstance(condition, (FieldTest, ConclusionTest)):
        return leaf(condition)
    return kleene(condition, [truth(c, leaf) for c in children(condition)])


def passes(
    test: Test,
    facts: Mapping[str, Any],
    conclusions: Mapping[str, float],
    fields: Mapping[str, FieldSpec],
) -> bool:
    """Whether one test holds over known facts (by dotted path) and conclusions' CFs."""
    if isinstance(test, FieldTest):
        return facts.get(test.field) in allowed_values(fields[test.field], test)
    return conclusion_holds(test, conclusions.get(test.conclusion))


def holds(
    condition: Condition,
    facts: Mapping[str, Any],
    conclusions: Mapping[str, float],
    *,
    fields: Mapping[str, FieldSpec],
) -> bool:
    """Whether a condition holds over known facts and conclusions; what is absent is unknown."""
    return bool(truth(condition, lambda t: passes(t, facts, conclusions, fields)))


# --- Words -------------------------------------------------------------------------------


def describe(condition: Condition) -> str:
    """A condition in readable words: `group.field is at least some-value`."""
    if isinstance(condition, FieldTest):
        name, operand = condition.test
        if name == "known":
            return f"{condition.field} is {'known' if operand else 'unknown'}"
        shown = show_values(tuple(operand) if isinstance(operand, list) else (operand,))
        return f"{condition.field} {FIELD_WORDS[name]} {shown}"
    if isinstance(condition, ConclusionTest):
        low, high = cf_range(condition)
        if condition.max_cf is not None:
            return f"{condition.conclusion} is argued against (CF ≤ {high:+.2f})"
        return f"{condition.conclusion} holds (CF ≥ {low:+.2f})"
    if isinstance(condition, NotCondition):
        return f"not ({describe(condition.not_)})"
    word = "all of" if isinstance(condition, AllOf) else "any of"
    return f"{word} (" + "; ".join(describe(c) for c in children(condition)) + ")"


# --- Size --------------------------------------------------------------------------------

MAX_BRANCHES = 256
"""Most engine branches one rule's conditions may expand into. experta rewrites every
rule into a disjunction (an `any` inside an `all` multiplies, `not` swaps the two by De
Morgan's laws) and builds one branch per disjunct: 256 take about 0.2 s to build, and
each further `any` of 4 multiplies the time by 4 or more."""


def branch_count(condition: Condition, limit: int = MAX_BRANCHES) -> int:
    """How many branches experta builds for `condition`, counted before anything is built
    (at most `limit` + 1: the count stops growing there)."""
    return _branches(condition, limit + 1)[0]


def _branches(condition: Condition, cap: int) -> tuple[int, int]:
    """(branches of the condition, branches of its negation), each at most `cap`."""
    if isinstance(condition, NotCondition):
        positive, negative = _branches(condition.not_, cap)
        return negative, positive
    if not isinstance(condition, (AllOf, AnyOf)):
        return 1, 1
    parts = [_branches(child, cap) for child in children(condition)]
    sums = [min(cap, sum(p[i] for p in parts)) for i in (0, 1)]
    products = [_capped_product([p[i] for p in parts], cap) for i in (0, 1)]
    if isinstance(condition, AnyOf):
        return sums[0], products[1]
    return products[0], sums[1]


def _capped_product(numbers: list[int], cap: int) -> int:
    result = 1
    for number in numbers:
        result = min(cap, result * number)
    return result
