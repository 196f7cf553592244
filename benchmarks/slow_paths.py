"""The slow paths found by trying hostile input, each timed as a whole command.

Run: uv run python benchmarks/slow_paths.py [--runs 3] [--root TREE ...] [--timeout 60]
(`--root`, repeatable, runs other checkouts' code, such as an older commit's; each case is
run for every checkout in turn, so that they share the machine's load alike.)
Each case runs `python -m expert …` in a fresh process (start-up included) and prints
the median wall and CPU time of the runs, with the exit code and the last line of output.
The inputs are generated in a temporary folder: a 3,000-rule knowledge base (the one
`check_bench.py` writes), 120,000 values in 240 KB, 40,000 unknown keys, and a rule
whose `any` blocks would expand into 4 ** 7 engine branches.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from check_bench import write as write_rules
from machine import describe, wait_until_quiet

ROOT = Path(__file__).resolve().parent.parent


def inputs(folder: Path) -> dict[str, list[str]]:
    """Each case's command-line arguments, its inputs written under `folder`."""
    (folder / "kb3000").mkdir()
    write_rules(folder / "kb3000", 3000)
    (folder / "values.yaml").write_text("scenario:\n  notes: [" + "0," * 120_000 + "]\n")
    (folder / "keys.yaml").write_text("".join(f"k{i}: 1\n" for i in range(40_000)))
    huge = folder / "huge"
    huge.mkdir()
    (huge / "knowledge-base.yaml").write_bytes((folder / "kb3000/knowledge-base.yaml").read_bytes())
    levels = ["none", "low", "moderate", "high"]
    when = [{"any": [{"field": "climate.crisis", "is": v} for v in levels]} for _ in range(7)]
    rule = {"id": "huge", "title": "A huge rule", "paragraphs": ["S1.P1"], "when": when}
    rule["rationale"] = "Seven blocks of any, each of four values."
    rule["then"] = [{"conclude": "c0", "cf": 0.5}]
    conclusions = [
        {"name": "c0", "kind": "hypothesis", "category": "main", "title": "A conclusion"}
    ]
    (huge / "rules.yaml").write_text(yaml.safe_dump({"conclusions": conclusions, "rules": [rule]}))
    return {
        "explain default --why-not outcome:more-stable-relations": [
            "explain",
            "facts/default.yaml",
            "--why-not",
            "outcome:more-stable-relations",
        ],
        "check, generated 3,000-rule knowledge base": ["check", "--rules", str(folder / "kb3000")],
        "validate, 120,000 values in 240 KB": ["validate", str(folder / "values.yaml")],
        "validate, 40,000 unknown keys": ["validate", str(folder / "keys.yaml")],
        "assess over a rule of 7 `any` blocks of 4": ["assess", "--rules", str(huge)],
    }


def timed(args: list[str], runs: int, root: Path, timeout: float) -> tuple[float, float, str, str]:
    """Median wall and CPU seconds of `runs` runs, the exit code and the last line."""
    walls, cpus = [], []
    env = {**os.environ, "PYTHONPATH": str(root)}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "expert", *args]
        try:
            done = subprocess.run(
                command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return timeout, float("nan"), "killed", f"still running after {timeout:g} s"
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    lines = (done.stdout + done.stderr).strip().splitlines() or [""]
    return sorted(walls)[runs // 2], sorted(cpus)[runs // 2], str(done.returncode), lines[-1][:90]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, action="append")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--patience", type=float, default=120)
    parser.add_argument("--case", default="", help="Only the cases whose name holds this.")
    options = parser.parse_args()
    roots = options.root or [ROOT]
    wait_until_quiet(patience=options.patience)
    print(describe())
    print(f"median of {options.runs} runs, whole process; code of " + ", ".join(map(str, roots)))
    print("\n| case | code | wall s | CPU s | exit | last line |\n|---|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in inputs(Path(tmp)).items():
            for root in roots if options.case in name else []:
                wall, cpu, code, last = timed(args, options.runs, root, options.timeout)
                last = last.replace("|", "/")
                print(f"| {name} | {root.name} | {wall:.2f} | {cpu:.2f} | {code} | {last} |")


if __name__ == "__main__":
    main()
