"""Time importing and loading the live knowledge base, compiling its engine, and one
evaluation of each scenario in facts/ (the median over rounds of the mean per scenario).

Run: uv run python benchmarks/bench_kb.py
"""

from __future__ import annotations

import time
from pathlib import Path

from machine import describe, wait_until_quiet

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int = 20) -> None:
    """Print the load and build times and the time of one evaluation."""
    wait_until_quiet()
    start = time.perf_counter()
    from expert import api

    kb = api.knowledge_base()
    loaded = time.perf_counter()
    evaluator = api.evaluator()
    built = time.perf_counter()
    facts = [api.load_facts(p) for p in sorted((ROOT / "facts").glob("*.yaml"))]
    for fact_file in facts:
        evaluator.evaluate(fact_file)  # warm up
    means = []
    for _ in range(rounds):
        timed = time.perf_counter()
        for fact_file in facts:
            evaluator.evaluate(fact_file)
        means.append((time.perf_counter() - timed) / len(facts))
    per = sorted(means)[len(means) // 2]
    print(describe())
    print(f"{len(kb.rules)} rules, {len(kb.conclusions)} conclusions, {len(facts)} scenarios")
    print(f"import + load: {1000 * (loaded - start):.0f} ms")
    print(f"compile engine: {1000 * (built - loaded):.0f} ms")
    print(f"one evaluation (median of {rounds} rounds over the scenarios): {1000 * per:.2f} ms")


if __name__ == "__main__":
    main()
