"""The graph page: the lineage of the catalog as a left-to-right timeline a reader can filter and search.

Every paper of the knowledge graph (vlkb.outputs.graph) is a point at the date of its first public version,
in a lane of its stream (vlkb.site.lineage places them); lines join a paper to the work it builds on.
The page holds its data as inline JSON and its controls as plain HTML; site_src/assets/js/vlkb-graph.js
draws the chart with the plotly bundle the site serves itself, filters it by stream and kind, finds a
paper by name and opens a paper's page on a click (no inline script: the CSP forbids it). The table below
the chart lists every builds-on link for readers without the chart. The whole knowledge graph (taxonomy,
components, benchmarks) is the GraphML download.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vlkb.site.common import rel
from vlkb.site.html import SEARCH_EXCLUDE, block, esc, heading, internal, json_for_script, sort_key_cell, table
from vlkb.site.index import paper_href
from vlkb.site.lineage import lineage_data
from vlkb.site.page_body import GeneratedPage

if TYPE_CHECKING:  # the page only calls the graph's methods; whoever builds the graph imports networkx
    import networkx as nx

SRC = "graph.md"


def graph_page(graph: nx.DiGraph | None) -> GeneratedPage:
    if graph is None:
        raise ValueError("the graph page needs the knowledge graph (SiteInputs.graph is unset)")
    data = lineage_data(graph)
    papers, edges = data["papers"], data["edges"]
    alt = (f"Timeline of {len(papers['id'])} papers by the date of their first version, one lane per stream, "
           f"with {len(edges)} lines joining a paper to the work it builds on. Click a point to open the paper.")
    body = [block('<h1 id="graph">Lineage graph</h1>',
                  "<p>Every paper in vlkb by the date of its first public version, left to right, in a lane per "
                  "stream of the survey's taxonomy (a paper of two streams sits in the upper lane). A line joins a "
                  f"paper to the work it builds on ({len(edges)} links); larger points have such links and the most "
                  "built-upon papers carry their names. Find a paper, filter, drag to zoom, click a point to open "
                  "its page. The whole knowledge graph (taxonomy, components, benchmarks) is the GraphML file among "
                  f"the {internal(rel(SRC, 'data/'), 'downloads')}.</p>"),
            block(_controls(data), _chart(data, alt)),
            heading(2, "Every builds-on link", "links"),
            _link_table(data)]
    return GeneratedPage(src_uri=SRC, title="Lineage graph", body_html="".join(body), charts=True, toc=False,
                         description="Which vision-language models build on which, as a timeline")


def _controls(data: dict) -> str:
    def box(group: str, value: str, label: str, count: int, swatch: str = "") -> str:
        mark = f'<span class="vlkb-swatch" style="background:{swatch}"></span>' if swatch else ""
        return (f'<label><input type="checkbox" data-{group}="{esc(value)}" checked> {mark}{esc(label)} '
                f'<span class="vlkb-facet-count">({count})</span></label>')

    lanes = "".join(box("lane", lane["id"], lane["label"], lane["papers"]) for lane in data["lanes"] if lane["papers"])
    kinds = "".join(box("kind", kind["id"], kind["id"], kind["papers"], kind["colour"]) for kind in data["kinds"])
    return (f'<div class="vlkb-lineage-controls" id="lineage-controls" {SEARCH_EXCLUDE}>'
            '<div class="vlkb-toolbar"><label>Find a paper <input type="search" id="lineage-find" '
            'list="lineage-names" placeholder="name or id" autocomplete="off"></label> '
            '<button type="button" class="md-button" id="lineage-reset">Reset view</button> '
            '<label><input type="checkbox" id="lineage-linked"> only papers with lineage links</label></div>'
            '<datalist id="lineage-names"></datalist>'
            f'<div class="vlkb-lineage-filters"><fieldset id="lineage-lanes"><legend>Stream (lane)</legend>{lanes}'
            f'</fieldset><fieldset id="lineage-kinds"><legend>Kind</legend>{kinds}</fieldset></div>'
            f'{_view_note(data)}<p id="lineage-status" aria-live="polite"></p></div>')


def _view_note(data: dict) -> str:
    """Says which papers the opening view leaves out (vlkb.site.lineage.OUTLIER_GAP_DAYS), if any."""
    before = data["before_view"]
    if not before:
        return ""
    papers = data["papers"]
    first = min(range(len(papers["id"])), key=lambda i: (papers["date"][i], papers["id"][i]))
    earlier = f"{before} earlier paper{'s' if before != 1 else ''} (from {papers['date'][first][:4]})"
    return (f'<p class="vlkb-note" id="lineage-view-note">The chart opens on {esc(data["view"][0][:7])} onwards: '
            f"{earlier} sit{'s' if before == 1 else ''} more than a year before the rest; double-click the chart "
            "for the whole timeline.</p>")


def _chart(data: dict, alt: str) -> str:
    """The chart element: class vlkb-chart for the site's chart styles, but no data-figure, so vlkb.js leaves
    it to vlkb-graph.js, which reads the JSON named by data-lineage."""
    return (f'<figure class="vlkb-chart-figure" {SEARCH_EXCLUDE}><div class="vlkb-chart vlkb-lineage" id="lineage" '
            f'role="img" aria-label="{esc(alt)}" data-lineage="lineage-data" data-root="{esc(rel(SRC, ""))}" '
            'data-controls="lineage-controls"></div>'
            f'<script type="application/json" id="lineage-data">{json_for_script(data)}</script>'
            f"<figcaption>{esc(alt)}</figcaption></figure>")


def _link_table(data: dict) -> str:
    papers = data["papers"]
    lanes = [lane["label"] for lane in data["lanes"]]

    def cell(i: int) -> str:
        return internal(rel(SRC, paper_href(papers["id"][i])), papers["name"][i])

    rows = [[cell(child), sort_key_cell(esc(papers["date"][child]), papers["date"][child]), cell(parent),
             sort_key_cell(esc(papers["date"][parent]), papers["date"][parent]), esc(lanes[papers["lane"][child]])]
            for child, parent in sorted(data["edges"], key=lambda e: (papers["date"][e[0]], papers["id"][e[0]],
                                                                      papers["id"][e[1]]))]
    return table(["Paper", "First version", "Builds on", "Its first version", "Lane"], rows,
                 caption=f"{len(rows)} builds-on links, oldest paper first", table_id="lineage-links", fit=True)
