"""Cold start of `summit`, against the bare imports it cannot avoid, side by side.

Run with `uv run python benchmarks/bench_cold.py [--rounds 15] [--base DIR] [--no-bytecode]`.

Each round starts, one process each, `python -c "import click"`, `python -c "import
experta, pydantic, click, yaml"`, then `summit --help`, `summit assess --help` and
`summit assess` (as the installed `summit` script runs them), with the knowledge-base cache filled by a first
untimed run and with `SUMMIT_NO_CACHE=1`, in this checkout, and in `--base DIR` too when
given (another commit's files, e.g. `git worktree add --detach /tmp/cold-base main`).
The order rotates from round to round, so that a busy moment slows every command alike.
Every tree runs with this environment's interpreter and packages. Printed: the medians
and ranges of the wall and CPU time, and the ratios the targets are stated in, of the
medians, with the range of the ratio of the round by round.

Python compiles a module's source unless it finds the compiled bytecode cached. By
default the processes share a fresh cache (`PYTHONPYCACHEPREFIX`), filled by a first
untimed run of each command, as an installed package runs; `--no-bytecode` times them
with no cache (`PYTHONDONTWRITEBYTECODE=1`), so every import compiles its source.
Numbers go in docs/performance.md; tests never assert on time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import Meter, describe, wait_until_quiet

ROOT = Path(__file__).resolve().parent.parent

ONE_MODEL = """import experta, pydantic, click, yaml
class M(pydantic.BaseModel):
    x: int
M(x=1)"""
"""`import pydantic` imports almost nothing until a model is made: this pays for that too."""

FLOORS = {
    "import click": ["-c", "import click"],
    "import experta, pydantic, click, yaml": ["-c", "import experta, pydantic, click, yaml"],
    "the same and one pydantic model": ["-c", ONE_MODEL],
}
SUMMIT = ["-c", "import sys\nfrom expert.signals import main\nsys.exit(main())"]
"""What the `summit` script that installing the package writes does, in any tree."""

COMMANDS = {
    "summit --help": [*SUMMIT, "--help"],
    "summit assess --help": [*SUMMIT, "assess", "--help"],
    "summit assess": [*SUMMIT, "assess"],
    "SUMMIT_NO_CACHE=1 summit assess": [*SUMMIT, "assess"],
}
RATIOS = [  # (numerator, denominator, target)
    ("summit --help", "import click", 1.2),
    ("summit assess --help", "import click", None),
    ("summit assess", "import experta, pydantic, click, yaml", 1.5),
    ("SUMMIT_NO_CACHE=1 summit assess", "import experta, pydantic, click, yaml", None),
    ("summit assess", "the same and one pydantic model", None),
]


def environment(tree: Path, cache: Path | None) -> dict[str, str]:
    """The processes' environment: `tree` first on the path, the bytecode cache chosen,
    and a knowledge-base cache of the run's own (a tree without one ignores it)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": tempfile.mkdtemp()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SUMMIT_NO_CACHE", None)
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="summit-nopyc-")  # stays empty
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(tree: Path, label: str, args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall and CPU milliseconds of one process, and what it printed."""
    if label.startswith("SUMMIT_NO_CACHE=1 "):
        env = {**env, "SUMMIT_NO_CACHE": "1"}
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    return (time.perf_counter() - start) * 1000, (children_cpu() - cpu) * 1000, done.stdout


def jobs(trees: dict[str, Path]) -> list[tuple[str, Path, list[str]]]:
    """(label, tree, arguments) of every process a round starts."""
    found = [(name, ROOT, args) for name, args in FLOORS.items()]
    for tree_name, tree in trees.items():
        found += [(f"{tree_name}: {name}", tree, args) for name, args in COMMANDS.items()]
    return found


def measure(trees: dict[str, Path], envs: dict[Path, dict], rounds: int) -> dict[str, list]:
    """Every job's (wall, CPU) in each round, the order rotated by one each round."""
    todo = jobs(trees)
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in todo}
    for round_ in range(rounds):
        shift = round_ % len(todo)
        for label, tree, args in todo[shift:] + todo[:shift]:
            samples[label].append(run(tree, label.split(": ")[-1], args, envs[tree])[:2])
    return samples


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def times_table(samples: dict[str, list]) -> str:
    lines = ["| process | wall ms, median (range) | CPU ms, median (range) |", "|---|---:|---:|"]
    for label, pairs in samples.items():
        lines.append(
            f"| `{label}` | {spread([w for w, _ in pairs])} | {spread([c for _, c in pairs])} |"
        )
    return "\n".join(lines)


def ratio(samples: dict[str, list], top: str, bottom: str, which: int) -> str:
    """The ratio of the medians, and the range of the round-by-round ratios."""
    above, below = ([pair[which] for pair in samples[key]] for key in (top, bottom))
    each = [a / b for a, b in zip(above, below, strict=True)]
    return f"{statistics.median(above) / statistics.median(below):.2f} ({min(each):.2f}–{max(each):.2f})"


def ratios_table(samples: dict[str, list], trees: dict[str, Path]) -> str:
    lines = [
        "| ratio | tree | target | wall: of medians (rounds' range) | CPU |",
        "|---|---|---:|---:|---:|",
    ]
    for top, bottom, target in RATIOS:
        for tree_name in trees:
            key = f"{tree_name}: {top}"
            goal = f"≤ {target}" if target else "–"
            wall, cpu = ratio(samples, key, bottom, 0), ratio(samples, key, bottom, 1)
            lines.append(f"| `{top}` / `{bottom}` | {tree_name} | {goal} | {wall} | {cpu} |")
    return "\n".join(lines)


def same_output(trees: dict[str, Path], envs: dict[Path, dict]) -> bool:
    """Whether every tree prints the same `summit assess` (a first, untimed run)."""
    outputs = set()
    for tree in trees.values():
        for label, args in COMMANDS.items():
            output = run(tree, label, args, envs[tree])[2]  # fills the caches, if any
            if label.endswith("summit assess"):
                outputs.add(output)
    return len(outputs) == 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--base", type=Path, help="another commit's files, run side by side")
    parser.add_argument("--no-bytecode", action="store_true", help="no bytecode cache")
    args = parser.parse_args()
    trees = {"this": ROOT, **({"base": args.base.resolve()} if args.base else {})}
    cache = None if args.no_bytecode else Path(tempfile.mkdtemp(prefix="summit-pyc-"))
    envs = {tree: environment(tree, cache) for tree in {ROOT, *trees.values()}}
    print(describe())
    print(f"bytecode: {'none, every import compiles' if cache is None else 'cached'}")
    print(f"same `summit assess` output in every tree: {same_output(trees, envs)}")
    for label, args_ in FLOORS.items():
        run(ROOT, label, args_, envs[ROOT])
    wait_until_quiet()
    with Meter() as meter:
        samples = measure(trees, envs, args.rounds)
    share = "unknown" if meter.others is None else f"{meter.others:.0%}"
    print(
        f"{args.rounds} rounds in {meter.seconds:.0f} s; other programs used {share} of the cores\n"
    )
    print(times_table(samples) + "\n\n" + ratios_table(samples, trees))


if __name__ == "__main__":
    main()
