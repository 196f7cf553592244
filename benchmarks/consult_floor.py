"""The fewest questions any consultation that ends in `summit assess`'s band must ask.

A consultation may stop only once the answers it has make the goal's band certain,
whatever the other answers are. So if changing the answers to a set of fields D (the
rest as in the file) moves the goal out of the file's band, the consultation must have
asked at least one field of D, or it cannot know it may stop. Sets found one after
another, each among the fields no earlier set used, are disjoint; their number is then
a lower bound on the questions asked, for any choice of questions and any stopping rule
that is right every time, even one that knows the answers in advance.

A second, higher bound drops the disjointness: the questions asked must meet every set
found, so they are at least as many as the smallest set of fields that meets them all
(a hitting set, found exactly by branch and bound). Sets are gathered until none is
found among the fields outside a hitting set of those found so far: each new set then
differs from the old ones where it matters.

Each set is found by a greedy search over plain answers and `unknown` (no hedges: the
bound holds a fortiori when hedged answers are allowed too), read through the goal's
bounds with every field definite, restarted from a few seeded random changes, pruned to
the changes it needs, and then confirmed by the engine. The search may miss sets, so
the bounds may be lower than the truth, never higher.

Two more measures put the consultation's own count beside it:

- **Stopped as early as its order allows?** At the question before the consultation
  stops, the same search looks for answers still to come that move the goal out of the
  band it ends in; found and confirmed by the engine, the consultation could not have
  stopped there without risking a wrong band.
- **The single-answer rule.** A consultation that asks a field only while its answer
  alone, every other open field left unknown, moves the goal out of its current band
  (and stops when none does): its questions, and whether it ends in assess's band.

    uv run python benchmarks/consult_floor.py [--rules DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
from typing import Any

from bench_consult import scenarios

from expert import api, certainty
from expert.facts import certainties, known_facts
from expert.goal import Reach
from expert.hedge import hedge
from expert.lookahead import Lookahead

Known = dict[str, Any]
SETS = 400
"""Most moving sets gathered for the hitting-set bound of one scenario."""
RESTARTS = 3
"""Searches for one moving set: from the file's answers, from random answers to a few
fields, and from random answers to every field."""
NODES = 200_000
"""Most branches the exact smallest hitting set may try."""


class Floor:
    """Disjoint sets of changed answers that each move the goal out of its band."""

    def __init__(self, rules: str | None) -> None:
        self.kb = api.knowledge_base(rules)
        self.goal = self.kb.manifest.verdict
        self.reach = Reach(self.kb, self.goal)
        self.fields = sorted(self.reach.readers, key=self.reach.order.__getitem__)
        self.engine = Lookahead(self.kb, api.evaluator(rules))

    def point(self, known: Known) -> float:
        """The goal's CF with every field not in `known` unknown."""
        return self.reach.span(known, set(self.fields) - set(known))[0]

    def options(self, path: str) -> list[Any]:
        """`unknown` (None) and one plain value per class the rules treat alike."""
        firsts = dict.fromkeys(v for v in self.reach.classes[path].values() if v is not None)
        return [None, *firsts]

    def sets(self, known: Known) -> list[dict[str, Any]]:
        """Disjoint sets of changes that each move the goal out of its band, confirmed."""
        band, used, found = certainty.band(self.point(known)), set(), []
        for _ in self.fields:  # each set uses at least one field: bounded by the fields
            free = [p for p in self.fields if p not in used]
            changes = self.search(known, free, band, -1) or self.search(known, free, band, 1)
            if not changes:
                break
            assert self.engine_band(apply(known, changes)) != band, changes
            found.append(changes)
            used |= set(changes)
        return found

    def search(
        self, known: Known, free: list[str], band: str, sign: int, made: dict | None = None
    ) -> dict | None:
        """Changes, one field at a time, pushing the goal's CF one way until it leaves `band`.

        `made`: changes already in `known`, which the search leaves alone.
        """
        changes: dict[str, Any] = {}
        free = [p for p in free if p not in (made or {})]
        now = self.point(known)
        if certainty.band(now) != band:
            return changes
        for _ in free:  # each step changes one more field
            best = self.step(known, changes, free, sign)
            if best is None or sign * best[0] <= sign * now:
                return None
            now, path, value = best
            changes[path] = value
            if certainty.band(now) != band:
                return self.pruned(known, changes, band)
        return None

    def step(self, known: Known, changes: dict, free: list[str], sign: int):
        """The one further change that moves the goal furthest: (cf, field, value)."""
        best = None
        for path in (p for p in free if p not in changes):
            for value in self.options(path):
                if value != known.get(path):
                    cf = self.point(apply(known, {**changes, path: value}))
                    if best is None or sign * cf > sign * best[0]:
                        best = (cf, path, value)
        return best

    def pruned(self, known: Known, changes: dict, band: str) -> dict:
        """The changes without those the move out of `band` does not need."""
        for path in list(changes):
            fewer = {p: v for p, v in changes.items() if p != path}
            if certainty.band(self.point(apply(known, fewer))) != band:
                changes = fewer
        return changes

    def hitting(self, known: Known) -> tuple[int | None, int]:
        """The fewest fields that meet every moving set found (None past the search's
        budget), and how many sets were found."""
        band, rng = certainty.band(self.point(known)), random.Random(0)
        found = [frozenset(s) for s in self.sets(known)]
        for _ in range(SETS):  # bounded; the loop says below when the bound is hit
            free = [p for p in self.fields if p not in greedy_hitting(found)]
            changes = self.restarted(known, free, band, -1, rng)
            changes = changes if changes is not None else self.restarted(known, free, band, 1, rng)
            if not changes:  # none found (an empty one cannot be: the file is in `band`)
                return smallest_hitting(found), len(found)
            found.append(frozenset(changes))
        print(f"  (stopped after {SETS} sets: the bound may be low)")
        return smallest_hitting(found), len(found)

    def restarted(self, known: Known, free: list[str], band: str, sign: int, rng) -> dict | None:
        """`search` from the file's answers, then from random changes (RESTARTS), confirmed."""
        for attempt in range(RESTARTS):
            changed = rng.sample(free, min(len(free), 6)) if attempt == 1 else free
            start = {p: rng.choice(self.options(p)) for p in changed} if attempt else {}
            changes = self.search(apply(known, start), free, band, sign, start)
            if changes is not None:
                changes = self.pruned(known, {**start, **changes}, band)
                if self.engine_band(apply(known, changes)) != band:
                    return changes
        return None

    def engine_band(self, known: Known) -> str:
        """The goal's band by the engine."""
        return certainty.band(self.engine.evidence(known).cfs.get(self.goal, 0.0))


class Replay:
    """The consultation's own choices, answered from a file, as states of knowledge."""

    def __init__(self, floor: Floor, answers: Known) -> None:
        self.floor, self.answers = floor, answers

    def states(self) -> list[tuple[Known, set[str]]]:
        """(answered, answered unknown) before each question and at the stop."""
        known, closed, last, found = {}, set(), None, []
        for _ in self.floor.fields:  # each field is asked at most once
            choice, _ = self.floor.reach.choose(known, closed, last)
            found.append((dict(known), set(closed)))
            if choice is None:
                break
            last = self.answer(choice.field, known, closed)
        return found

    def answer(self, path: str, known: Known, closed: set[str]) -> str:
        """Record the file's answer to `path` (unknown where it has none)."""
        if path in self.answers:
            known[path] = self.answers[path]
        else:
            closed.add(path)
        return path

    def could_move(self, known: Known, closed: set[str], band: str) -> bool:
        """Whether some answers to the open fields, confirmed by the engine, leave `band`."""
        free = [p for p in self.floor.fields if p not in known and p not in closed]
        rng = random.Random(0)
        return any(self.floor.restarted(known, free, band, s, rng) is not None for s in (-1, 1))

    def single_answer(self) -> tuple[int, float]:
        """The single-answer rule's questions and the goal's CF where it stops."""
        known, closed, asked = {}, set(), 0
        for _ in self.floor.fields:  # each field is asked at most once
            path = self.mover(known, closed)
            if path is None:
                break
            self.answer(path, known, closed)
            asked += 1
        return asked, self.floor.engine.evidence(known).cfs.get(self.floor.goal, 0.0)

    def mover(self, known: Known, closed: set[str]) -> str | None:
        """The open field whose answer alone moves the goal furthest out of its band."""
        reach = self.floor.reach
        now = reach.span(known, closed | set(reach.open_fields(known, closed)))[0]
        band, best = certainty.band(now), None
        for path, (low, high) in reach.alone(known, closed):
            far = max(high - now, now - low)  # the span holds `now`: it leaves by an end
            leaves = {certainty.band(low), certainty.band(high)} != {band}
            if leaves and (best is None or far > best[0]):  # ties: field order
                best = (far, path)
        return best[1] if best else None


def greedy_hitting(sets: list[frozenset]) -> set[str]:
    """A set of fields meeting every set: the field in most unmet sets first, then by name."""
    rest, hit = list(sets), set()
    while rest:  # each round meets at least one more set
        counts: dict[str, int] = {}
        for found in rest:
            for path in found:
                counts[path] = counts.get(path, 0) + 1
        best = max(sorted(counts), key=counts.__getitem__)
        hit.add(best)
        rest = [found for found in rest if best not in found]
    return hit


def smallest_hitting(sets: list[frozenset]) -> int | None:
    """The size of the smallest set of fields meeting every set; None past NODES branches.

    Branch on the fields of the smallest unmet set; prune where even the disjoint sets
    left (each needs a field of its own) cannot beat the best found.
    """
    unique = sorted(set(sets), key=lambda s: (len(s), sorted(s)))
    sets = [s for s in unique if not any(o < s for o in unique)]  # a superset is met anyway
    best, nodes = len(greedy_hitting(sets)), 0

    def branch(size: int, rest: list[frozenset]) -> None:
        nonlocal best, nodes
        nodes += 1
        if nodes > NODES:
            raise TimeoutError
        if not rest:
            best = min(best, size)
        elif size + len(disjoint(rest)) < best:
            for path in sorted(min(rest, key=len)):
                branch(size + 1, [found for found in rest if path not in found])

    try:
        branch(0, list(sets))
    except TimeoutError:
        return None
    return best


def disjoint(sets: list[frozenset]) -> list[frozenset]:
    """Sets that share no field, smallest first: each needs a field of its own."""
    used: set[str] = set()
    chosen = []
    for found in sorted(sets, key=lambda s: (len(s), sorted(s))):
        if not found & used:
            used |= found
            chosen.append(found)
    return chosen


def apply(known: Known, changes: dict[str, Any]) -> Known:
    """`known` with each change made (None: the field unknown)."""
    found = {**known, **{p: v for p, v in changes.items() if v is not None}}
    return {p: v for p, v in found.items() if changes.get(p, v) is not None}


def file_answers(floor: Floor, path) -> Known:
    """The answers a fact file gives to the fields the goal's rules read."""
    facts = api.load_facts(path)
    values, cfs = known_facts(facts, floor.kb.model), certainties(facts, floor.kb.model)
    return {p: hedge(v, cfs.get(p, 1.0)) for p, v in values.items() if p in floor.reach.readers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="knowledge base folder (default: rules/)")
    args = parser.parse_args()
    floor = Floor(args.rules)
    print(
        "| scenario | band | at least (disjoint) | at least (hitting) | consult asks "
        "| could it stop one earlier? | single-answer rule asks | and ends in |"
    )
    print("|---|---|---:|---:|---:|---|---:|---|")
    rows = [row(floor, path) for path in scenarios()]
    summary(rows)


def row(floor: Floor, path) -> dict:
    """One scenario's line of the table, printed, and its numbers."""
    answers = file_answers(floor, path)
    band = floor.engine_band(answers)
    least = len(floor.sets(answers))
    hitting, _ = floor.hitting(answers)
    hitting = hitting if hitting is not None else least  # past the budget: the disjoint bound
    replay = Replay(floor, answers)
    states = replay.states()
    ended = certainty.band(floor.engine.evidence(states[-1][0]).cfs.get(floor.goal, 0.0))
    early = len(states) > 1 and not replay.could_move(*states[-2], ended)
    single, cf = replay.single_answer()
    right = certainty.band(cf) == band
    print(
        f"| {path.stem} | {band} | {least} | {hitting} "
        f"| {len(states) - 1} "
        f"| {'no counter-example found' if early else 'no: answers still to come could move it'} "
        f"| {single} | {certainty.band(cf)}{'' if right else ' (**wrong**)'} |"
    )
    return {
        "least": least,
        "hitting": hitting,
        "asked": len(states) - 1,
        "early": early,
        "single": single,
        "right": right,
    }


def summary(rows: list[dict]) -> None:
    """The medians and maxima under the table."""
    for key, what in (
        ("least", "at least (disjoint)"),
        ("hitting", "at least (hitting)"),
        ("asked", "consult asks"),
        ("single", "single-answer rule"),
    ):
        found = [r[key] for r in rows]
        print(f"{what}: median {statistics.median(found):g}, max {max(found)}")
    late = sum(not r["early"] for r in rows)
    print(f"consult could not have stopped one question earlier: {late} of {len(rows)}")
    print(
        f"single-answer rule ends in assess's band: {sum(r['right'] for r in rows)} of {len(rows)}"
    )


if __name__ == "__main__":
    main()
