"""Reported numbers next to independent re-evaluations of the same released model.

A re-evaluated row is paired with the reported (or quoted) rows of the same record for the same variant,
benchmark and metric, the same split first. The gap is shown in the metric's own points; its tier, the
one VLMEvalKit drafted for its own comparison (within 2.5 points, within 5, more than 5), reads the gap
on a 0-100 scale: a metric with another range (MME's 0-2000, OCRBench's 0-1000) is scaled to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vlkb.loading.catalog import Catalog
from vlkb.schema import Paper, Result

TIERS = ((2.5, "within 2.5"), (5.0, "within 5"), (float("inf"), "more than 5"))


@dataclass(frozen=True)
class Pair:
    paper: Paper
    reported: Result
    re_evaluated: Result
    span: float = 100.0
    """Width of the metric's range (max - min); 100 for a percentage."""

    @property
    def difference(self) -> float:
        """Re-evaluated minus reported, in the metric's points."""
        return round(self.re_evaluated.value - self.reported.value, 6)

    @property
    def scaled_difference(self) -> float:
        """The difference on a 0-100 scale of the metric's range, which the tiers read."""
        return round(self.difference * 100 / self.span, 6)

    @property
    def tier(self) -> str:
        return tier_of(self.scaled_difference)


def tier_of(difference: float) -> str:
    return next(name for bound, name in TIERS if abs(difference) <= bound)


def pairs(paper: Paper, catalog: Catalog | None = None) -> list[Pair]:
    """Every re-evaluated row of `paper` with the reported row it checks (the same split when there is one);
    `catalog` gives each metric's range for the tier (without it, 0-100 is assumed)."""
    claimed = [r for r in paper.results if r.provenance in ("reported", "quoted")]
    found = []
    for row in paper.results:
        if row.provenance != "re-evaluated":
            continue
        candidates = [r for r in claimed if (r.variant, r.benchmark, r.metric) == (row.variant, row.benchmark, row.metric)]
        candidates.sort(key=lambda r: (r.split != row.split, r.provenance != "reported"))
        if candidates:
            found.append(Pair(paper, candidates[0], row, _span(catalog, row)))
    return found


def _span(catalog: Catalog | None, row: Result) -> float:
    bench = catalog.benchmarks.get(row.benchmark) if catalog is not None else None
    metric = bench.metric(row.metric) if bench else None
    return float(metric.max - metric.min) if metric else 100.0


def far_re_evaluations(checked: list[Pair]) -> dict[tuple[str, str, str, str], list[Pair]]:
    """(variant, benchmark, split, metric) of a reported row -> its re-evaluations more than 5 points away."""
    marked: dict[tuple[str, str, str, str], list[Pair]] = {}
    for pair in checked:
        if pair.tier == TIERS[-1][1]:
            r = pair.reported
            marked.setdefault((r.variant, r.benchmark, r.split, r.metric), []).append(pair)
    return marked
