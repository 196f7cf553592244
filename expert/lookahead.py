"""Which unanswered questions can still change a conclusion, most influential first.

Two questions, two tools:

- *Can this field still matter?* A three-valued reading of the rules (true, false,
  maybe) over what is known: a field is still relevant when some rule that can still
  fire tests it in a place its value can decide. Unasked fields are "maybe", so a
  field of a conjunction whose other half is still open stays relevant, while a field
  read only by rules that have already failed is never asked.
- *How much can it change now?* The real engine is run with each possible answer
  (one value per class of values that every test treats alike) and the conclusions'
  certainties are compared with the current ones.

Nothing here names the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import certainty, conditions
from .conditions import Truth, allowed_values
from .engine import Evaluator
from .facts import FactModel
from .hedge import Hedge, effective
from .knowledge import KnowledgeBase
from .ruleschema import AnyOf, ConclusionTest, Condition, FieldTest, NotCondition

Known = Mapping[str, Any]
CACHE_LIMIT = 4096
LOOKAHEAD_BUDGET = 400
"""Most engine runs choosing one question (the live knowledge base needs about 20). When
it is spent, the best question found so far is asked, marked `complete=False`."""


@dataclass(frozen=True)
class Evidence:
    """What the engine found for one set of facts: certainties and who lent them."""

    cfs: dict[str, float]
    lent: dict[str, list[tuple[str, float]]]  # conclusion -> (rule, CF lent) counted


@dataclass(frozen=True)
class Influence:
    """How far the best-moving answer to a field shifts the verdict and any conclusion."""

    field: str
    verdict: float
    any: float
    complete: bool = True
    """False when the look-ahead's budget ran out before every candidate was weighed."""

    @property
    def key(self) -> tuple[float, float]:
        """Sort key: biggest change of the verdict first, then of any conclusion."""
        return (-self.verdict, -self.any)


class Lookahead:
    """Relevance and influence of unanswered fields for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, evaluator: Evaluator) -> None:
        self.kb = kb
        self.evaluator = evaluator
        self.order = {path: i for i, path in enumerate(kb.fields)}
        self.readers: dict[str, list[str]] = {path: [] for path in kb.fields}
        self.tests: dict[str, list[FieldTest]] = {path: [] for path in kb.fields}
        self.allowed: dict[int, frozenset] = {}
        self.ranked = sorted(kb.rules, key=lambda r: (kb.strata[r], r))
        self.conditions = {r: kb.rules[r].condition for r in kb.rules}  # built once
        for rule_id in self.ranked:
            for test, _ in conditions.signed_tests(self.conditions[rule_id]):
                if isinstance(test, FieldTest):
                    self.tests[test.field].append(test)
                    self.allowed[id(test)] = allowed_values(kb.fields[test.field], test)
                    if rule_id not in self.readers[test.field]:
                        self.readers[test.field].append(rule_id)
        self.downstream = _downstream(kb)
        self.premises = {r: kb.reads(r)[1] for r in kb.rules}  # the conclusions each reads
        self._cache: dict[tuple, Evidence] = {}
        self._canonical: dict[tuple[str, Any], Any] = {}
        self.runs = 0  # engine runs so far, for the budget

    # --- three-valued reading -------------------------------------------------

    def truth(self, cond: Condition, value: Callable[[str], tuple[bool, Any]], possible) -> Truth:
        """Whether a condition holds: True, False or None (it depends on open fields)."""

        def leaf(test: FieldTest | ConclusionTest) -> Truth:
            if isinstance(test, ConclusionTest):
                return None if test.conclusion in possible else False
            definite, found = value(test.field)
            return found in self.allowed[id(test)] if definite else None

        return conditions.truth(cond, leaf)

    def live(self, known: Known, closed: Iterable[str]) -> tuple[set[str], set[str]]:
        """Rules that may still fire, and conclusions that may still be drawn."""
        value = _static(known, set(closed))
        rules: set[str] = set()
        possible: set[str] = set()
        for rule_id in self.ranked:  # by stratum: a conclusion is settled before it is read
            rule = self.kb.rules[rule_id]
            if self.truth(self.conditions[rule_id], value, possible) is not False:
                rules.add(rule_id)
                possible.update(c.conclude for c in rule.then)
        return rules, possible

    def matters(self, cond: Condition, field: str, value, possible) -> bool:
        """Whether `field`'s value can still decide `cond`, given the other parts."""
        if isinstance(cond, FieldTest):
            return cond.field == field
        if isinstance(cond, ConclusionTest):
            return False
        if isinstance(cond, NotCondition):
            return self.matters(cond.not_, field, value, possible)
        masking = isinstance(cond, AnyOf)  # a sure True masks an any, a sure False an all
        children = conditions.children(cond)
        for child in children:
            if (
                not conditions.reads_field(child, field)
                and self.truth(child, value, possible) is masking
            ):
                return False
        return any(self.matters(c, field, value, possible) for c in children)

    def waiting(self, path: str, known: Known, closed: Iterable[str]) -> list[str]:
        """The rules that can still fire and whose outcome `path`'s answer can decide."""
        closed = set(closed)
        rules, possible = self.live(known, closed)
        value = _static(known, closed)
        return [
            r
            for r in self.readers[path]
            if r in rules and self.matters(self.conditions[r], path, value, possible)
        ]

    def status(self, cond: Condition, known: Known, closed: Iterable[str]) -> Truth:
        """Whether a condition holds now: True, False, or None while it depends on the open."""
        closed = set(closed)
        _, possible = self.live(known, closed)
        return self.truth(cond, _static(known, closed), possible)

    def relevant(self, known: Known, closed: Iterable[str]) -> list[str]:
        """Open fields whose answer can still decide a rule, in field order."""
        closed = set(closed)
        rules, possible = self.live(known, closed)
        value = _static(known, closed)
        return [
            path
            for path in self.kb.fields
            if path not in known
            and path not in closed
            and any(
                self.matters(self.conditions[r], path, value, possible)
                for r in self.readers[path]
                if r in rules
            )
        ]

    # --- engine lookahead -------------------------------------------------------

    def evidence(self, known: Known) -> Evidence:
        """Every conclusion's certainty for these facts, from the engine (cached)."""
        key = tuple(sorted((p, self.canonical(p, v)) for p, v in known.items()))
        if key not in self._cache:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self.runs += 1
            result = self.evaluator.evaluate(self.model(dict(key)))
            lent: dict[str, list[tuple[str, float]]] = {}
            for firing in result.trace:
                if firing.counted:
                    for name, cf in firing.concluded.items():
                        lent.setdefault(name, []).append((firing.rule, cf))
            cfs = {name: c.cf for name, c in result.conclusions.items()}
            self._cache[key] = Evidence(cfs, lent)
        return self._cache[key]

    def model(self, known: Known, header: Mapping[str, Any] | None = None) -> FactModel:
        """A fact model holding `known` (and an optional header such as a scenario)."""
        data: dict[str, Any] = dict(header or {})
        for path, found in known.items():
            spec = self.kb.fields[path]
            data.setdefault(spec.group, {})[spec.name] = (
                {"value": found.value, "cf": found.cf} if isinstance(found, Hedge) else found
            )
        return self.kb.model.model_validate(data)

    def canonical(self, path: str, found: Any) -> Any:
        """The first value that every test on the field treats like `found`."""
        if isinstance(found, Hedge):
            return found  # its certainty counts too: no two alike to merge
        if (path, found) not in self._canonical:
            sign = self.signature(path, found)
            self._canonical[path, found] = next(
                v for v in self.kb.fields[path].values if self.signature(path, v) == sign
            )
        return self._canonical[path, found]

    def signature(self, path: str, found: Any) -> tuple[bool, ...]:
        """Which of the tests on a field a value passes."""
        found = effective(found)
        return tuple(found in self.allowed[id(t)] for t in self.tests[path])

    def candidates(self, path: str) -> list[Any]:
        """One value per class of answers that can differ from leaving the field unknown."""
        unknown = self.signature(path, None)
        seen, values = {unknown}, []
        for found in self.kb.fields[path].values:
            sign = self.signature(path, found)
            if sign not in seen:
                seen.add(sign)
                values.append(found)
        return values

    def change(self, path: str, found: Any, known: Known) -> tuple[float, float]:
        """By the engine: how far answering `found` moves the verdict and any conclusion."""
        now, then = self.evidence(known).cfs, self.evidence({**known, path: found}).cfs
        verdict = self.kb.manifest.verdict
        moved = [abs(then.get(n, 0.0) - now.get(n, 0.0)) for n in set(now) | set(then)]
        return (
            round(abs(then.get(verdict, 0.0) - now.get(verdict, 0.0)), 9),
            round(max(moved, default=0.0), 9),
        )

    def bound(
        self, changing: set[str], after: Known, base: Evidence, possible
    ) -> tuple[float, float]:
        """Without the engine: the most that changing the firings of `changing` can move.

        Intervals go up the strata. With the facts `after`, a rule that reads no
        conclusion lends exactly its CF or nothing; one that reads conclusions lends
        its CF times a premise within the intervals of what it reads. Rules outside
        `changing` lend what they lend now. Combining is monotone in each piece of
        evidence, so the ends of the intervals bound the change.
        """
        # Long because the two ends of every interval go up the strata in one loop.
        lent, now = base.lent, base.cfs
        value = _definite(after)
        parts: dict[str, list[tuple[float, float]]] = {}
        ranges: dict[str, tuple[float, float]] = {}

        def span(name: str) -> tuple[float, float]:
            if name not in ranges:
                fixed = [cf for r, cf in lent.get(name, []) if r not in changing]
                lows = [low for low, _ in parts.get(name, [])]
                highs = [high for _, high in parts.get(name, [])]
                ranges[name] = (
                    certainty.combine_all(fixed + lows),
                    certainty.combine_all(fixed + highs),
                )
            return ranges[name]

        for rule_id in sorted(changing, key=lambda r: self.kb.strata[r]):
            rule = self.kb.rules[rule_id]
            if self.truth(self.conditions[rule_id], value, possible) is False:
                continue
            low, high = self._premise(rule_id, span)
            for c in rule.then:
                parts.setdefault(c.conclude, []).append(tuple(sorted((c.cf * low, c.cf * high))))
        worst = {}
        for name in {c.conclude for r in changing for c in self.kb.rules[r].then}:
            low, high = span(name)
            base = now.get(name, 0.0)
            # Rounded up to the 9 decimals `change` rounds to, past any float noise.
            worst[name] = round(max(high - base, base - low) + 1e-11, 9)
        return worst.get(self.kb.manifest.verdict, 0.0), max(worst.values(), default=0.0)

    def _premise(self, rule_id: str, span: Callable[[str], tuple[float, float]]):
        """The range of a rule's premise CF, or (0, 0) when it cannot fire."""
        reads = self.premises[rule_id]
        if not reads:
            return 1.0, 1.0  # fields only, all definite: it fires, fully, or not at all
        tests = [c for c in self.kb.rules[rule_id].when if isinstance(c, ConclusionTest)]
        if len(tests) != len(reads):
            return 0.0, 1.0  # conclusions read under any / not: no shortcut
        low, high = 1.0, 1.0
        for test in tests:
            least, most = _binding(test, *span(test.conclusion))
            low, high = min(low, least), min(high, most)
        return low, high

    def affected(self, path: str, found: Any, known: Known, possible) -> set[str]:
        """Rules whose firing answering `found` may change: empty when nothing can move.

        The rules reading `path`, and the rules downstream of them, except those that
        stay false either way. Other open fields count as unknown, as in the engine.
        """
        before, after = _definite(known), _definite({**known, path: found})

        def is_open(rule_id: str) -> bool:
            cond = self.conditions[rule_id]
            return (
                self.truth(cond, before, possible) is not False
                or self.truth(cond, after, possible) is not False
            )

        start = [r for r in self.readers[path] if is_open(r)]
        below = set().union(*(self.downstream[r] for r in start))
        return {r for r in below if r in start or is_open(r)}

    def best(self, known: Known, closed: Iterable[str]) -> Influence | None:
        """The most influential relevant open field (ties: field order), or None.

        Exact, yet lazy: a candidate answer goes to the engine only when its bound
        says it could beat the best change found so far.
        """
        options = self._options(known, set(closed))
        best: tuple[tuple[float, float], str] | None = None
        start, complete = self.runs, True
        for path, found, limit in options:
            if best and not _may_beat(limit, path, best, self.order):
                continue
            if best and self.runs - start >= LOOKAHEAD_BUDGET:
                complete = False
                break
            change = (0.0, 0.0) if found is None else self.change(path, found, known)
            if best is None or _beats(change, path, best, self.order):
                best = (change, path)
        return Influence(best[1], *best[0], complete) if best else None

    def _options(self, known: Known, closed: set[str]) -> list[tuple[str, Any, tuple]]:
        """(field, answer or None, bound of its change) for every relevant open field,
        the most promising first."""
        _, possible = self.live(known, closed)
        base = self.evidence(known)
        options = []
        for path in self.relevant(known, closed):
            options.append((path, None, (0.0, 0.0)))
            for found in self.candidates(path):
                changing = self.affected(path, found, known, possible)
                if changing:
                    options.append(
                        (path, found, self.bound(changing, {**known, path: found}, base, possible))
                    )
        options.sort(key=lambda o: (-o[2][0], -o[2][1], self.order[o[0]]))
        return options

    def ranking(self, known: Known, closed: Iterable[str]) -> list[Influence]:
        """Every relevant open field with its exact influence, most influential first."""
        closed = set(closed)
        _, possible = self.live(known, closed)
        found = []
        for path in self.relevant(known, closed):
            changes = [
                self.change(path, v, known)
                for v in self.candidates(path)
                if self.affected(path, v, known, possible)
            ]
            found.append(Influence(path, *max(changes, default=(0.0, 0.0))))
        return sorted(found, key=lambda i: (*i.key, self.order[i.field]))


def _beats(change, path, best, order) -> bool:
    (v, a), (bv, ba) = change, best[0]
    return (v, a, -order[path]) > (bv, ba, -order[best[1]])


def _may_beat(limit, path, best, order) -> bool:
    (v, a), (bv, ba) = limit, best[0]
    return v > bv or (v >= bv and (a > ba or (a >= ba and order[path] < order[best[1]])))


def _binding(test: ConclusionTest, least: float, most: float) -> tuple[float, float]:
    """The range of the CF a conclusion test binds, its conclusion's CF being in range.

    0 stands for "does not hold"; a conclusion weaker than the threshold is never
    asserted, so no test holds on it.
    """
    if test.max_cf is None:
        floor = conditions.cf_range(test)[0]
        if most < floor:
            return 0.0, 0.0
        return (least if least >= floor else 0.0), most
    if test.max_cf > -certainty.THRESHOLD:
        return 0.0, 1.0  # a ceiling above the threshold: no shortcut
    if least > test.max_cf:
        return 0.0, 0.0
    return (abs(most) if most <= test.max_cf else 0.0), abs(least)


def _static(known: Known, closed: set[str]) -> Callable[[str], tuple[bool, Any]]:
    """Known and closed fields are definite; every other field may still take any value."""
    return lambda path: (path in known or path in closed, effective(known.get(path)))


def _definite(known: Known) -> Callable[[str], tuple[bool, Any]]:
    """Every field is definite: what is not known is unknown (None)."""
    return lambda path: (True, effective(known.get(path)))


def _downstream(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Each rule with every rule that reads, directly or not, what it concludes."""
    readers: dict[str, list[str]] = {}
    for rule_id in kb.rules:
        for name in kb.reads(rule_id)[1]:
            readers.setdefault(name, []).append(rule_id)
    found: dict[str, set[str]] = {}
    for rule_id in sorted(kb.rules, key=lambda r: -kb.strata[r]):  # readers come first
        found[rule_id] = {rule_id}.union(
            *(found[r] for c in kb.rules[rule_id].then for r in readers.get(c.conclude, []))
        )
    return found
