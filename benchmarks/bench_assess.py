"""Time `summit assess` on the default scenario: warm evaluation, engine build, cold start.

Run with `uv run python benchmarks/bench_assess.py [--runs 300] [--cold-runs 7]`.
Numbers go in docs/performance.md (Evaluation, Assess); tests never assert on time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import describe, wait_until_quiet

from expert import api, compiler
from expert.api import fact_model
from expert.engine import Evaluator
from expert.knowledge import load_knowledge_base
from expert.paths import rules_dir

FactFile = fact_model()

ROOT = Path(__file__).resolve().parent.parent


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed(func, runs: int) -> list[float]:
    """Wall times of `runs` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def build_engine(kb) -> Evaluator:
    compiler._CLASSES.clear()  # compile the class again, as a fresh process would
    return Evaluator(kb)


def cold_start() -> None:
    command = [sys.executable, "-m", "expert", "assess"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


def line(name: str, samples: list[float]) -> str:
    median, p95 = statistics.median(samples), percentile(samples, 95)
    return f"| {name} | {len(samples)} | {median:.2f} | {p95:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="warm evaluations")
    parser.add_argument("--builds", type=int, default=20, help="engine builds")
    parser.add_argument("--cold-runs", type=int, default=7, help="`summit assess` processes")
    args = parser.parse_args()
    wait_until_quiet()
    kb, facts = api.knowledge_base(), api.load_facts()
    evaluator = Evaluator(kb)
    evaluator.evaluate(facts)  # warm up
    result = evaluator.evaluate(facts)
    print(describe())
    print(f"knowledge base: {len(kb.rules)} rules, {len(kb.conclusions)} conclusions, "
          f"{kb.content_hash}; default scenario: {len(result.facts)} known facts, "
          f"{len(result.trace)} firings")  # fmt: skip
    print("\n| measure | runs | median ms | p95 ms |\n|---|---|---|---|")
    print(line("warm evaluation (engine reused)", timed(lambda: evaluator.evaluate(facts), args.runs)))  # fmt: skip
    print(line("engine build (compile + KnowledgeEngine())", timed(lambda: build_engine(kb), args.builds)))  # fmt: skip
    print(line("knowledge base load (rules/ read and checked)", timed(lambda: load_knowledge_base(rules_dir(), FactFile), args.builds)))  # fmt: skip
    print(line("cold start: python -m expert assess", timed(cold_start, args.cold_runs)))


if __name__ == "__main__":
    main()
