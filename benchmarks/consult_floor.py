"""The fewest questions any consultation that ends in `summit assess`'s band must ask.

A consultation may stop only once the answers it has make the goal's band certain,
whatever the other answers are. So if changing the answers to a set of fields D (the
rest as in the file) moves the goal out of the file's band, the consultation must have
asked at least one field of D, or it cannot know it may stop. Sets found one after
another, each among the fields no earlier set used, are disjoint; their number is then
a lower bound on the questions asked, for any choice of questions and any stopping rule
that is right every time, even one that knows the answers in advance.

Each set is found by a greedy search over plain answers and `unknown` (no hedges: the
bound holds a fortiori when hedged answers are allowed too), read through the goal's
bounds with every field definite, and then confirmed by the engine. The search may miss
sets, so the bound may be lower than the truth, never higher.

    uv run python benchmarks/consult_floor.py [--rules DIR]
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

from bench_consult import scenarios

from expert import api, certainty
from expert.facts import certainties, known_facts
from expert.goal import Reach
from expert.hedge import hedge
from expert.lookahead import Lookahead

Known = dict[str, Any]


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

    def search(self, known: Known, free: list[str], band: str, sign: int) -> dict | None:
        """Changes, one field at a time, pushing the goal's CF one way until it leaves `band`."""
        changes: dict[str, Any] = {}
        now = self.point(known)
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

    def engine_band(self, known: Known) -> str:
        """The goal's band by the engine."""
        return certainty.band(self.engine.evidence(known).cfs.get(self.goal, 0.0))


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
    floor, counts = Floor(args.rules), []
    print("| scenario | band | at least | sizes of the sets |")
    print("|---|---|---:|---|")
    for path in scenarios():
        known = file_answers(floor, path)
        found = floor.sets(known)
        counts.append(len(found))
        sizes = ", ".join(str(len(s)) for s in found)
        print(f"| {path.stem} | {floor.engine_band(known)} | {len(found)} | {sizes} |")
    print(f"\nat least: median {statistics.median(counts):g}, max {max(counts)}")


if __name__ == "__main__":
    main()
