"""The lineage as a timeline, and each paper's neighbourhood.

`lineage_data` places every paper of the knowledge graph (vlkb.outputs.graph) for the graph page: x is the
date of its first public version, y a lane per taxonomy stream and a row inside the lane, packed so that
papers close in time do not sit on one another. The data is columnar (one list per field), the form
plotly takes; site_src/assets/js/vlkb-graph.js draws it, filters it and finds papers in it.

`neighbourhood_html` is the Lineage section of a paper page: what it builds on, what builds on it, and
the papers that share its vision encoder or language model, each list short, with the rest one click away.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vlkb.schema import Paper
from vlkb.site.common import rel
from vlkb.site.html import esc, internal
from vlkb.site.index import SiteIndex, paper_href, paper_name

if TYPE_CHECKING:  # the graph page passes the knowledge graph in; whoever builds it imports networkx
    import networkx as nx

MAIN_STREAMS = ("vision-to-text", "vision-to-action", "text-to-vision")
"""The survey's three streams (arXiv 2501.02765, Sections 3-5) take the top lanes in this order; the other
streams (applications, challenges, surveys) follow by label. The graph's taxonomy nodes carry no order."""
NO_STREAM = "no-stream"

ROW_GAP_DAYS = 30
"""Two papers share a row of their lane only when their dates lie at least this far apart: at 1280 px the
full timeline (2019-2026) shows about 2.4 days a pixel, so 30 days keep two 8 px markers 12 px apart; with
MAX_ROWS 14 no two papers of a row fall within 15 days of each other (measured on the 631-paper catalog)."""
MAX_ROWS = 14
"""Rows per lane at most; past it a paper takes the row that has been free longest (markers may touch)."""
OUTLIER_GAP_DAYS = 365
"""The opening view leaves out the earliest papers while each lies more than this before the next: one 2019
paper three years before the rest would otherwise take 40% of the chart's width. A double-click shows all."""
VIEW_MARGIN_DAYS = 45
HUB = 3
"""A paper that at least this many papers build on is labelled on the timeline, not only on hover."""

KIND_COLOURS = {"model": "#3f51b5", "method": "#00897b", "benchmark": "#ef6c00", "dataset": "#7cb342",
                "survey": "#8e24aa", "analysis": "#6d4c41", "framework": "#d81b60"}
"""One colour per paper kind (vlkb.schema.PaperKind); the page's kind filter shows the same swatches."""
OTHER_COLOUR = "#607d8b"

SHARED_SHOWN = 5
"""Papers listed per shared component on a paper page; the component page lists them all."""


def _lane_order(graph: nx.DiGraph) -> list[tuple[str, str]]:
    streams = {str(d.get("id")): str(d.get("label") or d.get("id")) for _, d in graph.nodes(data=True)
               if d.get("kind") == "stream"}
    first = [s for s in MAIN_STREAMS if s in streams]
    rest = sorted((s for s in streams if s not in MAIN_STREAMS), key=lambda s: (streams[s].casefold(), s))
    return [(s, streams[s]) for s in first + rest]


def _pack_rows(dates: list[dt.date]) -> list[int]:
    """A row for each of `dates` (sorted), greedy: the lowest row free for ROW_GAP_DAYS, else the row used
    longest ago (rows with the same last date in turn)."""
    last: list[tuple[dt.date, int]] = []  # per row: the date of its last paper, and that paper's position
    rows = []
    for position, day in enumerate(dates):
        free = next((r for r, (seen, _) in enumerate(last) if (day - seen).days >= ROW_GAP_DAYS), None)
        if free is None and len(last) < MAX_ROWS:
            free = len(last)
            last.append((day, position))
        elif free is None:
            free = min(range(len(last)), key=lambda r: last[r])
        last[free] = (day, position)
        rows.append(free)
    return rows


def lineage_data(graph: nx.DiGraph) -> dict[str, Any]:
    """Every paper node placed on the timeline, and every builds_on edge as [paper, the paper it builds on]
    (indices into `papers`). Deterministic: papers by (lane, date, id)."""
    lanes = _lane_order(graph)
    lane_index = {stream: i for i, (stream, _) in enumerate(lanes)}
    stream_of: dict[str, set[str]] = {}
    for a, b, d in graph.edges(data=True):
        if d.get("relation") == "in_leaf":
            stream_of.setdefault(a, set()).add(str(graph.nodes[b].get("id", "")).split("/", 1)[0])
    papers = []
    for node, d in graph.nodes(data=True):
        if d.get("kind") != "paper":
            continue
        ranked = sorted(lane_index[s] for s in stream_of.get(node, ()) if s in lane_index)
        papers.append((ranked[0] if ranked else len(lanes), dt.date.fromisoformat(str(d["date"])), str(d["id"]),
                       node, d, ranked))
    if any(lane == len(lanes) for lane, *_ in papers):
        lanes.append((NO_STREAM, "No stream"))
    papers.sort(key=lambda p: p[:3])
    rows: list[int] = []
    lane_rows = []
    for lane in range(len(lanes)):
        packed = _pack_rows([p[1] for p in papers if p[0] == lane])
        rows += packed
        lane_rows.append(max(packed, default=-1) + 1)
    kinds_count: dict[str, int] = {}
    for *_, d, _ in papers:
        kind = str(d.get("paper_kind", "other"))
        kinds_count[kind] = kinds_count.get(kind, 0) + 1
    kinds = sorted(kinds_count, key=lambda k: (-kinds_count[k], k))
    position = {p[3]: i for i, p in enumerate(papers)}
    edges = sorted([position[a], position[b]] for a, b, d in graph.edges(data=True)
                   if d.get("relation") == "builds_on" and a in position and b in position)
    return {
        "lanes": [{"id": stream, "label": label, "rows": lane_rows[i], "papers": sum(p[0] == i for p in papers)}
                  for i, (stream, label) in enumerate(lanes)],
        "kinds": [{"id": kind, "colour": KIND_COLOURS.get(kind, OTHER_COLOUR), "papers": kinds_count[kind]}
                  for kind in kinds],
        "papers": {"id": [p[2] for p in papers],
                   "name": [str(p[4].get("short_name") or p[4].get("title") or p[2]) for p in papers],
                   "date": [p[1].isoformat() for p in papers],
                   "lane": [p[0] for p in papers], "row": rows,
                   "streams": [p[5] for p in papers],
                   "kind": [kinds.index(str(p[4].get("paper_kind", "other"))) for p in papers]},
        "edges": edges,
        "hub": HUB,
        **_opening_view(sorted(p[1] for p in papers)),
    }


def _opening_view(dates: list[dt.date]) -> dict[str, Any]:
    """The date range the chart opens on, and how many papers lie before it (OUTLIER_GAP_DAYS)."""
    if not dates:
        return {"view": None, "before_view": 0}
    first = 0
    while first + 1 < len(dates) and (dates[first + 1] - dates[first]).days > OUTLIER_GAP_DAYS:
        first += 1
    margin = dt.timedelta(days=VIEW_MARGIN_DAYS)
    return {"view": [(dates[first] - margin).isoformat(), (dates[-1] + margin).isoformat()], "before_view": first}


def graph_find_href(src: str, paper_id: str) -> str:
    """The graph page centred on one paper (vlkb-graph.js reads `find`); ids are a-z0-9-, safe in a URL."""
    return rel(src, "graph/") + f"?find={paper_id}"


def _by_date(index: SiteIndex, ids: list[str]) -> list[str]:
    papers = index.catalog.papers
    return sorted(ids, key=lambda pid: (papers[pid].date, pid) if pid in papers else (dt.date.max, pid))


def _paper_item(index: SiteIndex, src: str, pid: str) -> str:
    other = index.catalog.papers.get(pid)
    if other is None:
        return esc(pid)
    return f"{internal(rel(src, paper_href(pid)), paper_name(other))} <small>{other.date.year}</small>"


def _column(index: SiteIndex, src: str, title: str, ids: list[str]) -> str:
    items = "".join(f"<li>{_paper_item(index, src, pid)}</li>" for pid in _by_date(index, ids))
    return f"<div><h3>{title}</h3>" + (f"<ul>{items}</ul>" if items else "<p>None recorded.</p>") + "</div>"


ROLE_LABELS = (("vision_encoder", "vision encoder"), ("language_model", "language model"))


def _shared_components(index: SiteIndex, src: str, paper: Paper) -> str:
    """One line per vision encoder and language model of the paper: the other papers using it, newest first,
    at most SHARED_SHOWN, and a link to the component page for the rest."""
    seen: dict[str, str] = {}
    for role, label in ROLE_LABELS:
        for arch in paper.architecture:
            component = getattr(arch, role)
            if component and component not in seen:
                seen[component] = label
    if not seen:
        return ""
    lines = []
    for cid, label in seen.items():
        component = index.catalog.components.get(cid)
        others = [p for p in index.component_papers.get(cid, []) if p.id != paper.id]
        if component is None or not others:
            continue
        shown = ", ".join(internal(rel(src, paper_href(p.id)), paper_name(p)) for p in others[:SHARED_SHOWN])
        rest = len(others) - SHARED_SHOWN
        more = f" and {internal(rel(src, f'components/{cid}/') + '#users', f'{rest} more')}" if rest > 0 else ""
        count = f"{len(others)} other paper" + ("s" if len(others) != 1 else "")
        lines.append(f"<li>{internal(rel(src, f'components/{cid}/'), component.name)} ({label}), also in "
                     f"{count}: {shown}{more}</li>")
    body = f"<ul>{''.join(lines)}</ul>" if lines else "<p>No other paper in vlkb records one of its components.</p>"
    return "<h3>Shares components with</h3>" + body


def neighbourhood_html(index: SiteIndex, src: str, paper: Paper) -> str:
    """Builds on -> this paper -> built upon by, as three columns read left to right in time; then the
    papers sharing its components, and a link to this paper on the lineage timeline."""
    diagram = ('<div class="vlkb-neighbourhood">'
               + _column(index, src, "Builds on", list(paper.builds_on))
               + '<span class="vlkb-arrow" aria-hidden="true">→</span>'
               + f'<div class="vlkb-self"><h3>This paper</h3><p>{esc(paper_name(paper))} '
               f"<small>{paper.date.year}</small></p></div>"
               + '<span class="vlkb-arrow" aria-hidden="true">→</span>'
               + _column(index, src, "Built upon by", index.built_upon_by.get(paper.id, []))
               + "</div>")
    find = f'<p><a href="{esc(graph_find_href(src, paper.id))}">Show it on the lineage graph</a></p>'
    return diagram + _shared_components(index, src, paper) + find
