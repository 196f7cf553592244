"""WHY-NOT on every conclusion and `sensitivity`, in units of one warm evaluation, for this
checkout and another side by side.

Run with `uv run python benchmarks/bench_interactive.py [--base BASE_DIR] [--no-record]`,
where BASE_DIR holds another commit's files, for example
`git worktree add --detach /tmp/interactive-base main`. Each tree runs in a worker
process of its own (this environment's interpreter, the tree first on the path); the
scenarios go to the two workers in turn, so that a busy moment slows both alike. For
each scenario a worker times the median of 30 warm evaluations, then `api.explain(...,
why_not=name)` once for every conclusion of the knowledge base (a conclusion already
reached gets no search), then `sensitivity` once; each is reported in warm evaluations
of the same scenario, by CPU time, which other programs on the machine disturb least.
Goals (issue 16): every WHY-NOT within 100 warm evaluations, `sensitivity` within 50.
Numbers go in docs/performance.md; tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_RUNS = 30
WHY_NOT_GOAL, SENSITIVITY_GOAL = 100, 50


# --- The worker: runs in the tree it measures ---------------------------------------------


def cpu_ms(call) -> tuple[float, object]:
    """CPU milliseconds of one call, and what it returned."""
    start = time.process_time()
    found = call()
    return (time.process_time() - start) * 1000, found


def exhaustive(search: dict | None, size: int) -> str:
    """Whether every set of `size` changes was tried: yes, no (the budget ran out), not
    needed (a smaller set reaches the goal) or enough found (the search stopped at this,
    the smallest size, once it had its solutions)."""
    if search is None:
        return "no search"
    entry = next((s for s in search["sizes"] if s["size"] == size), None)
    smallest = min((len(s["changes"]) for s in search["solutions"]), default=None)
    if entry is None:
        return "not needed" if search["found"] else "no"
    if entry["tried"] < entry["of"]:
        return "enough found" if smallest == size else "no"
    return "yes"


def plain(found) -> dict:
    """A result as the data `--format json` prints: a record's dump, or a dict as it is
    (the library returned dicts before its results became records)."""
    return found.dump() if hasattr(found, "dump") else found


def measure(path: str) -> dict:
    """Warm evaluation, WHY-NOT on every conclusion and sensitivity of one scenario."""
    from expert import api
    from expert.whatif import sensitivity

    evaluator, kb, facts = api.evaluator(), api.knowledge_base(), api.load_facts(path)
    for _ in range(5):
        evaluator.evaluate(facts)
    warm = statistics.median(cpu_ms(lambda: evaluator.evaluate(facts))[0] for _ in range(WARM_RUNS))
    why_not = []
    for name in sorted(kb.conclusions):
        ms, data = cpu_ms(lambda name=name: api.explain(facts, why_not=name))
        search = plain(data)["why_not"]["counterfactual"]
        why_not.append(
            {
                "name": name,
                "ms": ms,
                "searched": search is not None,
                "evaluations": search["evaluations"] if search else 0,
                "budget_hit": bool(search) and not search["complete"],
                "exhaustive": [exhaustive(search, 1), exhaustive(search, 2)],
            }
        )
    ms, report = cpu_ms(lambda: sensitivity(evaluator, facts))
    return {"warm": warm, "why_not": why_not, "sensitivity": ms, "variants": plain(report)["tried"]}


def worker(root: Path) -> None:
    """Answer one JSON line per scenario path read from stdin."""
    sys.path.insert(0, str(root))
    for line in sys.stdin:
        print(json.dumps(measure(line.strip())), flush=True)


# --- The driver -----------------------------------------------------------------------------


class Tree:
    """A worker process measuring one checkout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(root)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def measure(self, path: Path) -> dict:
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the worker for {self.root} stopped (see its error above)")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def units(report: dict) -> list[float]:
    """Each WHY-NOT's time in warm evaluations of its scenario."""
    return [w["ms"] / report["warm"] for w in report["why_not"]]


def row(name: str, new: dict, old: dict | None) -> list[str]:
    """One scenario: warm evaluation, WHY-NOT median and max, sensitivity; old / new."""

    def pair(fmt: str, pick) -> str:
        return fmt.format(pick(new)) + ("" if old is None else " / " + fmt.format(pick(old)))

    searched = [w for w in new["why_not"] if w["searched"]]
    kinds = [set(w["exhaustive"]) for w in searched]
    full = sum(k <= {"yes", "not needed"} for k in kinds)
    enough = sum("enough found" in k for k in kinds)
    return [
        name,
        pair("{:.2f}", lambda r: r["warm"]),
        pair("{:.1f}", lambda r: statistics.median(units(r))),
        pair("{:.1f}", lambda r: max(units(r))),
        pair("{:.0f}", lambda r: max(w["ms"] for w in r["why_not"])),
        f"{len(searched)}: {full} / {enough} / {sum('no' in k for k in kinds)}",
        pair("{:.1f}", lambda r: r["sensitivity"] / r["warm"]),
    ]


HEADER = [
    "scenario",
    "warm eval ms",
    "WHY-NOT median (evals)",
    "WHY-NOT max (evals)",
    "WHY-NOT max ms",
    "searched: sizes 1-2 exhaustive / stopped with enough / not exhaustive",
    "sensitivity (evals)",
]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" + "---:|" * (len(HEADER) - 1)]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def summary(reports: list[dict], label: str) -> str:
    every = [u for r in reports for u in units(r)]
    sens = [r["sensitivity"] / r["warm"] for r in reports]
    return (
        f"{label}: WHY-NOT over {len(every)} conclusions: median {statistics.median(every):.1f}, "
        f"max {max(every):.1f} warm evaluations (goal <= {WHY_NOT_GOAL}: "
        f"{'met' if max(every) <= WHY_NOT_GOAL else 'not met'}); sensitivity median "
        f"{statistics.median(sens):.1f}, max {max(sens):.1f} (goal <= {SENSITIVITY_GOAL}: "
        f"{'met' if max(sens) <= SENSITIVITY_GOAL else 'not met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout, measured side by side")
    parser.add_argument("--no-record", action="store_true", help="skip facts/record/")
    parser.add_argument("--limit", type=int, help="only the first LIMIT scenarios")
    parser.add_argument("--patience", type=float, default=120.0)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from machine import describe, wait_until_quiet

    print(describe())
    share = wait_until_quiet(patience=args.patience)
    print(f"other programs at the start: {'unknown' if share is None else f'{share:.0%}'}")
    scenarios = sorted((ROOT / "facts").glob("*.yaml"))
    scenarios += [] if args.no_record else sorted((ROOT / "facts" / "record").glob("*.yaml"))
    scenarios = scenarios[: args.limit]
    new, old = Tree(ROOT), Tree(args.base.resolve()) if args.base else None
    rows, reports = [], {"new": [], "old": []}
    for path in scenarios:
        name = str(path.relative_to(ROOT / "facts"))
        base = old.measure(path.relative_to(ROOT)) if old else None
        report = new.measure(path.relative_to(ROOT))
        reports["new"].append(report)
        reports["old"] += [base] if base else []
        rows.append(row(name, report, base))
        print(" | ".join(rows[-1]), flush=True)
    for tree in (new, old):
        if tree:
            tree.close()
    print("\n" + ("new / old, " if old else "") + "CPU time; (evals) = warm evaluations\n")
    print(markdown(rows) + "\n")
    print(summary(reports["new"], "this checkout"))
    if old:
        print(summary(reports["old"], f"base {args.base}"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(Path(sys.argv[2]))
    else:
        main()
