"""How many questions `summit consult` asks to reach the band `summit assess` gives, and
how long a user waits after each answer.

For every fact file in facts/ (and facts/record/ when it exists) a consultation starts
from nothing and answers each question from the file, `unknown` where the file has no
value. It reports the questions asked, whether the consultation ends in the band that
`summit assess` gives on the whole file, and the time of each answer: `answer()`
(record, save, goal line) plus `next_question()` (bounds and choice of the next one),
by the clock and in CPU time (the latter less sensitive to other programs on the cores),
and in units of one warm evaluation of that scenario, measured right after its
consultation, by the clock and of CPU (issue 16 asks for 5 at p95; the CPU ratio is the
one other programs on the cores disturb least). `consult_floor.py` gives the fewest
questions any consultation that ends in the right band must ask.

    uv run python benchmarks/bench_consult.py [--rules DIR] [--all]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from machine import describe, wait_until_quiet

from expert import api, certainty
from expert.api import fact_model
from expert.facts import certainties, known_facts
from expert.paths import data_dir

FactFile = fact_model()

LIMITS = {
    "median questions": 12,
    "max questions": 20,
    "median answer ms": 50.0,
    "p95 answer, warm evaluations": 5.0,
}
WARM_RUNS = 21
"""How many warm evaluations of a scenario give its median."""


def scenarios() -> list[Path]:
    """Every fact file of facts/ and facts/record/, in name order."""
    folder = data_dir("facts")
    found = sorted(folder.glob("*.yaml"))
    return found + sorted((folder / "record").glob("*.yaml"))


def typed(value, cf: float) -> str:
    """An answer as a user types it."""
    shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return shown if cf >= 1.0 else f"{shown} {cf}"


def play(path: Path, rules: str | None, ask_all: bool, folder: Path) -> dict:
    """One consultation answered from `path`: questions, band agreement, answer times."""
    session = api.consultation(save=folder / f"{path.stem}.yaml", rules=rules, ask_all=ask_all)
    times, cpu = answer_all(session, api.load_facts(path))
    assessed = api.assess(path, rules=rules).verdict_cf
    warm, warm_cpu = warm_ms(path, rules)
    ended = session.result.conclusions.get(session.goal)
    cf = ended.cf if ended else 0.0
    return {
        "name": path.stem,
        "asked": len(times),
        "same_band": certainty.band(cf) == certainty.band(assessed),
        "cf": cf,
        "assessed": assessed,
        "times": times,
        "cpu": cpu,
        "warm": warm,
        "units": [t / warm for t in times],
        "cpu_units": [t / warm_cpu for t in cpu],
    }


def answer_all(session, facts) -> tuple[list[float], list[float]]:
    """Answer every question from `facts`; each answer's time in ms, by the clock and of CPU."""
    values, cfs = known_facts(facts, session.kb.model), certainties(facts, session.kb.model)
    times: list[float] = []
    cpu: list[float] = []
    gc.freeze()  # as `expert.consult.run` does before the first question
    question = session.next_question()
    for _ in session.kb.fields:  # each field is asked at most once
        if question is None:
            break
        found = values.get(question.field)
        line = "unknown" if found is None else typed(found, cfs.get(question.field, 1.0))
        start, used = time.perf_counter(), time.process_time()
        session.answer(line)
        question = session.next_question()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return times, cpu


def warm_ms(path: Path, rules: str | None) -> tuple[float, float]:
    """The median time of one warm evaluation of a scenario, in ms: by the clock, of CPU."""
    evaluator, facts = api.evaluator(rules), api.load_facts(path)
    evaluator.evaluate(facts)
    clock, cpu = [], []
    for _ in range(WARM_RUNS):
        start, used = time.perf_counter(), time.process_time()
        evaluator.evaluate(facts)
        clock.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return statistics.median(clock), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=None, help="knowledge base folder (default: rules/)")
    parser.add_argument("--all", action="store_true", help="ask everything (the old behaviour)")
    args = parser.parse_args()
    wait_until_quiet()
    print(describe())
    kb = api.knowledge_base(args.rules)
    print(f"knowledge base: {len(kb.rules)} rules, {len(kb.fields)} fields, {kb.content_hash}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for path in scenarios():
            rows.append(play(path, args.rules, args.all, Path(folder)))
    print(
        "| scenario | questions | consultation ends | assess | same band "
        "| median answer | warm evaluation |"
    )
    print("|---|---:|---|---|---|---:|---:|")
    for row in rows:
        print(
            f"| {row['name']} | {row['asked']} | {certainty.band(row['cf'])} ({row['cf']:+.2f}) "
            f"| {certainty.band(row['assessed'])} ({row['assessed']:+.2f}) "
            f"| {'yes' if row['same_band'] else '**no**'} "
            f"| {statistics.median(row['times'] or [0.0]):.1f} ms | {row['warm']:.2f} ms |"
        )
    report(rows)


def report(rows: list[dict]) -> None:
    """The summary lines and the acceptance limits."""
    asked = [row["asked"] for row in rows]
    times = [t for row in rows for t in row["times"]]
    units = [u for row in rows for u in row["units"]]
    cpu_units = [u for row in rows for u in row["cpu_units"]]
    found = {
        "median questions": statistics.median(asked),
        "max questions": max(asked),
        "median answer ms": statistics.median(times or [0.0]),
        "p95 answer, warm evaluations": p95(cpu_units),
    }
    agree = sum(row["same_band"] for row in rows)
    cpu = [t for row in rows for t in row["cpu"]]
    print(f"\nscenarios: {len(rows)}, same band as assess: {agree} of {len(rows)}")
    print(f"questions: median {found['median questions']:g}, max {found['max questions']}")
    print(f"answers timed: {len(times)}; {spread(times, ' ms')}, max {max(times or [0.0]):.1f} ms")
    print(f"  CPU time per answer: {spread(cpu, ' ms')}")
    print(f"  in warm evaluations of the scenario, by the clock: {spread(units, '')}")
    print(f"  in warm evaluations of the scenario, of CPU: {spread(cpu_units, '')}")
    warm = [row["warm"] for row in rows]
    print(f"  one warm evaluation: median {statistics.median(warm):.2f} ms over the scenarios")
    for name, limit in LIMITS.items():
        verdict = "met" if found[name] <= limit else "NOT met"
        print(f"  {name}: {found[name]:.3g} (limit {limit:g}): {verdict}")


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank); 0 for no values."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, int(0.95 * len(ranked)))] if ranked else 0.0


def spread(values: list[float], unit: str) -> str:
    """Median and p95 of some values, as shown."""
    return f"median {statistics.median(values or [0.0]):.1f}{unit}, p95 {p95(values):.1f}{unit}"


if __name__ == "__main__":
    main()
