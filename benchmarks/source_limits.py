"""How long reading a fact file takes, from the default scenario to the worst input allowed.

Run: uv run python benchmarks/source_limits.py
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from machine import describe, wait_until_quiet

from expert.api import load_facts
from expert.errors import ExpertError
from expert.source import MAX_BYTES, read_document


def cases() -> dict[str, str]:
    """Inputs near the limits: the biggest and the busiest text that may be read."""
    block = "scenario:\n  sources:\n" + "".join(f"    - note {i}\n" for i in range(90_000))
    return {
        "1 MiB block YAML (80k values).yaml": block[: block.rfind("\n", 0, MAX_BYTES) + 1],
        "1 MiB JSON list (100k values).json": json.dumps({"s": [f"n{i}" for i in range(99_000)]}),
        "flow YAML past the value limit.yaml": "{a: [" + "1," * 500_000 + "]}",
        "5 MB file.yaml": "#" * 5_000_000,
    }


def timed(path: Path, runs: int = 3) -> tuple[float, str]:
    """The median time of reading `path`, in seconds, and what came of it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            read_document(path)
            outcome = "read"
        except ExpertError as error:
            outcome = str(error).split(": ", 1)[1]
        times.append(time.perf_counter() - start)
    return sorted(times)[runs // 2], outcome


def main() -> None:
    wait_until_quiet()
    print(describe())
    load_facts()  # imports and caches warmed up
    times = []
    for _ in range(21):
        start = time.perf_counter()
        load_facts()
        times.append(time.perf_counter() - start)
    print(f"default scenario, read and validated: {1000 * sorted(times)[10]:.2f} ms (median of 21)")
    print("median of 3 runs each:")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases().items():
            path = Path(tmp) / name
            path.write_text(text)
            seconds, outcome = timed(path)
            print(f"  {name} ({path.stat().st_size} bytes): {seconds:.2f} s, {outcome}")


if __name__ == "__main__":
    main()
