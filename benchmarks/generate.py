"""Write N random, valid scenario files drawn from the fact model's catalogue.

Each field is known with probability --known (default 0.5) and then takes one of
its values at random; the same --seed always gives the same files. One file in
ten is JSON, the rest YAML. With --rich, the files are as rich as the shipped
record scenarios (`facts/record/`, which set 66-87% of the fields): 80% of the
fields known unless --known says otherwise, a description of some 600 characters
and three to six sources in the header.

    uv run python benchmarks/generate.py 10000 /tmp/scenarios --seed 7
    uv run python benchmarks/generate.py 10000 /tmp/rich --seed 7 --rich
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import yaml

from expert.facts import catalogue

RICH_KNOWN = 0.8
"""The share of fields a rich file sets: about the median of the shipped record files."""

WORDS = [
    "talks",
    "summit",
    "envoys",
    "sanctions",
    "ceasefire",
    "allies",
    "pressure",
    "channel",
    "preparation",
    "agenda",
    "officials",
    "statement",
    "visit",
    "offer",
    "refusal",
    "crisis",
    "deadline",
    "treaty",
    "reports",
    "sources",
]


def fact_model():
    """The fact model of the checkout this runs in (the first release kept it in Python,
    in expert/model.py; bench_batch.py generates that release's files with this script)."""
    try:
        from expert.api import fact_model
    except ImportError:
        from expert.model import FactFile

        return FactFile
    return fact_model()


FactFile = fact_model()


def scenario(rng: random.Random, index: int, known: float, rich: bool = False) -> dict:
    """One random fact file as plain data."""
    data: dict = {"scenario": {"name": f"random {index}", "as_of": "2025-06-01"}}
    if rich:
        data["scenario"] |= {"description": _text(rng, 90), "sources": _sources(rng)}
    for spec in catalogue(FactFile).values():
        if rng.random() < known:
            data.setdefault(spec.group, {})[spec.name] = rng.choice(spec.values)
    return data


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _sources(rng: random.Random) -> list[str]:
    return [f"Source {k + 1}, 2025: {_text(rng, 12)}" for k in range(rng.randint(3, 6))]


def generate(
    count: int, folder: Path, seed: int = 7, known: float | None = None, rich: bool = False
) -> list[Path]:
    """Write `count` files into `folder`; return their paths."""
    rng = random.Random(seed)
    known = known if known is not None else RICH_KNOWN if rich else 0.5
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        data = scenario(rng, i, known, rich)
        if i % 10 == 9:
            path = folder / f"scenario-{i:05}.json"
            path.write_text(json.dumps(data, indent=2) + "\n")
        else:
            path = folder / f"scenario-{i:05}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--known", type=float, default=None, help="share of fields known")
    parser.add_argument("--rich", action="store_true", help="as rich as the shipped scenarios")
    args = parser.parse_args()
    paths = generate(args.count, args.folder, args.seed, args.known, args.rich)
    print(f"wrote {len(paths)} files to {args.folder}")


if __name__ == "__main__":
    main()
