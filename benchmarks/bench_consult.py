"""Response time of `summit consult` after an answer, with the full knowledge base.

Plays whole consultations (answers chosen by a fixed pattern, some `unknown`) and
times, for every answer, `answer()` (record, save, verdict line) plus
`next_question()` (relevance and ranking of what is left): what a user waits for.

    uv run python benchmarks/bench_consult.py [--rules DIR] [--runs N]
    uv run python benchmarks/bench_consult.py --synthetic 120   # a generated, bigger KB
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from machine import describe, wait_until_quiet

from expert import api
from expert.api import fact_model
from expert.facts import catalogue

FactFile = fact_model()


def play(rules: str | None, pattern: int, folder: Path) -> tuple[list[float], int]:
    """One consultation; the time of each answer's response, in ms, and the questions."""
    session = api.consultation(save=folder / f"run-{pattern}.yaml", rules=rules)
    times: list[float] = []
    question = session.next_question()
    while question is not None:
        n = len(times)
        choice = (
            "unknown"
            if (n + pattern) % 7 == 0
            else str(1 + (n * 3 + pattern) % len(question.choices))
        )
        start = time.perf_counter()
        session.answer(choice)
        question = session.next_question()
        times.append((time.perf_counter() - start) * 1000)
    return times, len(times)


def synthetic(size: int, folder: Path) -> str:
    """A random knowledge base of `size` rules over the real fact model (seeded)."""
    rng, fields = random.Random(1), catalogue(FactFile)
    paths = list(fields)

    def test(path: str) -> dict:
        spec = fields[path]
        if spec.kind == "ordinal":
            return {"field": path, rng.choice(["at_least", "at_most"]): rng.choice(spec.values[1:])}
        return {"field": path, "is": rng.choice(spec.values)}

    def make(i: int, when: list, target: str) -> dict:
        then = [{"conclude": target, "cf": round(rng.uniform(-0.8, 0.8), 2) or 0.1}]
        return {
            "id": f"r{i}",
            "title": f"Rule {i}",
            "paragraphs": ["S0.P1"],
            "rationale": "Generated for the benchmark.",
            "when": when,
            "then": then,
        }

    rules = []
    for i in range(size):
        if i < size * 3 // 4:  # rules on fields, some with any / not, like the real ones
            when = [test(rng.choice(paths)) for _ in range(rng.choice([1, 1, 2, 2, 3]))]
            if i % 5 == 0:
                when = [{"any": [test(rng.choice(paths)), test(rng.choice(paths))]}]
            elif i % 7 == 0:
                when.append({"not": test(rng.choice(paths))})
            target = f"c{rng.randrange(10)}" if rng.random() < 0.5 else "verdict"
        else:  # rules on conclusions, some with a field too, some against a conclusion
            when = [{"conclusion": f"c{rng.randrange(10)}"}]
            if i % 3 == 0:
                when.append(test(rng.choice(paths)))
            elif i % 4 == 0:
                when = [{"conclusion": f"c{rng.randrange(10)}", "max_cf": -0.3}]
            elif i % 5 == 0:
                when.append({"conclusion": f"c{rng.randrange(10)}", "min_cf": 0.5})
            target = "verdict"
        rules.append(make(i, when, target))
    names = ["verdict", *(f"c{i}" for i in range(10))]
    conclusions = [
        {"name": n, "kind": "intermediate", "category": "all", "title": f"Conclusion {n}"}
        for n in names
    ]
    manifest = {
        "name": "synthetic",
        "source": "generated",
        "verdict": "verdict",
        "categories": [{"id": "all", "title": "All"}],
    }
    (folder / "knowledge-base.yaml").write_text(yaml.safe_dump(manifest))
    (folder / "rules.yaml").write_text(yaml.safe_dump({"conclusions": conclusions, "rules": rules}))
    return str(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="knowledge base folder (default: rules/)")
    parser.add_argument("--runs", type=int, default=12, help="consultations to play")
    parser.add_argument("--synthetic", type=int, default=0, help="generate a KB of N rules")
    args = parser.parse_args()
    wait_until_quiet()
    print(describe())
    if args.synthetic:
        args.rules = synthetic(args.synthetic, Path(tempfile.mkdtemp()))
    kb = api.knowledge_base(args.rules)
    start = time.perf_counter()
    first = api.consultation(
        save=Path(tempfile.gettempdir()) / "bench-first.yaml", rules=args.rules
    )
    first.next_question()
    opening = (time.perf_counter() - start) * 1000
    times: list[float] = []
    asked: list[int] = []
    with tempfile.TemporaryDirectory() as folder:
        for pattern in range(args.runs):
            found, count = play(args.rules, pattern, Path(folder))
            times += found
            asked.append(count)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"knowledge base: {len(kb.rules)} rules, {len(kb.fields)} fields, {kb.content_hash}")
    print(f"first question (engine and knowledge base already loaded): {opening:.1f} ms")
    print(
        f"consultations: {args.runs}, questions asked: {min(asked)}-{max(asked)}, answers timed: {len(times)}"
    )
    print(
        f"response after an answer: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
