"""Intervals for the verdicts: a paired t-interval across seeds and Wilson intervals per arm.

Pure Python (math, statistics) so results do not depend on numpy or scipy being present. The
Student-t quantile is found by bisection on the t CDF, which is integrated with Simpson's rule;
tests check it against closed forms (df = 1 and 2) and the normal limit.
"""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist


def t_cdf(x: float, df: int) -> float:
    """P(T <= x) for Student's t with `df` degrees of freedom."""
    if x < 0:
        return 1.0 - t_cdf(-x, df)
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)

    def density(t: float) -> float:
        return math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))

    # Integrate over u = atan(t) so long tails (df = 1, 2) are covered on a finite range.
    upper = math.atan(x)
    steps = 4000  # even; error well below 1e-10 for the df and x used here
    h = upper / steps
    total = 0.0
    for i in range(steps + 1):
        u = i * h
        weight = 1 if i in (0, steps) else (4 if i % 2 else 2)
        total += weight * density(math.tan(u)) / math.cos(u) ** 2
    return 0.5 + total * h / 3


@lru_cache(maxsize=None)  # pure and slow (bisection over an integral): power checks ask for the same ones
def t_quantile(p: float, df: int) -> float:
    """The `p` quantile of Student's t with `df` degrees of freedom (bisection to 1e-12)."""
    if not 0 < p < 1:
        raise ValueError(f"t_quantile: p must be in (0, 1), got {p}")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    while high - low > 1e-12 * max(1.0, high):
        middle = (low + high) / 2
        low, high = (middle, high) if t_cdf(middle, df) < p else (low, middle)
    return (low + high) / 2


def paired_interval(differences: list[float], confidence: float = 0.95) -> dict:
    """Mean of paired differences with a two-sided t-interval (n - 1 degrees of freedom)."""
    n = len(differences)
    if n < 2:
        raise ValueError(f"paired_interval needs at least 2 paired differences, got {n}")
    mean = sum(differences) / n
    sd = math.sqrt(sum((d - mean) ** 2 for d in differences) / (n - 1))
    critical = t_quantile(0.5 + confidence / 2, n - 1)
    half_width = critical * sd / math.sqrt(n)
    return {
        "n": n,
        "mean": mean,
        "sd": sd,
        "t_critical": critical,
        "low": mean - half_width,
        "high": mean + half_width,
        "confidence": confidence,
    }


def wilson_interval(successes: int, trials: int, confidence: float = 0.95) -> dict:
    """Wilson score interval for a binomial proportion (Wilson 1927)."""
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"wilson_interval: need 0 <= successes <= trials and trials > 0, got {successes}/{trials}")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return {
        "successes": successes,
        "trials": trials,
        "rate": p,
        # At 0 or all successes the bound is exactly 0 or 1; rounding would leave 1e-17 off it.
        "low": 0.0 if successes == 0 else max(0.0, centre - half_width),
        "high": 1.0 if successes == trials else min(1.0, centre + half_width),
        "confidence": confidence,
    }


def verdict(interval: dict, margin: float) -> str:
    """'supported' when the whole interval lies above the margin, 'refuted' when it lies below it,
    otherwise 'inconclusive'. The margin is the smallest effect the miniature calls real."""
    if interval["low"] > margin:
        return "supported"
    if interval["high"] < margin:
        return "refuted"
    return "inconclusive"


def half_width(sd: float, seeds: int, confidence: float = 0.95) -> float:
    """Half-width of the paired t-interval that `seeds` differences with standard deviation `sd` give."""
    return t_quantile(0.5 + confidence / 2, seeds - 1) * sd / math.sqrt(seeds)


MAX_SEEDS = 1000


def power_check(*, pilot_effect: float, pilot_sd: float, margin: float, seeds: int, pilot_seeds: int,
                basis: str, confidence: float = 0.95) -> dict:
    """Whether `seeds` seeds can decide, if the evidence run behaves like its pilot.

    A verdict needs the interval clear of the margin: its half-width must be below the distance from
    the expected effect to the margin (either side: "supported" above it, "refuted" below it). The
    pilot's standard deviation of the paired differences stands in for the evidence run's; where the
    pilot had too few seeds to estimate it, `pilot_sd` is a stated guess and `basis` says so."""
    distance = abs(pilot_effect - margin)
    width = half_width(pilot_sd, seeds, confidence)
    needed = None  # more than MAX_SEEDS: no practical run decides
    if half_width(pilot_sd, MAX_SEEDS, confidence) < distance:
        low, high = 1, MAX_SEEDS  # half_width falls with n: bisect for the first n that clears the margin
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if half_width(pilot_sd, middle, confidence) < distance else (middle, high)
        needed = high
    return {
        "pilot_effect": pilot_effect,
        "pilot_sd": pilot_sd,
        "pilot_seeds": pilot_seeds,
        "margin": margin,
        "seeds": seeds,
        "expected_half_width": width,
        "seeds_needed": needed,
        "decides": width < distance,
        "expected_verdict": ("supported" if pilot_effect > margin else "refuted") if width < distance else "inconclusive",
        "basis": basis,
    }


def pilot_power_checks(pilot_differences: dict[str, list[float]], margins: dict[str, float], *, seeds: int,
                       test_trials: int, basis: str) -> dict[str, dict]:
    """A power check per comparison from the pilot's paired differences (one per pilot seed).

    Two pilot seeds give a standard deviation with one degree of freedom, so it is floored at the
    binomial standard deviation of a difference of two rates on `test_trials` shared test items at
    p = 1/2 (the largest): a pilot that happened to agree with itself does not promise a narrow interval."""
    floor = math.sqrt(2 * 0.25 / test_trials)
    checks = {}
    for claim, differences in pilot_differences.items():
        mean = sum(differences) / len(differences)
        sd = math.sqrt(sum((d - mean) ** 2 for d in differences) / (len(differences) - 1)) if len(differences) > 1 else 0.0
        checks[claim] = power_check(pilot_effect=mean, pilot_sd=max(sd, floor), margin=margins[claim], seeds=seeds,
                                    pilot_seeds=len(differences), basis=basis)
        checks[claim]["pilot_differences"] = list(differences)
    return checks
