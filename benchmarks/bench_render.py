"""Time rendering explanations in this checkout against another, side by side.

Run with `uv run python benchmarks/bench_render.py BASE_DIR [--rounds 9] [--runs 200]`,
where BASE_DIR holds another commit's files (`git archive <commit> | tar -x -C DIR`).
Each round, in one tree then the other, builds the HOW, trace, WHY-NOT and rule records
of the default scenario once, then times `--runs` renders of each in text and Markdown
(CPU time; the records are not rebuilt), and a tenth as many whole HOW explanations,
evaluation and record included, rendered as text. The renderer is found where each tree keeps it
(`expert.render.explain`, else `expert.explain_render`). Numbers go in
docs/performance.md as ratios; tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import statistics

from compare import ROOT, run
from machine import describe, wait_until_quiet

RENDER = """
import json, sys, time
from expert import api
try:
    from expert.render.explain import render
except ImportError:
    from expert.explain_render import render
runs = int(sys.argv[1])
records = {
    "how": api.explain(None, None),
    "trace": api.explain(None, None, trace=True),
    "why-not": api.explain(None, None, why_not="meeting-occurs"),
    "rule": api.explain(None, None, rule="crisis-compels-talks"),
}
found = {}
for mode, data in records.items():
    for fmt in ("text", "markdown"):
        start = time.process_time()
        for _ in range(runs):
            render(data, fmt)
        found[f"{mode} {fmt}"] = (time.process_time() - start) / runs * 1e6
start = time.process_time()
for _ in range(runs // 10):
    render(api.explain(None, None), "text")
found["HOW: api.explain + text, whole"] = (time.process_time() - start) / (runs // 10) * 1e6
print(json.dumps(found))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the other commit's files")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--runs", type=int, default=200, help="renders of each per round")
    args = parser.parse_args()
    trees = {"base": args.base, "this": ROOT}
    print(describe())
    wait_until_quiet()
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            rounds[name].append(json.loads(run(tree, ["-c", RENDER, str(args.runs)]).stdout))
    print("\n| render | base median µs | this median µs | this / base |\n|---|---:|---:|---:|")
    for key in rounds["this"][0]:
        base, this = (statistics.median(r[key] for r in rounds[n]) for n in trees)
        print(f"| {key} | {base:.0f} | {this:.0f} | {this / base:.3f} |")


if __name__ == "__main__":
    main()
