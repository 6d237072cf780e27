"""Reported numbers next to independent re-evaluations of the same released model.

A re-evaluated row is paired with the reported (or quoted) rows of the same record for the same variant,
benchmark and metric, the same split first. The gap is in the metric's own points, and its tier follows
the one VLMEvalKit drafted for its own comparison: within 2.5 points, within 5, more than 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from vlkb.schema import Paper, Result

TIERS = ((2.5, "within 2.5"), (5.0, "within 5"), (float("inf"), "more than 5"))


@dataclass(frozen=True)
class Pair:
    paper: Paper
    reported: Result
    re_evaluated: Result

    @property
    def difference(self) -> float:
        """Re-evaluated minus reported, in the metric's points."""
        return round(self.re_evaluated.value - self.reported.value, 6)

    @property
    def tier(self) -> str:
        return tier_of(self.difference)


def tier_of(difference: float) -> str:
    return next(name for bound, name in TIERS if abs(difference) <= bound)


def pairs(paper: Paper) -> list[Pair]:
    """Every re-evaluated row of `paper` with the reported row it checks (the same split when there is one)."""
    claimed = [r for r in paper.results if r.provenance in ("reported", "quoted")]
    found = []
    for row in paper.results:
        if row.provenance != "re-evaluated":
            continue
        candidates = [r for r in claimed if (r.variant, r.benchmark, r.metric) == (row.variant, row.benchmark, row.metric)]
        candidates.sort(key=lambda r: (r.split != row.split, r.provenance != "reported"))
        if candidates:
            found.append(Pair(paper, candidates[0], row))
    return found


def far_re_evaluations(paper: Paper) -> dict[tuple[str, str, str, str], list[Pair]]:
    """(variant, benchmark, split, metric) of a reported row -> its re-evaluations more than 5 points away."""
    marked: dict[tuple[str, str, str, str], list[Pair]] = {}
    for pair in pairs(paper):
        if pair.tier == TIERS[-1][1]:
            r = pair.reported
            marked.setdefault((r.variant, r.benchmark, r.split, r.metric), []).append(pair)
    return marked
