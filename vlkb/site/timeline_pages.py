"""Timelines: papers per month by stream, cumulative growth, and models with their lineage edges."""

from __future__ import annotations

from collections import Counter

from vlkb.site.common import rel
from vlkb.site.page_body import GeneratedPage
from vlkb.site.html import block, chart, esc, heading
from vlkb.site.index import SiteIndex, paper_href, paper_name


def timeline_page(index: SiteIndex) -> GeneratedPage:
    src = "timeline.md"
    labels = {s.id: s.label for s in index.catalog.taxonomy.streams} if index.catalog.taxonomy else {}
    per_month: dict[str, Counter] = {s: Counter() for s in labels}
    for paper in index.papers_sorted:
        for stream in index.streams(paper):
            per_month.setdefault(stream, Counter())[paper.date.strftime("%Y-%m")] += 1
    months = sorted({m for c in per_month.values() for m in c})
    monthly = [{"type": "bar", "name": esc(labels.get(s, s)), "x": months, "y": [c[m] for m in months]}
               for s, c in per_month.items() if c]
    cumulative = []
    for s, c in per_month.items():
        if not c:
            continue
        total, ys = 0, []
        for m in months:
            total += c[m]
            ys.append(total)
        cumulative.append({"type": "scatter", "mode": "lines", "name": esc(labels.get(s, s)), "x": months, "y": ys})
    layout = {"height": 380, "margin": {"l": 40, "r": 10, "t": 10, "b": 40}, "legend": {"orientation": "h"}}
    parts = [block('<h1 id="timeline">Timeline</h1>',
                   "<p>Papers by the month of their first public version, per stream of the survey's taxonomy "
                   "(a paper on leaves of two streams counts in both).</p>"),
             heading(2, "Papers per month", "per-month"),
             chart("per-month", {"data": monthly, "layout": {**layout, "barmode": "stack"}},
                   alt="Stacked bar chart of papers per month, one colour per stream."),
             heading(2, "Cumulative growth", "growth"),
             chart("growth", {"data": cumulative, "layout": layout},
                   alt="Line chart of the running total of papers per stream."),
             heading(2, "Models and their lineage", "lineage"),
             chart("lineage", lineage_figure(index, src, labels),
                   alt="Scatter chart of model papers by date and stream; lines join a model to the work it builds on. "
                       "Click a point to open the paper.")]
    return GeneratedPage(src_uri=src, title="Timeline", body_html="".join(parts), charts=True,
                         description="How visual large language models appeared over time")


def lineage_figure(index: SiteIndex, src: str, labels: dict[str, str]) -> dict:
    models = [p for p in sorted(index.catalog.papers.values(), key=lambda p: (p.date, p.id)) if p.kind == "model"]
    stream_order = list(labels)
    position = {}
    for i, paper in enumerate(models):
        stream = index.streams(paper)[0]
        lane = stream_order.index(stream) if stream in stream_order else len(stream_order)
        position[paper.id] = (paper.date.isoformat(), lane + (i % 5) * 0.12 - 0.24)
    edge_x, edge_y = [], []
    for paper in models:
        for parent in sorted(paper.builds_on):
            if parent in position:
                edge_x += [position[parent][0], position[paper.id][0], None]
                edge_y += [position[parent][1], position[paper.id][1], None]
    points = {"type": "scatter", "mode": "markers", "name": "model",
              "x": [position[p.id][0] for p in models], "y": [position[p.id][1] for p in models],
              "text": [esc(paper_name(p)) for p in models], "customdata": [rel(src, paper_href(p.id)) for p in models],
              "hovertemplate": "%{text}<br>%{x}<extra></extra>", "marker": {"size": 8}}
    edges = {"type": "scatter", "mode": "lines", "name": "builds on", "x": edge_x, "y": edge_y,
             "hoverinfo": "skip", "line": {"width": 1, "color": "#999"}}
    ticks = {"tickvals": list(range(len(stream_order))), "ticktext": [esc(labels[s]) for s in stream_order]}
    return {"data": [edges, points],
            "layout": {"height": 460, "margin": {"l": 130, "r": 10, "t": 10, "b": 40}, "yaxis": ticks,
                       "showlegend": False},
            "vlkb": {"click": "customdata"}}
