"""How the cost of an evaluation grows with the knowledge base, for each matcher.

The knowledge base is copied 2 and 4 times under new rule ids and conclusion names (each
copy a disjoint twin of the original, reading the same facts), and the same random fact
files are evaluated on each size, with experta's Rete matcher and with the specialised one.
Evaluations are interleaved file by file, so that every evaluator sees the same load, and
each file's time is its fastest over the rounds, which keeps the other programs' bursts out
of the figures. Ratios carry between machines; absolute times do not.

    uv run python benchmarks/bench_scaling.py [--files 200] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from generate import scenario
from machine import describe, wait_until_quiet

from expert import api
from expert.engine import MATCHERS, Evaluator
from expert.knowledge import load_knowledge_base
from expert.paths import rules_dir


def renamed(value, suffix: str):
    """A rule file's data with every rule id and conclusion name given `suffix`."""
    if isinstance(value, list):
        return [renamed(v, suffix) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in ("id", "conclude", "conclusion", "name", "claim") and isinstance(item, str):
            item += suffix
        out[key] = renamed(item, suffix) if key not in ("examples",) else item
    return out


def copied_kb(copies: int, folder: Path):
    """The built-in knowledge base with `copies - 1` disjoint twins beside it."""
    source = rules_dir()
    for path in source.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name in ("knowledge-base.yaml", "model.yaml"):  # the manifest, the facts
            (folder / path.name).write_text(yaml.safe_dump(data), encoding="utf-8")
            continue
        for k in range(copies):
            twin = data if k == 0 else renamed(data, f"-twin{k}")
            for rule in twin.get("rules", []):
                rule.pop("examples", None)  # the originals' examples are checked elsewhere
            (folder / f"{path.stem}-{k}.yaml").write_text(yaml.safe_dump(twin), encoding="utf-8")
    return load_knowledge_base(folder, api.knowledge_base().model)


def fastest_ms(evaluators: dict, facts: list, rounds: int) -> dict:
    """Per evaluator, the mean over files of each file's fastest evaluation, in ms."""
    best = {key: [float("inf")] * len(facts) for key in evaluators}
    for _ in range(rounds):
        for i, f in enumerate(facts):
            for key, evaluator in evaluators.items():
                start = time.perf_counter()
                evaluator.evaluate(f)
                best[key][i] = min(best[key][i], (time.perf_counter() - start) * 1000)
    return {key: statistics.fmean(times) for key, times in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="random fact files")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    args = parser.parse_args()
    rng = random.Random(7)
    facts = [api.facts_from_data(scenario(rng, i, 0.5)) for i in range(args.files)]
    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for copies in (1, 2, 4):
            folder = Path(tmp) / f"x{copies}"
            folder.mkdir()
            sizes[copies] = copied_kb(copies, folder)
        evaluators = {
            (copies, matcher): Evaluator(found, matcher)
            for copies, found in sizes.items()
            for matcher in MATCHERS
        }
        for evaluator in evaluators.values():
            for f in facts[:5]:  # warm up
                evaluator.evaluate(f)
        wait_until_quiet(patience=10.0)
        ms = fastest_ms(evaluators, facts, args.rounds)
    print(describe())
    print(f"{args.files} random fact files, fastest of {args.rounds} interleaved rounds each\n")
    print("| rules | matcher | ms per evaluation | ratio to 1x | ratio to rete |")
    print("|---|---|---|---|---|")
    for matcher in MATCHERS:
        for copies, found in sizes.items():
            ratio, speedup = (
                ms[(copies, matcher)] / ms[(1, matcher)],
                ms[(copies, "rete")] / ms[(copies, matcher)],
            )
            print(f"| {len(found.rules)} | {matcher} | {ms[(copies, matcher)]:.2f} | {ratio:.2f} | {speedup:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
