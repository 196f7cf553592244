"""Time this checkout against another, side by side: cold `summit assess`, warm evaluation.

Run with `uv run python benchmarks/compare.py BASE_DIR [--rounds 15] [--runs 200]`,
where BASE_DIR holds another commit's files, for example
`mkdir /tmp/base && git archive <commit> | tar -x -C /tmp/base`. Both trees run
with this environment's interpreter and packages. The rounds interleave the two
trees (one, then the other), so that a busy moment slows both alike; each round
gives one cold start (wall and CPU time) and the mean CPU time of `--runs` warm
evaluations per tree; CPU time is what other programs on the machine disturb least.
Numbers go in docs/performance.md as ratios; tests never assert on time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import describe, wait_until_quiet

ROOT = Path(__file__).resolve().parent.parent

WARM = """
import statistics, sys, time
from expert import api
evaluator, facts = api.evaluator(), api.load_facts()
evaluator.evaluate(facts)
samples = []
for _ in range(int(sys.argv[1])):
    start = time.process_time()
    evaluator.evaluate(facts)
    samples.append(time.process_time() - start)
print(statistics.mean(samples) * 1000)
"""

LOAD = """
import time
start = time.process_time()
from expert import api
api.knowledge_base()
print((time.process_time() - start) * 1000)
"""


def run(tree: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, check=True, capture_output=True, text=True
    )


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cold_start(tree: Path) -> tuple[float, float]:
    """Wall and CPU milliseconds of one `python -m expert assess` process in `tree`."""
    start, cpu = time.perf_counter(), children_cpu()
    run(tree, ["-m", "expert", "assess"])
    return (time.perf_counter() - start) * 1000, (children_cpu() - cpu) * 1000


def measure(tree: Path, runs: int) -> dict[str, float]:
    """One round in one tree: cold start, import and load of the knowledge base, warm."""
    wall, cpu = cold_start(tree)
    return {
        "cold": wall,
        "cold_cpu": cpu,
        "load": float(run(tree, ["-c", LOAD]).stdout),
        "warm": float(run(tree, ["-c", WARM, str(runs)]).stdout),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the other commit's files")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=200, help="warm evaluations per round")
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": ROOT}
    same = [run(t, ["-m", "expert", "assess", "--format", "json"]).stdout for t in trees.values()]
    print(describe())
    print(f"same assess output in both trees: {same[0] == same[1]}")
    wait_until_quiet()
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            rounds[name].append(measure(tree, args.runs))
    print("\n| measure | base median ms | this median ms | this / base |\n|---|---:|---:|---:|")
    labels = {
        "cold": "cold start: python -m expert assess (wall)",
        "cold_cpu": "cold start: python -m expert assess (CPU)",
        "load": "import expert.api + load the knowledge base (CPU)",
        "warm": "warm evaluation, mean of a round (CPU)",
    }
    for key, label in labels.items():
        base, this = (statistics.median(r[key] for r in rounds[n]) for n in trees)
        print(f"| {label} | {base:.2f} | {this:.2f} | {this / base:.3f} |")


if __name__ == "__main__":
    main()
