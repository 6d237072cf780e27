"""The interval arithmetic behind every miniature verdict."""

import math
from statistics import NormalDist

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from reproductions.miniatures.stats import paired_interval, t_cdf, t_quantile, verdict, wilson_interval


def test_t_quantile_matches_the_cauchy_closed_form_at_one_degree_of_freedom():
    assert t_quantile(0.975, 1) == pytest.approx(math.tan(math.pi * 0.475), rel=1e-9)


def test_t_quantile_matches_the_closed_form_at_two_degrees_of_freedom():
    p = 0.975  # F(t) = 1/2 + t / (2 sqrt(2 + t^2))  =>  t = (2p - 1) / sqrt(2 p (1 - p))
    assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-9)


def test_t_quantile_tends_to_the_normal_quantile():
    assert t_quantile(0.975, 100_000) == pytest.approx(NormalDist().inv_cdf(0.975), abs=1e-4)


def test_t_cdf_is_symmetric_and_monotone():
    assert t_cdf(0.0, 4) == pytest.approx(0.5)
    assert t_cdf(-1.3, 4) == pytest.approx(1 - t_cdf(1.3, 4))
    assert t_cdf(1.0, 4) < t_cdf(2.0, 4) < 1


def test_paired_interval_is_the_t_interval_of_the_differences():
    interval = paired_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    half = t_quantile(0.975, 4) * math.sqrt(2.5) / math.sqrt(5)
    assert interval["mean"] == 3.0 and interval["n"] == 5
    assert interval["low"] == pytest.approx(3 - half) and interval["high"] == pytest.approx(3 + half)


def test_paired_interval_needs_two_seeds():
    with pytest.raises(ValueError, match="at least 2"):
        paired_interval([0.1])


def test_wilson_interval_stays_in_the_unit_interval_and_contains_the_rate():
    for successes, trials in [(0, 10), (10, 10), (3, 7), (500, 1000)]:
        interval = wilson_interval(successes, trials)
        assert 0 <= interval["low"] <= successes / trials <= interval["high"] <= 1
    assert wilson_interval(0, 10)["low"] == 0 and wilson_interval(10, 10)["high"] == pytest.approx(1)


def test_wilson_interval_narrows_with_more_trials():
    small, large = wilson_interval(5, 10), wilson_interval(500, 1000)
    assert large["high"] - large["low"] < small["high"] - small["low"]


def test_wilson_interval_rejects_impossible_counts():
    with pytest.raises(ValueError, match="successes"):
        wilson_interval(11, 10)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0.05, 0.2, "supported"), (-0.1, 0.01, "refuted"), (-0.05, 0.1, "inconclusive")],
)
def test_verdict_compares_the_interval_with_the_margin(low, high, expected):
    assert verdict({"low": low, "high": high}, margin=0.02) == expected


def test_power_check_finds_the_seeds_whose_interval_clears_the_margin():
    from reproductions.miniatures.stats import half_width, power_check

    check = power_check(pilot_effect=0.3, pilot_sd=0.1, margin=0.05, seeds=6, pilot_seeds=2, basis="test")
    assert check["decides"] and check["expected_verdict"] == "supported"
    needed = check["seeds_needed"]
    assert half_width(0.1, needed) < 0.25 <= half_width(0.1, needed - 1)
    assert check["expected_half_width"] == pytest.approx(t_quantile(0.975, 5) * 0.1 / math.sqrt(6))


def test_power_check_says_when_six_seeds_cannot_decide():
    from reproductions.miniatures.stats import power_check

    close = power_check(pilot_effect=0.1, pilot_sd=0.1, margin=0.05, seeds=6, pilot_seeds=2, basis="test")
    assert not close["decides"] and close["expected_verdict"] == "inconclusive" and close["seeds_needed"] > 6
    hopeless = power_check(pilot_effect=0.0501, pilot_sd=0.1, margin=0.05, seeds=6, pilot_seeds=2, basis="test")
    assert hopeless["seeds_needed"] is None
    below = power_check(pilot_effect=-0.1, pilot_sd=0.05, margin=0.05, seeds=6, pilot_seeds=2, basis="test")
    assert below["expected_verdict"] == "refuted"
