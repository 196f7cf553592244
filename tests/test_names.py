"""Did-you-mean: one helper, comparing whole dotted names and their last parts."""

import pytest

from expert.names import did_you_mean, suggest

FIELDS = ["climate.crisis", "climate.arms_control", "personal.rapport", "personal.trust"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("climate.arms", "climate.arms_control"),  # a prefix beats a merely similar name
        ("climate.crisiss", "climate.crisis"),
        ("CLIMATE.CRISIS", "climate.crisis"),
        ("rapport", "personal.rapport"),  # the last part alone
        ("persnal.trust", "personal.trust"),
        ("zzz", None),
        ("", None),
    ],
)
def test_suggest_compares_whole_names_and_last_parts(typed, meant):
    assert suggest(typed, FIELDS) == meant


def test_case_is_ignored_for_values():
    assert suggest("High", ["none", "low", "moderate", "high"]) == "high"


def test_did_you_mean_says_it_or_nothing():
    assert did_you_mean("climate.arms", FIELDS) == "did you mean 'climate.arms_control'?"
    assert did_you_mean("zzz", FIELDS) == ""
