"""Response time of `summit consult` after an answer, with the full knowledge base.

Plays whole consultations (answers chosen by a fixed pattern, some `unknown`) and
times, for every answer, `answer()` (record, save, verdict line) plus
`next_question()` (relevance and ranking of what is left): what a user waits for.

    uv run python benchmarks/bench_consult.py [--rules DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from expert import api


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="knowledge base folder (default: rules/)")
    parser.add_argument("--runs", type=int, default=12, help="consultations to play")
    args = parser.parse_args()
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
