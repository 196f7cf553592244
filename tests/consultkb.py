"""The small knowledge base the consultation tests talk to.

From nothing, the questions come in this order: climate.crisis (moves the verdict
most), us_agenda.sees_gain (through an intermediate), then the fields of two
conjunctions. climate.syria is read by no rule and is never asked.
"""

from __future__ import annotations

from pathlib import Path

from kbfactory import conclusion, rule, write_kb

RULES = [
    rule(
        "crisis-pushes",
        [{"field": "climate.crisis", "at_least": "moderate"}],
        {"meeting-occurs": 0.6},
    ),
    rule(
        "tension-and-rapport",
        [{"field": "climate.tension", "is": "high"}, {"field": "personal.rapport", "is": "warm"}],
        {"meeting-occurs": 0.3},
    ),
    rule(
        "gain-motivates",
        [{"field": "us_agenda.sees_gain", "at_least": "moderate"}],
        {"motive": 0.7},
    ),
    rule("motive-drives", [{"conclusion": "motive"}], {"meeting-occurs": 0.4}),
    rule(
        "allies-block",
        [
            {"field": "alliances.allies_stance", "is": "opposed"},
            {"field": "alliances.allies_fear_legitimising", "is": True},
        ],
        {"meeting-occurs": -0.5},
    ),
]


def consult_kb(directory: Path) -> Path:
    """Write the knowledge base into `directory` and return it."""
    return write_kb(directory, RULES, [conclusion("motive")])
