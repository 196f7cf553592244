"""Time `summit check` on synthetic knowledge bases: loading versus the analyses.

Run: uv run python benchmarks/check_bench.py [RULES ...]
Each base has RULES rules over the real fact model, each testing two fields and
concluding one of five conclusions, so the pairwise comparisons are exercised.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml
from machine import describe, wait_until_quiet

from expert.api import fact_model
from expert.check import _Analysis, check_knowledge_base
from expert.facts import catalogue
from expert.knowledge import load_knowledge_base

FactFile = fact_model()

MANIFEST = {
    "name": "benchmark",
    "source": "synthetic",
    "verdict": "c0",
    "categories": [{"id": "main", "title": "Main"}],
}


def write(directory: Path, count: int) -> None:
    """A synthetic base of `count` rules."""
    fields = [(path, spec) for path, spec in catalogue(FactFile).items()]
    rules = []
    for i in range(count):
        (f1, s1), (f2, _) = fields[i % len(fields)], fields[(i * 7 + 3) % len(fields)]
        when = [{"field": f1, "is": s1.values[i % len(s1.values)]}, {"field": f2, "known": True}]
        then = [{"conclude": f"c{i % 5}", "cf": 0.3 if i % 3 else -0.3}]
        rules.append(
            {
                "id": f"r{i}",
                "title": "A rule",
                "paragraphs": ["S1.P1"],
                "rationale": "Synthetic.",
                "when": when,
                "then": then,
            }
        )
    conclusions = [
        {"name": f"c{i}", "kind": "hypothesis", "category": "main", "title": "A conclusion"}
        for i in range(5)
    ]
    (directory / "knowledge-base.yaml").write_text(yaml.safe_dump(MANIFEST))
    (directory / "rules.yaml").write_text(
        yaml.safe_dump({"conclusions": conclusions, "rules": rules})
    )


def main(sizes: list[int]) -> None:
    wait_until_quiet()
    print(describe())
    load_knowledge_base(Path(__file__).parent.parent / "rules", FactFile)  # warm up imports
    print("milliseconds, median of 3 runs\n")
    print("| rules | load | analyses | whole check | findings |\n|---:|---:|---:|---:|---:|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write(Path(tmp), size)
            runs = [timed(tmp) for _ in range(3)]
        load, analyses, whole = (sorted(run[i] for run in runs)[1] for i in range(3))
        print(f"| {size} | {load:.0f} | {analyses:.0f} | {whole:.0f} | {runs[0][3]} |")


def timed(folder: str) -> tuple[float, float, float, int]:
    """Milliseconds to load, to analyse, and to check as `summit check` does; the findings."""
    t0 = time.perf_counter()
    kb = load_knowledge_base(folder, FactFile)
    t1 = time.perf_counter()
    _Analysis(kb).run()
    t2 = time.perf_counter()
    report = check_knowledge_base(folder, FactFile)
    t3 = time.perf_counter()
    return 1000 * (t1 - t0), 1000 * (t2 - t1), 1000 * (t3 - t2), len(report.findings)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 300, 1000])
