"""Files per second of `summit batch`, this code against another checkout, side by side.

Generates (once, seeded; kept in the temporary folder for the next run) N random valid
scenario files of two kinds, half-known and rich (`generate.py --rich`), for each checkout's
own fact model, then evaluates them with --jobs 1 and --jobs 2 through the call `summit
batch` makes (`api.batch`: pool start-up and row collection included), in a fresh process
of each checkout's own environment. Runs are interleaved (this code, then the other, for
each kind and number of jobs), --repeat times, so that both see the same load. Per run it
records files per second, CPU milliseconds per file (the process and its workers), the
share of the cores other programs took meanwhile (from /proc/stat), and a hash of the rows,
which must be the same for any number of jobs. Then the medians, this code's rate over the
other's, the parallel efficiency (rate with 2 jobs / twice the rate with 1, by the clock and
by CPU time), and where one file's time goes in this code (read, validate, evaluate, row,
write).

    git worktree add --detach /tmp/first-release 19caae6 && (cd /tmp/first-release && uv sync)
    uv run python benchmarks/bench_batch.py --base /tmp/first-release   # 10,000 files, 3 runs
    uv run python benchmarks/bench_batch.py --files 2000 --repeat 1      # this code alone
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from machine import Meter, describe, wait_until_quiet

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("half-known", "rich")

DRIVER = """
import hashlib, json, resource, sys, time
from expert import api
folder, jobs = sys.argv[1], int(sys.argv[2])
api.knowledge_base()
def cpu():
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
start, used = time.perf_counter(), cpu()
report = api.batch([folder], jobs=jobs)
seconds, used = time.perf_counter() - start, cpu() - used
rows = json.dumps(report.rows).encode()
print(json.dumps({"rate": len(report.rows) / seconds, "cpu_ms": 1000 * used / len(report.rows),
    "failed": report.failed, "rows": hashlib.sha256(rows).hexdigest()[:16]}))
"""


def python_of(tree: Path) -> str:
    """The interpreter of a checkout's own environment (`uv sync` made it)."""
    return str(tree / ".venv" / "bin" / "python")


def files_for(tree: Path, name: str, kind: str, count: int, seed: int) -> Path:
    """The folder of `count` generated files of `kind` for the checkout's own fact model."""
    folder = Path(tempfile.gettempdir()) / f"summit-bench-{name}-{kind}-{count}-{seed}"
    if len(list(folder.glob("scenario-*"))) != count:
        rich = ["--rich"] if kind == "rich" else []
        script = str(ROOT / "benchmarks" / "generate.py")
        command = [python_of(tree), script, str(count), str(folder), "--seed", str(seed), *rich]
        subprocess.run(command, cwd=tree, check=True, capture_output=True)
    return folder


def timed_run(tree: Path, folder: Path, jobs: int) -> dict:
    """One whole batch in a fresh process of `tree`, and other programs' share meanwhile."""
    with Meter() as meter:
        done = subprocess.run(
            [python_of(tree), "-c", DRIVER, str(folder), str(jobs)],
            cwd=tree,
            check=True,
            capture_output=True,
            text=True,
        )
    run = json.loads(done.stdout.splitlines()[-1])
    return {**run, "others": meter.others if meter.others is not None else float("nan")}


def stages(folder: Path, count: int = 500) -> dict[str, float]:
    """Milliseconds per file spent reading, validating, evaluating, building the row and
    writing it (as JSON), in this process, with this code."""
    # Long because each stage's clock mark sits between its two steps.
    from expert import api
    from expert.batch import result_row
    from expert.engine import Evaluator
    from expert.facts import validate_document
    from expert.source import read_document

    kb = api.knowledge_base()
    evaluator = Evaluator(kb)
    spent = dict.fromkeys(("read", "validate", "evaluate", "row", "write"), 0.0)
    paths = sorted(folder.glob("scenario-*"))[:count]
    for path in paths:
        marks = [time.perf_counter()]
        doc = read_document(path, located=False)  # as load_fact_file reads it
        marks.append(time.perf_counter())
        facts = validate_document(doc, kb.model)
        marks.append(time.perf_counter())
        result = evaluator.evaluate(facts)
        marks.append(time.perf_counter())
        row = result_row(str(path), result, kb)
        marks.append(time.perf_counter())
        json.dumps(row)
        marks.append(time.perf_counter())
        for stage, (a, b) in zip(spent, itertools.pairwise(marks), strict=True):
            spent[stage] += b - a
    return {stage: 1000 * seconds / len(paths) for stage, seconds in spent.items()}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def summary(runs: dict, trees: dict[str, Path], kind: str) -> list[str]:
    """The medians of one kind of file, the ratio to the base, and the efficiencies."""
    lines = [f"\n{kind}: medians of {len(runs[('this', kind, 1)])} runs"]
    rate = {(t, j): median(runs[(t, kind, j)], "rate") for t in trees for j in (1, 2)}
    cpu = {(t, j): median(runs[(t, kind, j)], "cpu_ms") for t in trees for j in (1, 2)}
    for tree in trees:
        same = len({r["rows"] for j in (1, 2) for r in runs[(tree, kind, j)]}) == 1
        lines.append(
            f"  {tree}: --jobs 1 {rate[(tree, 1)]:.0f} files/s, --jobs 2 {rate[(tree, 2)]:.0f}; "
            f"efficiency {rate[(tree, 2)] / (2 * rate[(tree, 1)]):.0%} by the clock, "
            f"{cpu[(tree, 1)] / cpu[(tree, 2)]:.0%} by CPU time; "
            f"rows identical for any jobs: {'yes' if same else 'NO'}"
        )
    if "base" in trees:
        for jobs in (1, 2):
            ratio = rate[("this", jobs)] / rate[("base", jobs)]
            cheaper = cpu[("base", jobs)] / cpu[("this", jobs)]
            lines.append(
                f"  this / base, --jobs {jobs}: {ratio:.2f}x the files/s, "
                f"{cheaper:.2f}x less CPU per file"
            )
    return lines


def main() -> None:
    # Long but flat: options, files, the stages, the interleaved runs, the summaries.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--base", type=Path, default=None, help="another checkout, synced")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs for each number of jobs")
    parser.add_argument("--patience", type=float, default=30, help="seconds to wait for quiet")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"base": args.base.resolve()} if args.base else {})}
    folders = {
        (name, kind): files_for(tree, name, kind, args.files, args.seed)
        for name, tree in trees.items()
        for kind in KINDS
    }
    print(describe())
    print(f"{args.files} files of each kind; trees: " + ", ".join(f"{k} {v}" for k, v in trees.items()))  # fmt: skip
    for kind in KINDS:
        split = stages(folders[("this", kind)])
        print(f"this code, one {kind} file: " + ", ".join(f"{k} {v:.2f} ms" for k, v in split.items()))  # fmt: skip
    print("\n| kind | tree | jobs | files/s | CPU ms/file | other programs | failed | rows |")
    print("|---|---|---|---|---|---|---|---|")
    runs: dict = {(t, k, j): [] for t in trees for k in KINDS for j in (1, 2)}
    for _ in range(args.repeat):
        for kind in KINDS:
            for jobs in (1, 2):
                for name, tree in trees.items():
                    wait_until_quiet(patience=args.patience)
                    run = timed_run(tree, folders[(name, kind)], jobs)
                    runs[(name, kind, jobs)].append(run)
                    print(f"| {kind} | {name} | {jobs} | {run['rate']:.0f} | {run['cpu_ms']:.2f} | {run['others']:.0%} | {run['failed']} | {run['rows']} |", flush=True)  # fmt: skip
    for kind in KINDS:
        print("\n".join(summary(runs, trees, kind)))


if __name__ == "__main__":
    main()
