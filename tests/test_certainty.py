"""Certainty factors: MYCIN's known cases and the algebra's properties."""

import math
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expert.certainty import THRESHOLD, band, combine, combine_all, conjoin, is_strong

cfs = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
positive = st.floats(min_value=0.0, max_value=1.0)
negative = st.floats(min_value=-1.0, max_value=0.0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (0.6, 0.4, 0.76),
        (-0.6, -0.4, -0.76),
        (0.6, -0.4, 1 / 3),
        (-0.6, 0.4, -1 / 3),
        (0.5, 0.5, 0.75),
        (1.0, 0.3, 1.0),
        (1.0, -1.0, 0.0),  # total belief against total disbelief: our convention
        (-1.0, 1.0, 0.0),
        (0.3, 0.0, 0.3),
    ],
)
def test_mycin_cases(a, b, expected):
    assert combine(a, b) == pytest.approx(expected)


@given(cfs, cfs)
def test_combination_stays_in_range_and_is_commutative(a, b):
    assert -1.0 <= combine(a, b) <= 1.0
    assert combine(a, b) == pytest.approx(combine(b, a))


@given(cfs)
def test_combining_with_zero_changes_nothing(a):
    assert combine(a, 0.0) == a
    assert combine_all([a, 0.0]) == pytest.approx(a)


@given(st.one_of(st.tuples(positive, positive, positive), st.tuples(negative, negative, negative)))
def test_same_signs_combine_associatively(abc):
    a, b, c = abc
    assert combine(combine(a, b), c) == pytest.approx(combine(a, combine(b, c)))


inner = st.floats(min_value=-0.99, max_value=0.99)


@given(inner, inner, inner)
def test_mixed_signs_are_associative_in_exact_arithmetic(a, b, c):
    # EMYCIN's formula multiplies likelihood ratios (Heckerman 1986), so it is
    # associative away from total certainty; only rounding differs.
    assert combine(combine(a, b), c) == pytest.approx(combine(a, combine(b, c)), abs=1e-9)


def test_pairwise_order_matters_at_total_certainty_and_in_the_last_bits():
    assert combine(combine(1.0, -1.0), 0.5) == 0.5
    assert combine(1.0, combine(-1.0, 0.5)) == 0.0
    assert combine(combine(0.9, -0.9), -0.3) != combine(0.9, combine(-0.9, -0.3))
    # combine_all groups by sign and sorts, so every order gives one exact answer.
    assert combine_all([1.0, -1.0, 0.5]) == combine_all([0.5, -1.0, 1.0]) == 0.0
    assert combine_all([0.9, -0.9, -0.3]) == combine_all([-0.3, -0.9, 0.9]) == -0.3


@given(st.lists(cfs, max_size=8), st.randoms())
def test_combine_all_ignores_order(factors, rnd):
    shuffled = list(factors)
    rnd.shuffle(shuffled)
    assert combine_all(shuffled) == combine_all(factors)
    assert -1.0 <= combine_all(factors) <= 1.0


def test_combine_all_groups_by_sign():
    assert combine_all([0.6, -0.4, 0.5]) == pytest.approx(combine(combine(0.6, 0.5), -0.4))
    assert combine_all([]) == 0.0


@given(cfs)
def test_band_words_are_symmetric(cf):
    word = band(cf)
    mirrored = band(-cf)
    if word == "undecided":
        assert mirrored == "undecided"
    else:
        assert mirrored == word.replace("likely", "unlikely") or word == mirrored.replace(
            "likely", "unlikely"
        )


@pytest.mark.parametrize(
    ("cf", "words"),
    [(0.9, "very likely"), (0.5, "likely"), (0.2, "somewhat likely"), (0.19, "undecided"),
     (0.0, "undecided"), (-0.2, "somewhat unlikely"), (-0.8, "very unlikely")],
)  # fmt: skip
def test_bands(cf, words):
    assert band(cf) == words


@given(st.lists(cfs, min_size=1, max_size=6))
def test_conjunction_is_the_weakest_premise(factors):
    assert conjoin(factors) == min(factors)


def test_threshold():
    assert conjoin([]) == 1.0
    assert is_strong(THRESHOLD) and is_strong(-THRESHOLD) and not is_strong(0.19)


def exact_combination(supports: list[int], oppositions: list[int]) -> Fraction:
    """MYCIN's combination in exact rational arithmetic, for CFs given in hundredths."""
    p = math.prod(100 - s for s in supports)  # 100^n * prod(1 - cf), an exact integer
    q = math.prod(100 - o for o in oppositions)
    scale_p, scale_q = 100 ** len(supports), 100 ** len(oppositions)
    p_frac, q_frac = Fraction(p, scale_p), Fraction(q, scale_q)
    return 1 - p_frac / q_frac if p_frac <= q_frac else q_frac / p_frac - 1


def test_ten_thousand_supports_and_oppositions_stay_exact():
    """Pairwise folding in floats saturates both sides to ±1 and then says 0; this does not.

    The two sides are nearly balanced: the same ten thousand strengths, three of them
    weaker on the opposing side, so the exact answer is a moderate belief.
    """
    rng = random.Random(20261201)
    supports = [rng.randint(1, 99) for _ in range(10_000)]
    oppositions = [*supports]
    oppositions[:3] = [max(1, s - 40) for s in supports[:3]]
    factors = [s / 100 for s in supports] + [-o / 100 for o in oppositions]
    rng.shuffle(factors)
    expected = float(exact_combination(supports, oppositions))
    assert 0.2 < expected < 0.99
    assert combine_all(factors) == pytest.approx(expected, abs=1e-9)


@given(st.lists(st.integers(1, 99), max_size=300), st.lists(st.integers(1, 99), max_size=300))
def test_any_number_of_factors_matches_exact_arithmetic(supports, oppositions):
    factors = [s / 100 for s in supports] + [-o / 100 for o in oppositions]
    expected = exact_combination(supports, oppositions)
    assert combine_all(factors) == pytest.approx(float(expected), abs=1e-9)
