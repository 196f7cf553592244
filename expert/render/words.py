"""The words every result is told in: a certainty, the verdict line, a value as typed."""

from __future__ import annotations

from typing import Any

from .. import certainty

UNKNOWN = "unknown"
"""How an unknown value reads, and the word that makes a field unknown."""


def signed(cf: float) -> str:
    """A certainty factor with its sign: `+0.46`."""
    return f"{cf:+.2f}"


def verdict_line(title: str, cf: float, band: str | None = None) -> str:
    """`Title: band (CF +0.46)`: how every command states the verdict."""
    return f"{title}: {band or certainty.band(cf)} (CF {signed(cf)})"


def scenario_line(name: str) -> str:
    """`Scenario: name`: how every command names the fact file's situation, under the verdict."""
    return f"Scenario: {name}"


def value_text(value: Any) -> str:
    """A fact's value as a reader types it: `high`, `true`, and None is `unknown`."""
    if value is None:
        return UNKNOWN
    return str(value).lower() if isinstance(value, bool) else str(value)


def held_text(value: Any, cf: float | None = None) -> str:
    """A value as typed, with its certainty when held below 1: `warm (certainty 0.60)`."""
    shown = value_text(value)
    return shown if cf is None or cf >= 1.0 else f"{shown} (certainty {cf:.2f})"


def needed_text(direction: str) -> str:
    """What a rule reading a conclusion needs of it: `at least +0.20` or `at most -0.20`."""
    if direction == "for":
        return f"at least {signed(certainty.THRESHOLD)}"
    return f"at most {signed(-certainty.THRESHOLD)}"
