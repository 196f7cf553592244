"""Where a consultation's goal can still end up, and which question narrows it most.

`Reach.span` bounds the certainty every conclusion upstream of the goal can still take,
given the answers so far: fields not yet asked may take any value (or stay unknown),
answered ones are definite. It climbs the strata as the engine does. A rule whose
premise is settled false lends nothing; a settled one lends its CF times its premise
range; an unsettled one lends anything between nothing and that. Combining is monotone
in each piece of evidence, so combining the low ends and the high ends bounds the
conclusion; of rules that can never fire together (`expert.exclusive`), one sure to
fire counts alone, and otherwise only the lowest low end and the highest high end
count. The goal's band is settled when both ends of its span lie in one band: no
answer still to come can move it out.

A question is worth asking only when some answer to it narrows the goal's span; the
one asked is the one after whose answers the band is most often settled, and among
those the one whose answers leave the narrowest span on average, measured in bands (a
span crossing a band boundary costs more than a wide one inside a band).
Nothing here names the domain.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import certainty, conditions, exclusive
from .hedge import cf_of, effective
from .knowledge import KnowledgeBase
from .premise import FieldState, Premises, Reading, Span
from .ruleschema import Condition, FieldTest

Known = Mapping[str, Any]
Lends = tuple[tuple[str, float, float, bool], ...]
"""What a rule lends: (conclusion, lowest CF, highest CF, sure to fire?) for each of its
conclusions."""
EDGES = (-0.8, -0.5, -certainty.THRESHOLD, certainty.THRESHOLD, 0.5, 0.8)
"""Where one band ends and the next begins, on the CF scale."""


@dataclass(frozen=True)
class Unsure:
    """An answer still to come: this value, held with any certainty above the threshold.

    (Held below it, the answer is unknown: the class of None.)
    """

    value: Any


@dataclass(frozen=True)
class Choice:
    """The question to ask next for a goal: its field and how much it narrows the span."""

    field: str
    width: float  # the goal's span left, on average over the answers, in bands
    spans: dict[Any, Span]  # the goal's span after each class of answer (None: unknown)
    settles: float = 0.0  # the share of the answers after which the goal's band is settled


class Reach:
    """Spans of what a goal and what it rests on can still become."""

    def __init__(self, kb: KnowledgeBase, goal: str) -> None:
        # Long but flat: what does not depend on the answers, indexed once per session.
        self.kb, self.goal = kb, goal
        self.premises = Premises(kb)
        self.cone = _upstream(kb, goal)
        self.ranked = sorted(self.cone, key=lambda r: (kb.strata[r], r))
        self.conditions = {r: kb.rules[r].condition for r in self.cone}
        self.readers: dict[str, set[str]] = {}
        self.partners: dict[str, set[str]] = {}  # fields read together with each field
        for rule_id in self.ranked:
            read = {
                t.field
                for t, _ in conditions.signed_tests(self.conditions[rule_id])
                if isinstance(t, FieldTest)
            }
            for path in read:
                self.readers.setdefault(path, set()).add(rule_id)
                self.partners.setdefault(path, set()).update(read - {path})
        self.order = {path: i for i, path in enumerate(kb.fields)}
        self.producers: dict[str, list[str]] = {}
        for rule_id in self.ranked:
            for then in kb.rules[rule_id].then:
                self.producers.setdefault(then.conclude, []).append(rule_id)
        self.height = _heights(kb, self.cone, goal)
        self.classes = {p: self._classes(p) for p in self.readers}
        self.inputs = {r: (sorted(kb.reads(r)[0]), sorted(kb.reads(r)[1])) for r in self.cone}
        self._lending: dict[tuple, list] = {}
        self.rank = {r: i for i, r in enumerate(self.ranked)}
        self.users: dict[str, list[str]] = {}  # the rules of the cone reading each conclusion
        for rule_id in self.ranked:
            for name in self.inputs[rule_id][1]:
                self.users.setdefault(name, []).append(rule_id)
        self._spans: dict[tuple, Any] = {}
        self.groups: dict[str, tuple[list[str], list[list[str]]]] = {}
        for name, rules in self.producers.items():  # (rules alone, groups of 2 or more)
            found = exclusive.groups(kb, self.premises, rules)
            if any(len(group) > 1 for group in found):
                alone = [g[0] for g in found if len(g) == 1]
                self.groups[name] = (alone, [g for g in found if len(g) > 1])

    def _classes(self, path: str) -> dict[Any, Any]:
        """Each value of a field with the first value (None: unknown) its tests treat alike."""
        tests = [
            self.premises.allowed[id(t)]
            for r in sorted(self.readers[path])
            for t, _ in conditions.signed_tests(self.conditions[r])
            if isinstance(t, FieldTest) and t.field == path
        ]
        seen: dict[tuple, Any] = {tuple(None in a for a in tests): None}
        found = {}
        for value in self.kb.fields[path].values:
            found[value] = seen.setdefault(tuple(value in a for a in tests), value)
        return found

    def spans(self, known: Known, closed: Iterable[str]) -> dict[str, Span]:
        """The span of every conclusion in the goal's cone (0 for nothing lent)."""
        span = self._lent(known, set(closed))[2]
        return {name: span(name) for name in self.producers}

    def span(self, known: Known, closed: Iterable[str]) -> Span:
        """The span of the goal's CF."""
        return self._lent(known, set(closed))[2](self.goal)

    def _lent(self, known: Known, closed: set[str], changed: str | None = None, base=None):
        """(what each rule lends, spans found so far, span of a conclusion), cached.

        With `changed`, the state differs from one already climbed (`base`, when the
        caller has it) only in that field, so only the rules it can reach are read again.
        """
        key = (frozenset(known.items()), frozenset(closed))
        if key not in self._spans:
            if len(self._spans) > 1024:
                self._spans.clear()
            if changed is not None and base is None:
                rest = {p: v for p, v in known.items() if p != changed}
                base = self._lent(rest, closed - {changed})
            self._spans[key] = self._climb(known, closed, base, changed)
        return self._spans[key]

    def reading(self, cond: Condition, known: Known, closed: Iterable[str]) -> Reading:
        """Whether a condition holds now (True, False, None) and its certainty's range."""
        closed = set(closed)
        span = self._lent(known, closed)[2]
        return self.premises.read(cond, _field_state(known, closed), span)

    def _climb(self, known: Known, closed: set[str], base, changed: str | None):
        # Long because the worklist and the span it closes over share their state.
        field = _field_state(known, closed)
        if base is None:
            return self._climb_all(field)
        lent: dict[str, Lends] = dict(base[0])
        done: dict[str, Span] = {}
        before, dirty = base[2], set()  # dirty: conclusions whose evidence changed

        def span(name: str) -> Span:
            if name not in done:
                done[name] = self._combined(name, lent) if name in dirty else before(name)
            return done[name]

        pending = [(self.rank[r], r) for r in self.readers[changed]]
        heapq.heapify(pending)
        seen = {r for _, r in pending}
        while pending:  # by stratum, as the engine; each rule at most once
            rule_id = heapq.heappop(pending)[1]
            lends = self._lends(rule_id, field, span)
            if lends == lent[rule_id]:
                continue  # it lends what it lent: nothing above it changes through it
            lent[rule_id] = lends
            for then in self.kb.rules[rule_id].then:
                dirty.add(then.conclude)
                for reader in self.users.get(then.conclude, ()):
                    if reader not in seen:
                        seen.add(reader)
                        heapq.heappush(pending, (self.rank[reader], reader))
        return lent, done, span

    def _climb_all(self, field: FieldState):
        """Every rule of the cone read afresh, stratum by stratum."""
        lent: dict[str, Lends] = {}
        done: dict[str, Span] = {}

        def span(name: str) -> Span:
            if name not in done:
                done[name] = self._combined(name, lent)
            return done[name]

        for rule_id in self.ranked:  # what a rule reads is complete before it
            lent[rule_id] = self._lends(rule_id, field, span)
        return lent, done, span

    def _combined(self, name: str, lent: Mapping[str, Lends]) -> Span:
        """A conclusion's span: the low ends combined, and the high ends.

        Of a group of rules that exclude each other (`expert.exclusive`) at most one
        fires: a member sure to fire alone counts; otherwise the group counts once, as
        low as its lowest member and as high as its highest, each of which may be 0.
        """
        alone, groups = self.groups.get(name, (self.producers.get(name, ()), ()))
        parts = [p for r in alone for p in lent.get(r, ()) if p[0] == name]
        lows, highs = [p[1] for p in parts], [p[2] for p in parts]
        for group in groups:
            found = [p for r in group for p in lent.get(r, ()) if p[0] == name]
            sure = [p for p in found if p[3]] or found
            if sure:
                lows.append(min(p[1] for p in sure))
                highs.append(max(p[2] for p in sure))
        return _combine(tuple(lows)), _combine(tuple(highs))

    def _lends(self, rule_id: str, field, span) -> Lends:
        """The range a rule lends each of its conclusions: nothing when it cannot fire.

        Remembered by what the rule reads, which most candidate answers leave alone.
        """
        fields, names = self.inputs[rule_id]
        key = (rule_id, tuple(map(field, fields)), tuple(map(span, names)))
        if key not in self._lending:
            if len(self._lending) > 50_000:
                self._lending.clear()
            self._lending[key] = self._read_lends(rule_id, field, span)
        return self._lending[key]

    def _read_lends(self, rule_id: str, field, span) -> Lends:
        holds, low, high = self.premises.read(self.conditions[rule_id], field, span)
        if holds is False:
            return ()
        found = []
        for then in self.kb.rules[rule_id].then:
            a, b = sorted((certainty.apply(then.cf, low), certainty.apply(then.cf, high)))
            if holds is None:
                a, b = min(a, 0.0), max(b, 0.0)
            found.append((then.conclude, a, b, holds is True))
        return tuple(found)  # tuples of strings and numbers: the garbage collector skips them

    def narrowings(
        self, known: Known, closed: Iterable[str], *, hedged: bool = False
    ) -> list[Choice]:
        """Every open field some answer to which narrows the goal's span, in field order.

        With `hedged`, each answer may come with any certainty above the threshold.
        """
        closed = set(closed)
        now = self.span(known, closed)
        fields = self.open_fields(known, closed)
        found = (self.narrowing(p, known, closed, now, hedged) for p in fields)
        return [c for c in found if c is not None]

    def tight(self, known: Known, closed: Iterable[str], choices: list[Choice]) -> Span:
        """The goal's span, narrowed by splitting on each open field in turn.

        Whatever a field's answer, the goal ends within the hull of the spans its
        answers leave; so it ends within every such hull at once.
        """
        low, high = self.span(known, closed)
        for choice in choices:
            lows, highs = zip(*choice.spans.values(), strict=True)
            low, high = max(low, min(lows)), min(high, max(highs))
        return low, high

    def choose(
        self, known: Known, closed: Iterable[str], last: str | None = None
    ) -> tuple[Choice | None, Span]:
        """The question most likely to settle the goal's band, and the span (None, span when
        settled).

        First the field with the largest share of answers after which the band is
        settled, then the one whose answers leave the narrowest span on average; ties go
        to a field read together with the last one asked, then to field order.
        When no single answer narrows the span but it is not settled (rules that need
        several answers together), any open field a live rule reads is asked, so the
        consultation never stops before the band is sure.
        """
        closed = set(closed)
        choices = self.narrowings(known, closed)
        low, high = self.tight(known, closed, choices)
        if certainty.band(low) == certainty.band(high):
            # Settled for plain answers; a hedged one can keep a conclusion under a floor.
            sure = self.tight(known, closed, self.narrowings(known, closed, hedged=True))
            if certainty.band(sure[0]) == certainty.band(sure[1]):
                return None, sure
            low, high = sure

        def key(path: str, width: float, settles: float = 0.0) -> tuple:
            near = last is not None and path in self.partners.get(last, ())
            return (-round(settles, 9), round(width, 9), not near, self.order[path])

        if choices:
            return min(choices, key=lambda c: key(c.field, c.width, c.settles)), (low, high)
        live = self.live_fields(known, closed)
        width = band_width((low, high))
        best = min(live, key=lambda p: key(p, width), default=None)
        return (Choice(best, width, {}) if best else None), (low, high)

    def live_fields(self, known: Known, closed: set[str]) -> list[str]:
        """Open fields read by some rule that may still fire, in field order."""
        lent = self._lent(known, closed)[0]
        return [
            p for p in self.open_fields(known, closed) if any(lent.get(r) for r in self.readers[p])
        ]

    def open_fields(self, known: Known, closed: set[str]) -> list[str]:
        """Fields the goal's rules read that are neither answered nor closed, in field order."""
        return sorted(
            (p for p in self.readers if p not in known and p not in closed),
            key=self.order.__getitem__,
        )

    def narrowing(
        self, path: str, known: Known, closed: set[str], now: Span, hedged: bool = False
    ) -> Choice | None:
        """What each class of answer to `path` leaves of the goal's span; None if none narrows."""
        goal, base = self.goal, self._lent(known, closed)
        if not any(base[0].get(r) for r in self.readers[path]):
            return None  # every rule reading it is false whatever it is: nothing to narrow
        spans: dict[Any, Span] = {None: self._lent(known, closed | {path}, path, base)[2](goal)}
        for value, first in self.classes[path].items():  # values every test treats alike
            if first is None:
                spans[value] = spans[None]
            elif first != value:
                spans[value] = spans[first]
            else:
                answer = Unsure(value) if hedged else value
                spans[value] = self._lent({**known, path: answer}, closed, path, base)[2](goal)
        if all(s == now for s in spans.values()):
            return None
        width = sum(band_width(s) for s in spans.values()) / len(spans)
        settles = sum(certainty.band(a) == certainty.band(b) for a, b in spans.values())
        return Choice(path, width, spans, settles / len(spans))

    def alone(self, known: Known, closed: Iterable[str]) -> list[tuple[str, Span]]:
        """Open fields whose answer alone (the rest left unknown) moves the goal, and how far.

        Every other field closed, the spans are points: the goal's CF for each answer.
        """
        closed = set(closed)
        rest = set(self.open_fields(known, closed))
        now = self.span(known, closed | rest)
        found = []
        for path in sorted(rest, key=self.order.__getitem__):
            others = closed | (rest - {path})
            ends = [self.span({**known, path: v}, others) for v in self.kb.fields[path].values]
            low, high = min(now[0], *(e[0] for e in ends)), max(now[1], *(e[1] for e in ends))
            if (low, high) != now:
                found.append((path, (low, high)))
        return found


@functools.lru_cache(maxsize=65536)
def _combine(factors: tuple[float, ...]) -> float:
    """MYCIN's combination, remembered: the same few pieces of evidence recur in every climb.

    + 0.0 turns a -0.0 into 0.0, so that it is shown as +0.00.
    """
    return certainty.combine_all(factors) + 0.0


def _field_state(known: Known, closed: set[str]) -> FieldState:
    """Answered fields are definite (held below the threshold: unknown); closed ones unknown."""

    def field(path: str) -> tuple[bool, Any, float, float]:
        if path in known:
            found = known[path]
            if isinstance(found, Unsure):
                return True, found.value, certainty.THRESHOLD, 1.0
            value = effective(found)
            cf = cf_of(found) if value is not None else 1.0
            return True, value, cf, cf
        return path in closed, None, 1.0, 1.0

    return field


def _heights(kb: KnowledgeBase, cone: set[str], goal: str) -> dict[str, int]:
    """Each rule's number of steps up to a rule that concludes the goal (0: it does)."""
    readers: dict[str, list[str]] = {}
    for rule_id in cone:
        for name in kb.reads(rule_id)[1]:
            readers.setdefault(name, []).append(rule_id)
    height: dict[str, int] = {}
    for rule_id in sorted(cone, key=lambda r: -kb.strata[r]):  # readers come first
        names = {c.conclude for c in kb.rules[rule_id].then}
        above = [height[r] + 1 for n in names for r in readers.get(n, ()) if r in height]
        height[rule_id] = 0 if goal in names else min(above, default=len(cone))
    return height


def band_width(span: Span) -> float:
    """How wide a span is in bands: each band counts 1 whatever its width in CF."""
    return _position(span[1]) - _position(span[0])


def _position(cf: float) -> float:
    """A CF on a scale where each band has length 1."""
    edges = (-1.0, *EDGES, 1.0)
    for i in range(len(edges) - 1):
        if cf <= edges[i + 1] or i == len(edges) - 2:
            low, high = edges[i], edges[i + 1]
            return i + (cf - low) / (high - low)
    return float(len(edges) - 1)


def _upstream(kb: KnowledgeBase, goal: str) -> set[str]:
    """Every rule that concludes the goal, or something a rule upstream of it reads."""
    wanted, found = {goal}, set()
    for _ in range(len(kb.rules) + 1):  # each round adds a stratum; bounded by the rules
        more = {
            r
            for r in kb.rules
            if r not in found and any(c.conclude in wanted for c in kb.rules[r].then)
        }
        if not more:
            break
        found |= more
        wanted |= {name for r in more for name in kb.reads(r)[1]}
    return found
