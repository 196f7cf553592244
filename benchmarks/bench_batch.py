"""Files per second of `summit batch` with one and two worker processes.

Generates (once, seeded) N random valid scenario files, evaluates them all with
--jobs 1 and --jobs 2 through the same library call the command makes, and
prints the rates, the parallel efficiency (rate with 2 / twice the rate with 1)
and where the time of one file goes (read, validate, evaluate). The machine may be
shared: the CPU time per file (this process and its workers) tells parallel overhead
apart from other programs taking the cores; the load average is printed too.

    uv run python benchmarks/bench_batch.py                    # 10,000 files, built-in rules/
    uv run python benchmarks/bench_batch.py --files 2000 --rules path/to/rules
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from generate import generate

from expert import api
from expert.engine import Evaluator
from expert.facts import validate_document
from expert.source import read_document


def rate(folder: Path, rules: str | None, jobs: int) -> tuple[float, float, int]:
    """Files per second for one whole batch (pool start-up included), CPU ms per file
    (this process and its workers), and the failures."""
    started, cpu = time.perf_counter(), _cpu()
    report = api.batch([str(folder)], rules=rules, jobs=jobs)
    seconds = time.perf_counter() - started
    done = len(report.rows)
    return done / seconds, 1000 * (_cpu() - cpu) / done, report.failed


def _cpu() -> float:
    """CPU seconds used by this process and its finished children, whatever else runs."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stages(paths: list[Path], rules: str | None) -> dict[str, float]:
    """Milliseconds per file spent reading, validating and evaluating, in this process."""
    kb = api.knowledge_base(rules)
    evaluator = Evaluator(kb)
    spent = {"read": 0.0, "validate": 0.0, "evaluate": 0.0}
    for path in paths:
        t0 = time.perf_counter()
        doc = read_document(path)
        t1 = time.perf_counter()
        facts = validate_document(doc, kb.model)
        t2 = time.perf_counter()
        evaluator.evaluate(facts)
        t3 = time.perf_counter()
        for stage, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            spent[stage] += seconds
    return {stage: 1000 * seconds / len(paths) for stage, seconds in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rules", default=None, help="knowledge base folder (default: rules/)")
    parser.add_argument("--folder", type=Path, default=None, help="where the files go")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.gettempdir()) / f"summit-bench-{args.files}-{args.seed}"
    paths = sorted(folder.glob("scenario-*"))
    if len(paths) != args.files:
        paths = generate(args.files, folder, args.seed)
    kb = api.knowledge_base(args.rules)
    print(
        f"{args.files} files, {len(kb.rules)} rules, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}"
    )
    split = stages(paths[:500], args.rules)
    print("per file: " + ", ".join(f"{k} {v:.2f} ms" for k, v in split.items()))
    one, cpu_one, failed = rate(folder, args.rules, 1)
    two, cpu_two, _ = rate(folder, args.rules, 2)
    print(f"--jobs 1: {one:.0f} files/s, {cpu_one:.2f} CPU ms/file; failed: {failed}")
    print(f"--jobs 2: {two:.0f} files/s, {cpu_two:.2f} CPU ms/file (workers and parent)")
    print(
        f"parallel efficiency: {two / (2 * one):.0%} by the clock, {cpu_one / cpu_two:.0%} by CPU time"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
