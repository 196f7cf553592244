"""Time the JSON and text of explanations and the assessment, this checkout against another.

Run with `uv run python benchmarks/bench_records.py BASE_DIR [--rounds 9] [--runs 30]`,
where BASE_DIR holds another commit's files (`git archive <commit> | tar -x -C DIR`).
Each round runs, in one process per tree, `--runs` of each command below through the CLI
in-process, with the engine already built, and reports the mean CPU time per command;
the rounds interleave the trees, so a busy moment slows both alike. It measures what
building records (instead of dicts) and rendering from them costs. Numbers go in
docs/performance.md as ratios; tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import statistics

from compare import ROOT, run
from machine import describe, wait_until_quiet

COMMANDS = {
    "assess --format json": ["assess", "--format", "json"],
    "explain --format json (HOW)": ["explain", "--format", "json"],
    "explain (HOW, text)": ["explain"],
    "explain --trace --format json": ["explain", "--trace", "--format", "json"],
    "explain --rule … --format json": [
        "explain",
        "--rule",
        "crisis-compels-talks",
        "--format",
        "json",
    ],
}

ROUND = """
import json, sys, time
from click.testing import CliRunner
from expert.cli import main
commands, runs = json.loads(sys.argv[1]), int(sys.argv[2])
runner = CliRunner()
for args in commands.values():
    runner.invoke(main, args)  # the knowledge base and the engine, built once
result = {}
for label, args in commands.items():
    start = time.process_time()
    for _ in range(runs):
        assert runner.invoke(main, args).exit_code == 0
    result[label] = (time.process_time() - start) / runs * 1000
print(json.dumps(result))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the other commit's files")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--runs", type=int, default=30, help="runs of each command per round")
    args = parser.parse_args()
    from pathlib import Path

    trees = {"base": Path(args.base).resolve(), "this": ROOT}
    print(describe())
    wait_until_quiet()
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            out = run(tree, ["-c", ROUND, json.dumps(COMMANDS), str(args.runs)]).stdout
            rounds[name].append(json.loads(out))
    print("\n| command (CPU per run) | base median ms | this median ms | this / base |")
    print("|---|---:|---:|---:|")
    for label in COMMANDS:
        base, this = (statistics.median(r[label] for r in rounds[n]) for n in trees)
        print(f"| {label} | {base:.2f} | {this:.2f} | {this / base:.3f} |")


if __name__ == "__main__":
    main()
