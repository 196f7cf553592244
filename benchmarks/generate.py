"""Write N random, valid scenario files drawn from the fact model's catalogue.

Each field is known with probability --known (default 0.5) and then takes one of
its values at random; the same --seed always gives the same files. One file in
ten is JSON, the rest YAML.

    uv run python benchmarks/generate.py 10000 /tmp/scenarios --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import yaml

from expert.api import fact_model
from expert.facts import catalogue

FactFile = fact_model()


def scenario(rng: random.Random, index: int, known: float) -> dict:
    """One random fact file as plain data."""
    data: dict = {"scenario": {"name": f"random {index}", "as_of": "2025-06-01"}}
    for spec in catalogue(FactFile).values():
        if rng.random() < known:
            data.setdefault(spec.group, {})[spec.name] = rng.choice(spec.values)
    return data


def generate(count: int, folder: Path, seed: int = 7, known: float = 0.5) -> list[Path]:
    """Write `count` files into `folder`; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        data = scenario(rng, i, known)
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
    parser.add_argument("--known", type=float, default=0.5)
    args = parser.parse_args()
    paths = generate(args.count, args.folder, args.seed, args.known)
    print(f"wrote {len(paths)} files to {args.folder}")


if __name__ == "__main__":
    main()
