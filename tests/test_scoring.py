"""Scores of forecasts: known values, and the properties every score must keep."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expert.scoring import (
    EPSILON,
    auc,
    base_rate,
    bin_index,
    brier,
    calibration,
    log_score,
    predicts,
    probability,
    sign_accuracy,
)

ps = st.floats(min_value=0.0, max_value=1.0)
forecasts = st.lists(st.tuples(ps, st.integers(0, 1)), min_size=1, max_size=30)


def test_known_values():
    p, y = [0.9, 0.3, 0.5, 0.75], [1, 0, 0, 1]
    assert brier(p, y) == pytest.approx((0.01 + 0.09 + 0.25 + 0.0625) / 4)
    assert log_score(p, y) == pytest.approx(-(math.log(0.9 * 0.7 * 0.5 * 0.75)) / 4)
    assert sign_accuracy(p, y) == 1.0
    assert auc([0.6, 0.4, 0.6], [1, 0, 0]) == 0.75  # one win, one tie
    assert base_rate(y) == 0.5


def test_a_cf_reads_as_a_probability_and_zero_predicts_no():
    assert [probability(cf) for cf in (-1.0, 0.0, 0.2, 1.0)] == [0.0, 0.5, 0.6, 1.0]
    assert (predicts(0.5), predicts(0.5000001), predicts(0.4)) == (0, 1, 0)


def test_a_certain_miss_costs_a_bounded_log_score():
    assert log_score([0.0], [1]) == pytest.approx(-math.log(EPSILON))
    assert log_score([1.0], [1]) == pytest.approx(-math.log(1 - EPSILON))


def test_auc_is_undefined_without_both_labels():
    assert auc([0.2, 0.9], [1, 1]) is None
    assert auc([0.2, 0.9], [0, 0]) is None


def test_calibration_bins_cover_their_edges():
    assert [bin_index(p) for p in (0.0, 0.19, 0.2, 0.6, 0.8, 1.0)] == [0, 0, 1, 3, 4, 4]
    table = calibration([0.1, 0.7, 0.75, 1.0], [0, 1, 0, 1])
    assert [(count, mean, seen) for _, _, count, mean, seen in table] == [
        (1, 0.1, 0.0),
        (0, None, None),
        (0, None, None),
        (2, pytest.approx(0.725), 0.5),
        (1, 1.0, 1.0),
    ]


@given(forecasts)
def test_scores_stay_in_their_ranges(pairs):
    p, y = zip(*pairs, strict=True)
    assert 0.0 <= brier(p, y) <= 1.0
    assert 0.0 <= sign_accuracy(p, y) <= 1.0
    assert 0.0 < log_score(p, y) <= -math.log(EPSILON) + 1e-9
    assert sum(row[2] for row in calibration(p, y)) == len(p)


@given(st.lists(ps, min_size=1, max_size=10, unique=True), st.lists(ps, min_size=1, max_size=10))
def test_a_perfect_ranking_has_auc_1_and_a_reversed_one_0(highs, lows):
    top = [0.5 + h / 2 + 1e-6 for h in highs]  # every positive above every negative
    bottom = [low / 2 for low in lows]
    labels = [1] * len(top) + [0] * len(bottom)
    assert auc(top + bottom, labels) == 1.0
    assert auc(top + bottom, [1 - y for y in labels]) == 0.0


@given(forecasts, st.randoms())
def test_scores_ignore_the_order_of_the_files(pairs, rnd):
    shuffled = list(pairs)
    rnd.shuffle(shuffled)
    for score in (brier, log_score, sign_accuracy, auc):
        before, after = score(*zip(*pairs, strict=True)), score(*zip(*shuffled, strict=True))
        assert before == pytest.approx(after) or before is after is None


@given(st.lists(st.integers(0, 1), min_size=1, max_size=30))
def test_an_even_chance_scores_a_quarter_and_ln2(labels):
    even = [0.5] * len(labels)
    assert brier(even, labels) == 0.25
    assert log_score(even, labels) == pytest.approx(math.log(2))
