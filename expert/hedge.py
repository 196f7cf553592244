"""Answers held with a certainty: `high 0.6`, `probably high`, `{value: high, cf: 0.6}`.

A plain answer is certain (1). A certainty enters a rule's premise as EMYCIN's do, the
weakest part of a conjunction counting; one below the threshold makes the answer
unknown rather than false. Nothing here names the domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import certainty
from .render.words import held_text

WORDS = {"certainly": 1.0, "probably": 0.6, "possibly": 0.3}
"""Words an answer may start with, and the certainty each gives it."""

KEYS = ("value", "cf")
"""The keys of an answer with its certainty in a fact file."""


@dataclass(frozen=True)
class Hedge:
    """A field's value held with a certainty below 1."""

    value: Any
    cf: float

    def __str__(self) -> str:
        return held_text(self.value, self.cf)


def hedge(value: Any, cf: float) -> Any:
    """A value held with certainty `cf`: the plain value when certain."""
    return value if cf >= 1.0 else Hedge(value, cf)


def held_data(value: Any, cf: float) -> dict[str, Any]:
    """A value held with a certainty, as a fact file writes it (`{value: high, cf: 0.6}`)."""
    return dict(zip(KEYS, (value, cf), strict=True))


def plain(found: Any) -> Any:
    """The value of an answer, whatever its certainty."""
    return found.value if isinstance(found, Hedge) else found


def cf_of(found: Any) -> float:
    """The certainty of an answer: 1 for a plain value."""
    return found.cf if isinstance(found, Hedge) else 1.0


def effective(found: Any) -> Any:
    """The value the rules see: unknown (None) when held below the threshold."""
    if isinstance(found, Hedge):
        return found.value if certainty.is_strong(found.cf) else None
    return found


def split_words(text: str) -> tuple[str, float]:
    """An answer typed with a certainty: `high 0.6`, `probably high`; (text, 1.0) without."""
    words = text.split()
    if len(words) > 1 and words[0].lower() in WORDS:
        return " ".join(words[1:]), WORDS[words[0].lower()]
    if len(words) > 1 and _is_number(words[-1]):
        cf = float(words[-1])
        if not 0.0 <= cf <= 1.0:
            raise ValueError(f"a certainty is a number from 0 to 1; found {words[-1]}")
        return " ".join(words[:-1]), cf
    return text, 1.0


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return not word.isdigit() or word in {"0", "1"}
