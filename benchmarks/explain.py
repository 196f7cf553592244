"""Time `summit explain` on the default scenario (HOW, trace, WHY-NOT the verdict) and
WHY-NOT the verdict on a bleak scenario, whose counterfactual search runs the engine
hundreds of times; medians, with the engine already built.

Run: uv run python benchmarks/explain.py [RULES_DIR]
"""

from __future__ import annotations

import sys
import time

from machine import describe, wait_until_quiet

from expert import api

BLEAK = {
    "scenario": {"name": "Bleak"},
    "climate": {"crisis": "none", "tension": "high", "relations": "hostile"},
    "us_agenda": {"sees_gain": "none"},
    "russia_agenda": {"sees_gain": "none", "seeks_standing": False},
    "alliances": {"allies_stance": "opposed", "allies_fear_legitimising": True},
    "personal": {"rapport": "hostile", "trust": "none"},
    "us_domestic": {"firmness_pressure": "high", "opposition_criticism": "high"},
}


def timed(label: str, repeat: int, call) -> None:
    """Print the median time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        data = call()
        times.append(time.perf_counter() - start)
    times.sort()
    extra = ""
    search = data.why_not.counterfactual if data.mode == "why-not" else None
    if search:
        extra = f"  ({search.evaluations} evaluations)"
    print(f"{label:<40} {times[len(times) // 2] * 1000:8.1f} ms (median of {repeat}){extra}")


def main() -> None:
    rules = sys.argv[1] if len(sys.argv) > 1 else None
    wait_until_quiet()
    print(describe())
    verdict = api.knowledge_base(rules).manifest.verdict
    default = api.load_facts()
    bleak = api.facts_from_data(BLEAK)
    api.assess(default, rules)  # build the engine once, outside the timings
    timed("how, default scenario", 20, lambda: api.explain(default, rules))
    timed("trace, default scenario", 20, lambda: api.explain(default, rules, trace=True))
    timed("why-not verdict, default", 5, lambda: api.explain(default, rules, why_not=verdict))
    timed("why-not verdict, bleak scenario", 3, lambda: api.explain(bleak, rules, why_not=verdict))


if __name__ == "__main__":
    main()
