"""A small knowledge base and fact files for the batch, what-if and sensitivity tests."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from kbfactory import conclusion, rule, write_kb


def batch_kb(directory: Path) -> str:
    """Crisis and rapport favour the verdict, low trust opposes it; tension puts trade on the agenda."""
    rules = [
        rule(
            "crisis", [{"field": "climate.crisis", "at_least": "moderate"}], {"meeting-occurs": 0.6}
        ),
        rule("rapport", [{"field": "personal.rapport", "is": "warm"}], {"meeting-occurs": 0.5}),
        rule("distrust", [{"field": "personal.trust", "is": "low"}], {"meeting-occurs": -0.4}),
        rule("trade", [{"field": "climate.tension", "is": "high"}], {"trade-talks": 0.7}),
        rule("arms", [{"field": "climate.tension", "at_least": "moderate"}], {"arms-talks": 0.3}),
    ]
    conclusions = [
        conclusion("trade-talks", "hypothesis", "agenda"),
        conclusion("arms-talks", "hypothesis", "agenda"),
    ]
    return str(write_kb(directory, rules, conclusions))


def write_facts(path: Path, facts: dict, name: str | None = None) -> Path:
    """A fact file (YAML or JSON by suffix) with a scenario name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"scenario": {"name": name or path.stem}, **facts}
    is_json = path.suffix == ".json"
    path.write_text(json.dumps(data) if is_json else yaml.safe_dump(data, sort_keys=False))
    return path
