"""Scoring forecasts against what happened: pure functions over probabilities and 0/1 labels.

A certainty factor is read as a probability, p = (CF + 1) / 2, so CF -1 is 0,
CF 0 is an even chance and CF +1 is 1. A label is 1 when the predicted event
happened and 0 when it did not. Lower is better for the Brier and log scores,
higher for sign accuracy and AUC.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EPSILON = 1e-3
"""The log score clips p into [EPSILON, 1 - EPSILON]: a certain miss costs ln(1000) ≈ 6.9, not ∞."""

BIN_EDGES: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
"""Calibration bins: [0, 0.2), [0.2, 0.4), [0.4, 0.6), [0.6, 0.8) and [0.8, 1.0], 1 included."""

DIGITS = 12
"""Probabilities are rounded to this many digits, so 0.2 + 1 halves to exactly 0.6."""


def probability(cf: float) -> float:
    """The probability reading of a certainty factor: (CF + 1) / 2."""
    return round((cf + 1.0) / 2.0, DIGITS)


def predicts(p: float) -> int:
    """The predicted label: 1 when p > 0.5 (CF > 0); an even chance (CF 0) predicts 0."""
    return 1 if p > 0.5 else 0


def sign_accuracy(ps: Sequence[float], labels: Sequence[int]) -> float:
    """The share of forecasts whose predicted label is the label."""
    return _mean([float(predicts(p) == y) for p, y in zip(ps, labels, strict=True)])


def brier(ps: Sequence[float], labels: Sequence[int]) -> float:
    """The Brier score: the mean squared distance between p and the label, in [0, 1]."""
    return _mean([(p - y) ** 2 for p, y in zip(ps, labels, strict=True)])


def log_score(ps: Sequence[float], labels: Sequence[int]) -> float:
    """The mean of -ln(probability given to what happened), p clipped by EPSILON."""
    clipped = [min(max(p, EPSILON), 1.0 - EPSILON) for p in ps]
    return _mean([-math.log(p if y else 1.0 - p) for p, y in zip(clipped, labels, strict=True)])


def auc(ps: Sequence[float], labels: Sequence[int]) -> float | None:
    """The area under the ROC curve (Mann–Whitney, ties half); None when a class is absent."""
    positives = [p for p, y in zip(ps, labels, strict=True) if y]
    negatives = [p for p, y in zip(ps, labels, strict=True) if not y]
    if not positives or not negatives:
        return None
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in positives for b in negatives)
    return wins / (len(positives) * len(negatives))


def base_rate(labels: Sequence[int]) -> float:
    """The share of labels that are 1."""
    return _mean([float(y) for y in labels])


def bin_index(p: float) -> int:
    """The calibration bin of a probability: the number of inner edges at or below it."""
    return sum(1 for edge in BIN_EDGES[1:-1] if p >= edge)


def calibration(
    ps: Sequence[float], labels: Sequence[int]
) -> list[tuple[float, float, int, float | None, float | None]]:
    """Per bin: its edges, how many forecasts fall in it, their mean p and the observed rate."""
    bins: list[list[tuple[float, int]]] = [[] for _ in BIN_EDGES[1:]]
    for p, y in zip(ps, labels, strict=True):
        bins[bin_index(p)].append((p, y))
    return [
        (low, high, len(b), _mean_or_none([p for p, _ in b]), _mean_or_none([y for _, y in b]))
        for low, high, b in zip(BIN_EDGES[:-1], BIN_EDGES[1:], bins, strict=True)
    ]


def _mean(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no forecasts to score")
    return math.fsum(values) / len(values)


def _mean_or_none(values: Sequence[float]) -> float | None:
    return _mean(values) if values else None
