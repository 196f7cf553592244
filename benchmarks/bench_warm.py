"""Warm evaluation, side by side: this code, the first release, plain experta, and CLIPS.

Over the same random scenarios (`generate.scenario`, seed 7, half the fields known) it times
one evaluation, the engine already built, with:

- this code's evaluator, with the specialised matcher (the default) and with experta's Rete;
- a plain experta engine of the same rules (`plain_engines.plain_experta`: one @Rule per
  rule, stock matcher and strategy, no tracing), the measure of what our layers cost;
- the first release (`--base`, a checkout synced with its own `uv sync`), in a process of
  its own environment, on the same generator's scenarios for its own fact model, beside
  this code run the same way, alone in a process of its own (in-process, the nine engines
  below take turns file by file and share the caches, which a lone engine does not);
- CLIPS through clipspy (`--clips`, the python of a throwaway venv that has it; it is not a
  dependency of the project), on the same rules (`plain_engines.clips_program`);

and the same on the knowledge base copied 2 and 4 times under new ids (bench_scaling.py's
`copied_kb`), for the cost's growth. Rounds interleave every engine (this process, then the
first release's, then CLIPS's), so that all see the same load; each file's figure is its
fastest over the rounds, and an engine's figure the mean over the files. Before timing, the
plain engine's and CLIPS's verdicts are compared with ours on every file.

    uv venv /tmp/clips-venv && uv pip install --python /tmp/clips-venv clipspy
    uv run python benchmarks/bench_warm.py --base /tmp/first-release --clips /tmp/clips-venv/bin/python
    uv run python benchmarks/bench_warm.py --base /tmp/first-release --processes-only
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scaling import copied_kb
from generate import scenario
from machine import describe, wait_until_quiet
from plain_engines import (
    clips_facts,
    clips_program,
    clips_verdict_global,
    plain_experta,
    plain_verdict,
)

from expert import api
from expert.engine import Evaluator

BENCH = Path(__file__).resolve().parent
SIZES = (1, 2, 4)

BASE = """
import json, random, sys, time
sys.path.insert(0, sys.argv[1])
from generate import scenario
from expert import api
evaluator, rng = api.evaluator(), random.Random(7)
facts = [api.facts_from_data(scenario(rng, i, 0.5)) for i in range(int(sys.argv[2]))]
for f in facts:
    evaluator.evaluate(f)
print(json.dumps({"rules": len(evaluator.kb.rules)}), flush=True)
for line in sys.stdin:
    times = []
    for f in facts:
        start = time.perf_counter()
        evaluator.evaluate(f)
        times.append(time.perf_counter() - start)
    print(json.dumps(times), flush=True)
"""

CLIPS = """
import json, sys, time, clips
setup = json.loads(sys.stdin.readline())
envs = {}
for label, path in setup["programs"].items():
    envs[label] = clips.Environment()
    envs[label].load(path)
def run(label, facts):
    env = envs[label]
    env.reset()
    for fact in facts:
        env.assert_string(fact)
    env.run()
verdicts = {}
for label, files in setup["facts"].items():
    verdicts[label] = []
    for facts in files:
        run(label, facts)
        verdicts[label].append(float(envs[label].eval(setup["verdict"][label])))
print(json.dumps(verdicts), flush=True)
for line in sys.stdin:
    times = {}
    for label, files in setup["facts"].items():
        times[label] = []
        for facts in files:
            start = time.perf_counter()
            run(label, facts)
            times[label].append(time.perf_counter() - start)
    print(json.dumps(times), flush=True)
"""


def start(command: list[str], cwd: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip


def ask(process: subprocess.Popen, line: str = "round") -> object:
    """Send one line, read one JSON line back."""
    process.stdin.write(line + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def our_engines(kbs: dict) -> dict:
    """Every in-process engine: (size, kind) -> a function evaluating one fact file."""
    engines = {}
    for size, kb in kbs.items():
        for matcher in ("compiled", "rete"):
            engines[(size, matcher)] = Evaluator(kb, matcher).evaluate
        plain = plain_experta(kb)()
        engines[(size, "plain experta")] = lambda f, e=plain, kb=kb: plain_verdict(e, kb, f)
    return engines


def agreement(kbs: dict, facts: list, verdicts: dict) -> list[str]:
    """Lines saying on how many files each other engine's verdict is ours."""
    lines = []
    for (size, kind), found in sorted(verdicts.items()):
        ours = [Evaluator(kbs[size]).evaluate(f).verdict_cf for f in facts]
        same = sum(abs(a - b) < 1e-9 for a, b in zip(ours, found, strict=True))
        lines.append(f"{kind} x{size}: the same verdict CF as ours on {same} of {len(facts)} files")
    return lines


def one_round(engines: dict, facts: list, best: dict) -> None:
    for i, f in enumerate(facts):
        for key, evaluate in engines.items():
            begin = time.perf_counter()
            evaluate(f)
            best[key][i] = min(best[key][i], time.perf_counter() - begin)


def keep_fastest(best: dict, key, times: list[float]) -> None:
    best[key] = [min(a, b) for a, b in zip(best.get(key, times), times, strict=True)]


def clips_setup(kbs: dict, facts: list, folder: Path) -> dict:
    setup: dict = {"programs": {}, "facts": {}, "verdict": {}}
    for size, kb in kbs.items():
        path = folder / f"x{size}.clp"
        path.write_text(clips_program(kb), encoding="utf-8")
        label = str(size)
        setup["programs"][label] = str(path)
        setup["facts"][label] = [clips_facts(kb, f) for f in facts]
        setup["verdict"][label] = clips_verdict_global(kb)
    return setup


def report(best: dict, kbs: dict, base_rules: int | None) -> None:
    ms = {key: 1000 * statistics.fmean(times) for key, times in best.items()}
    print("\n| rules | engine | ms per evaluation | ratio to 1x |\n|---|---|---|---|")
    for kind in ("compiled", "rete", "plain experta", "clips"):
        for size in SIZES:
            if (size, kind) in ms:
                cost, one = ms[(size, kind)], ms[(1, kind)]
                print(f"| {len(kbs[size].rules)} | {kind} | {cost:.3f} | {cost / one:.2f} |")
    if ("base", "first release") in ms:
        base, alone = ms[("base", "first release")], ms[("alone", "this code")]
        print(f"| {base_rules} | first release, alone in its process | {base:.3f} | - |")
        print(f"| {len(kbs[1].rules)} | this code, alone in its process | {alone:.3f} | - |")
        print(f"\nfirst release / this code, each alone: {base / alone:.2f}x")
    for kind, ratio in ratios(ms).items():
        print(f"{kind}: {ratio:.2f}x")


def ratios(ms: dict) -> dict[str, float]:
    """The ratios the targets name, of the engines that ran."""
    found = {}
    if (1, "plain experta") in ms:
        plain = ms[(1, "plain experta")]
        found["this code (rete) / plain experta"] = ms[(1, "rete")] / plain
        found["this code (compiled) / plain experta"] = ms[(1, "compiled")] / plain
    if (1, "clips") in ms and (1, "compiled") in ms:
        found["this code (compiled) / CLIPS"] = ms[(1, "compiled")] / ms[(1, "clips")]
    return found


def main() -> None:
    # Long but flat: the engines are set up, checked, timed in rounds, then stopped.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="random fact files")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--base", type=Path, default=None, help="the first release, synced")
    parser.add_argument("--clips", default=None, help="a python that can import clips")
    parser.add_argument(
        "--processes-only", action="store_true", help="only the lone engines, in their processes"
    )
    args = parser.parse_args()
    rng = random.Random(7)
    facts = [api.facts_from_data(scenario(rng, i, 0.5)) for i in range(args.files)]
    with tempfile.TemporaryDirectory() as tmp:
        kbs = {}
        for size in SIZES:
            (Path(tmp) / f"x{size}").mkdir()
            kbs[size] = copied_kb(size, Path(tmp) / f"x{size}")
        engines = {} if args.processes_only else our_engines(kbs)
        verdicts = {
            (size, "plain experta"): [engines[(size, "plain experta")](f) for f in facts]
            for size in SIZES
            if engines
        }
        base = alone = clips = base_rules = None
        if args.base:
            python = str(args.base / ".venv" / "bin" / "python")
            base = start([python, "-c", BASE, str(BENCH), str(args.files)], cwd=args.base)
            base_rules = json.loads(base.stdout.readline())["rules"]
            alone = start(
                [sys.executable, "-c", BASE, str(BENCH), str(args.files)], cwd=BENCH.parent
            )
            alone.stdout.readline()
        if args.clips:
            clips = start([args.clips, "-c", CLIPS])
            found = ask(clips, json.dumps(clips_setup(kbs, facts, Path(tmp))))
            verdicts |= {(int(size), "clips"): cfs for size, cfs in found.items()}
        print(describe())
        print("\n".join(agreement(kbs, facts, verdicts)))
        for f in facts[:5]:
            for evaluate in engines.values():
                evaluate(f)
        wait_until_quiet(patience=30.0)
        best = {key: [float("inf")] * len(facts) for key in engines}
        for _ in range(args.rounds):
            one_round(engines, facts, best)
            if base:
                keep_fastest(best, ("base", "first release"), ask(base))
                keep_fastest(best, ("alone", "this code"), ask(alone))
            if clips:
                for size, times in ask(clips).items():
                    keep_fastest(best, (int(size), "clips"), times)
        for process in filter(None, (base, alone, clips)):
            process.stdin.close()
            process.wait()
    print(f"\n{args.files} random fact files, fastest of {args.rounds} interleaved rounds each")
    report(best, kbs, base_rules)


if __name__ == "__main__":
    main()
