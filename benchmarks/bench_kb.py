"""Time loading, compiling and evaluating the live knowledge base over every scenario.

Run: uv run python benchmarks/bench_kb.py
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(rounds: int = 20) -> None:
    """Print the load and build times and the mean time of one evaluation."""
    start = time.perf_counter()
    from expert import api

    kb = api.knowledge_base()
    loaded = time.perf_counter()
    evaluator = api.evaluator()
    built = time.perf_counter()
    facts = [api.load_facts(p) for p in sorted((ROOT / "facts").glob("*.yaml"))]
    for fact_file in facts:
        evaluator.evaluate(fact_file)  # warm up
    timed = time.perf_counter()
    for _ in range(rounds):
        for fact_file in facts:
            evaluator.evaluate(fact_file)
    done = time.perf_counter()
    per = (done - timed) / (rounds * len(facts))
    print(f"{len(kb.rules)} rules, {len(kb.conclusions)} conclusions, {len(facts)} scenarios")
    print(f"import + load: {1000 * (loaded - start):.0f} ms")
    print(f"compile engine: {1000 * (built - loaded):.0f} ms")
    print(f"one evaluation: {1000 * per:.1f} ms")


if __name__ == "__main__":
    main()
