"""Helpers for the explanation tests: a small knowledge base (chaining, OR, NOT, support and
opposition), its scenarios, and golden files."""

from __future__ import annotations

from pathlib import Path

from conftest import assert_golden
from kbfactory import conclusion, rule, write_kb

RULES = [
    rule("crisis-pushes", [{"field": "climate.crisis", "at_least": "moderate"}], {"pressure": 0.6}),
    rule(
        "tension-pushes",
        [
            {
                "any": [
                    {"field": "climate.tension", "is": "high"},
                    {"field": "climate.relations", "at_most": "strained"},
                ]
            }
        ],
        {"pressure": 0.5},
    ),
    rule("pressure-drives", [{"conclusion": "pressure"}], {"meeting-occurs": 0.8}),
    rule("rapport-helps", [{"field": "personal.rapport", "is": "warm"}], {"meeting-occurs": 0.3}),
    rule(
        "distrust-blocks",
        [
            {"field": "personal.trust", "at_most": "low"},
            {"not": {"field": "personal.rapport", "is": "warm"}},
        ],
        {"meeting-occurs": -0.4},
    ),
    rule(
        "pressure-sets-topic",
        [{"conclusion": "pressure", "min_cf": 0.5}, {"field": "climate.ukraine", "known": True}],
        {"topic": 0.7},
    ),
]
CONCLUSIONS = [conclusion("pressure"), conclusion("topic", "hypothesis", "agenda")]

PRESSED = {
    "scenario": {"name": "Pressed"},
    "climate": {"crisis": "high", "tension": "high", "relations": "strained", "ukraine": "active"},
    "personal": {"trust": "low", "rapport": "neutral"},
}
CALM = {
    "scenario": {"name": "Calm"},
    "climate": {"crisis": "low", "tension": "low"},
    "personal": {"trust": "low", "rapport": "cool"},
}


def write_explain_kb(directory: Path) -> Path:
    """Write the test knowledge base into `directory`."""
    return write_kb(directory, RULES, CONCLUSIONS)


GOLDEN = Path(__file__).parent / "golden" / "explain"


def assert_explain_golden(name: str, text: str) -> None:
    """Compare with tests/golden/explain/NAME (the kit's golden helper)."""
    assert_golden(GOLDEN / name, text)
