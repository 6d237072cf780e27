"""The grammar of a count as a source states it ("7B", "7.06B", "304M", "576"), defined once.

The schema validates with the pattern, the site sorts and buckets by the value, and the reproductions
compare a computed count at the precision the statement implies. Kept free of pydantic and torch so that
every one of them (the GPU machine's reproductions included) can import it.
"""

from __future__ import annotations

import re

STATED_COUNT_PATTERN = r"^(?:\d+(?:\.\d+)?[KMBT]|\d+)$"
"""A decimal with a K/M/B/T suffix, or an exact integer: the precision as written is kept."""

_PARTS = re.compile(r"^(\d+)(?:\.(\d+))?([KMBT]?)$")
_SCALE = {"": 1, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def _parts(value: str) -> tuple[str, str, str]:
    match = _PARTS.match(value) if re.match(STATED_COUNT_PATTERN, value) else None
    if not match:
        raise ValueError(f"stated value {value!r} is not a number with an optional K/M/B/T suffix")
    return match.group(1), match.group(2) or "", match.group(3)


def parse_stated(value: str) -> tuple[float, float]:
    """Number and half a unit of its last stated digit: the tolerance the statement implies."""
    whole, decimals, suffix = _parts(value)
    scale = _SCALE[suffix]
    number = float(f"{whole}.{decimals}" if decimals else whole) * scale
    half_unit = 0.0 if not suffix and not decimals else 0.5 * scale * 10 ** -len(decimals)
    return number, half_unit


def precision_of(value: str) -> str:
    """'exact', or the unit of the last stated digit: "7.06B" -> "0.01B", "222M" -> "1M"."""
    _, decimals, suffix = _parts(value)
    if not suffix and not decimals:
        return "exact"
    return (f"0.{'0' * (len(decimals) - 1)}1" if decimals else "1") + suffix


def stated_count(text: str | None) -> float | None:
    """'7B' -> 7e9, '7.06B' -> 7.06e9, '304M' -> 3.04e8, an integer -> itself; None when absent or malformed."""
    try:
        return parse_stated(text)[0] if text else None
    except ValueError:
        return None
