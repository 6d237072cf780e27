"""How a stream's recorded facts change over time: per half-year, how many models act through discrete
bins, diffusion or flow matching (vision-to-action), or generate by diffusion or autoregression
(text-to-vision). Counted from the `action` and `generation` facts of the papers below a node, one
count per paper and kind (a paper whose variants differ counts once for each kind it uses)."""

from __future__ import annotations

from collections import Counter

from vlkb.schema import Paper
from vlkb.site.html import esc, table


def half_year(paper: Paper) -> str:
    return f"{paper.date.year} H{1 if paper.date.month <= 6 else 2}"


def trend_table(papers: list[Paper], facts: str) -> str | None:
    """A table of half-years by kind for `facts` ("action": representation; "generation": generator), or None."""
    field = {"action": "representation", "generation": "generator"}[facts]
    counts: Counter[tuple[str, str]] = Counter()
    for paper in papers:
        for kind in sorted({getattr(f, field) for f in getattr(paper, facts)}):
            counts[(half_year(paper), kind)] += 1
    if not counts:
        return None
    periods = sorted({period for period, _ in counts})
    kinds = sorted({kind for _, kind in counts})
    rows = [[esc(period), *(str(counts[(period, kind)]) for kind in kinds),
             str(sum(1 for p in papers if half_year(p) == period and getattr(p, facts)))] for period in periods]
    what = "how models act" if facts == "action" else "how models generate"
    return table(["Half-year", *kinds, "Papers with facts"], rows, sortable=False, table_id=f"trend-{facts}",
                 caption=f"{what.capitalize()}, per half-year of the paper's date (papers with recorded {facts} facts)")
