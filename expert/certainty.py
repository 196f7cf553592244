"""Certainty factors, as in EMYCIN: pure functions over numbers in [-1, 1]."""

from __future__ import annotations

import math

THRESHOLD = 0.2
"""A conclusion weaker than this (in absolute value) does not trigger other rules."""

BANDS: tuple[tuple[float, str, str], ...] = (
    (0.8, "very likely", "very unlikely"),
    (0.5, "likely", "unlikely"),
    (THRESHOLD, "somewhat likely", "somewhat unlikely"),
)
"""Lower bounds of |CF| with the words for a positive and a negative certainty."""


def combine(a: float, b: float) -> float:
    """Combine two certainty factors for the same conclusion (MYCIN's formula)."""
    if a >= 0 and b >= 0:
        result = a + b - a * b
    elif a <= 0 and b <= 0:
        result = a + b + a * b
    elif min(abs(a), abs(b)) == 1:
        result = 0.0  # total belief against total disbelief: undecided
    else:
        result = (a + b) / (1 - min(abs(a), abs(b)))
    return clamp(result)


def combine_all(factors: list[float] | tuple[float, ...]) -> float:
    """Combine any number of certainty factors; the order does not matter.

    Folding MYCIN's formula pairwise in floating point saturates: a hundred supports round
    to 1.0 and a hundred oppositions to -1.0, and the mixed step then says 0 whatever their
    balance. The fold is a product in disguise: evidence of one sign combines to 1 - prod(1 -
    |cf|), and the mixed step to 1 - p/q or q/p - 1 of the two products p and q. Summing
    logarithms keeps that exact to rounding for any number of factors (see
    docs/certainty.md).
    """
    support = [cf for cf in factors if cf > 0]
    against = [-cf for cf in factors if cf < 0]
    if 1.0 in support or 1.0 in against:  # a certainty decides, unless both sides have one
        return float((1.0 in support) - (1.0 in against))
    log_p = _log_disbelief(support)  # log of prod(1 - cf): 0 when there is no support
    log_q = _log_disbelief(against)
    # log_p <= log_q: the support is at least as strong as the opposition.
    result = -math.expm1(log_p - log_q) if log_p <= log_q else math.expm1(log_q - log_p)
    return clamp(round(result, 12))


def _log_disbelief(strengths: list[float]) -> float:
    """The logarithm of prod(1 - s), summed exactly and in a fixed order."""
    return math.fsum(math.log1p(-s) for s in sorted(strengths))


def conjoin(factors: list[float] | tuple[float, ...]) -> float:
    """Certainty of a conjunction of premises: the weakest one (1 when empty)."""
    return min(factors, default=1.0)


def apply(rule_cf: float, premise_cf: float) -> float:
    """Certainty a firing lends its conclusion: the rule's CF scaled by its premise."""
    return clamp(round(rule_cf * premise_cf, 12))  # 0.7 * 0.5 is 0.35, not 0.35000000000000003


def is_strong(cf: float) -> bool:
    """Whether a certainty is strong enough to trigger other rules."""
    return abs(cf) >= THRESHOLD


def band(cf: float) -> str:
    """Plain words for a certainty factor, from 'very likely' to 'very unlikely'."""
    for lower, positive, negative in BANDS:
        if abs(cf) >= lower:
            return positive if cf > 0 else negative
    return "undecided"


def clamp(cf: float) -> float:
    """Keep a certainty factor inside [-1, 1] against rounding drift."""
    if -1.0 < cf < 1.0:  # nearly always: the comparisons cost a tenth of min and max
        return cf
    return max(-1.0, min(1.0, cf))
