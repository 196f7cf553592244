"""Files per second of `summit batch` with one and two worker processes.

Generates (once, seeded; kept in the temporary folder for the next run) N random valid
scenario files, then evaluates them all with --jobs 1 and --jobs 2 through the call
`summit batch` makes, pool start-up and row collection included, --repeat times each.
It prints, per run: files per second, CPU milliseconds per file (this process and its
workers), and the share of the cores other programs took meanwhile (from /proc/stat),
which tells parallel overhead apart from a busy machine. Then the medians, the parallel
efficiency (rate with 2 jobs / twice the rate with 1) and where the time of one file goes
(read, validate, evaluate). Before each run it waits, up to --patience seconds, until other
programs use less than a tenth of the cores.

    uv run python benchmarks/bench_batch.py                  # 10,000 files, rules/, 3 runs each
    uv run python benchmarks/bench_batch.py --files 2000 --repeat 1 --rules path/to/rules
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from generate import generate
from machine import Meter, describe, wait_until_quiet

from expert import api
from expert.engine import Evaluator
from expert.facts import validate_document
from expert.source import read_document


def timed_run(folder: Path, rules: str | None, jobs: int) -> dict[str, float]:
    """One whole batch: files/s, CPU ms per file, others' share of the cores, failures."""
    with Meter() as meter:
        report = api.batch([str(folder)], rules=rules, jobs=jobs)
    done = len(report.rows)
    return {
        "rate": done / meter.seconds,
        "cpu_ms": 1000 * meter.cpu / done,
        "others": meter.others if meter.others is not None else float("nan"),
        "failed": report.failed,
    }


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
    parser.add_argument("--repeat", type=int, default=3, help="runs for each number of jobs")
    parser.add_argument("--patience", type=float, default=120, help="seconds to wait for quiet")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.gettempdir()) / f"summit-bench-{args.files}-{args.seed}"
    paths = sorted(folder.glob("scenario-*"))
    if len(paths) != args.files:
        paths = generate(args.files, folder, args.seed)
    kb = api.knowledge_base(args.rules)
    print(describe())
    print(f"{args.files} files in {folder}, {len(kb.rules)} rules, {kb.content_hash}")
    split = stages(paths[:500], args.rules)
    print("one file: " + ", ".join(f"{k} {v:.2f} ms" for k, v in split.items()))
    print("\n| jobs | files/s | CPU ms/file | other programs | failed |\n|---|---|---|---|---|")
    runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for jobs in runs:
            wait_until_quiet(patience=args.patience)
            run = timed_run(folder, args.rules, jobs)
            runs[jobs].append(run)
            print(f"| {jobs} | {run['rate']:.0f} | {run['cpu_ms']:.2f} | {run['others']:.0%} | {run['failed']:.0f} |")  # fmt: skip
    one, two = (statistics.median(r["rate"] for r in runs[j]) for j in (1, 2))
    cpu_one, cpu_two = (statistics.median(r["cpu_ms"] for r in runs[j]) for j in (1, 2))
    print(f"\nmedian of {args.repeat}: --jobs 1 {one:.0f} files/s, --jobs 2 {two:.0f} files/s")
    print(f"parallel efficiency: {two / (2 * one):.0%} by the clock, {cpu_one / cpu_two:.0%} by CPU time")  # fmt: skip


if __name__ == "__main__":
    main()
