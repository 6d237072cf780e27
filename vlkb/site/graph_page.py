"""The graph page: the knowledge graph of vlkb.outputs.graph (taxonomy, lineage, components, benchmarks) as an
interactive plotly view. Positions come from a seeded layout so the same catalog draws the same graph."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from vlkb.site.page_body import GeneratedPage
from vlkb.site.html import block, chart, esc, heading

if TYPE_CHECKING:  # the page only calls the graph's methods; whoever builds the graph imports networkx
    import networkx as nx

def graph_page(graph: nx.DiGraph | None) -> GeneratedPage:
    src = "graph.md"
    if graph is None:
        raise ValueError("the graph page needs the knowledge graph (SiteInputs.graph is unset)")
    figure = graph_figure(graph)
    kinds = sorted({str(d.get("kind", "other")) for _, d in graph.nodes(data=True)})
    body = [block('<h1 id="graph">Graph</h1>',
                  f"<p>{graph.number_of_nodes()} nodes ({esc(', '.join(kinds))}) and {graph.number_of_edges()} "
                  "edges: taxonomy membership, lineage (builds on), components used and benchmarks reported. "
                  "Taxonomy nodes sit in the middle, papers round them next to their leaf, components and "
                  "benchmarks on the outer rings. Hover a node for its name; the GraphML download on the Data "
                  "page has it all.</p>"),
            heading(2, "Interactive view", "view"),
            chart("graph", figure, alt=f"Network chart of {graph.number_of_nodes()} nodes coloured by kind.")]
    return GeneratedPage(src_uri=src, title="Graph", body_html="".join(body), charts=True,
                         description="The taxonomy and lineage graph of vlkb")


RINGS = {"paper": 1.25, "component": 1.6, "benchmark": 1.85}
"""Radius of each outer ring; taxonomy nodes sit inside by depth (0.25 per level)."""


def layout(graph: nx.DiGraph) -> dict:
    """A radial layout computed in one pass, no solver: leaves evenly round the circle, each inner
    taxonomy node at the mean angle of its leaves, each paper in the sector of its first leaf, and
    components and benchmarks on outer rings. Deterministic, and linear in the node count."""
    def attr(node, key, default=""):
        return graph.nodes[node].get(key, default)

    taxonomy = sorted((n for n in graph.nodes if attr(n, "kind") in ("stream", "category", "leaf")),
                      key=lambda n: str(attr(n, "id", n)))
    leaves = [n for n in taxonomy if attr(n, "kind") == "leaf"]
    step = 2 * math.pi / max(len(leaves), 1)
    angle = {leaf: i * step for i, leaf in enumerate(leaves)}
    placed: dict = {}
    for node in taxonomy:
        path = str(attr(node, "id", node))
        below = [angle[leaf] for leaf in leaves if str(attr(leaf, "id")) == path
                 or str(attr(leaf, "id")).startswith(path + "/")] or [0.0]
        theta = sum(below) / len(below)
        radius = 0.25 * path.count("/") + 0.25
        placed[node] = (radius * math.cos(theta), radius * math.sin(theta))
    in_leaf: dict = {}
    seated: set = set()
    for a, b in sorted(graph.edges, key=lambda e: (str(e[0]), str(e[1]))):
        if attr(a, "kind") == "paper" and b in angle and a not in seated:
            in_leaf.setdefault(b, []).append(a)
            seated.add(a)
    for leaf, members in in_leaf.items():
        for i, node in enumerate(members):
            theta = angle[leaf] + step * (i + 0.5) / len(members) - step / 2
            radius = RINGS["paper"] + 0.08 * (i % 3)
            placed[node] = (radius * math.cos(theta), radius * math.sin(theta))
    rest = sorted((n for n in graph.nodes if n not in placed), key=lambda n: (str(attr(n, "kind")), str(n)))
    by_ring: dict = {}
    for node in rest:
        by_ring.setdefault(RINGS.get(str(attr(node, "kind")), 2.1), []).append(node)
    for radius, members in by_ring.items():
        for i, node in enumerate(members):
            theta = 2 * math.pi * i / len(members)
            placed[node] = (radius * math.cos(theta), radius * math.sin(theta))
    return placed


def node_label(attrs: dict, node: object) -> str:
    """What a reader calls the node: a paper's short name or title, a component's name, a leaf's label."""
    for key in ("short_name", "label", "name", "title"):
        if attrs.get(key):
            return str(attrs[key])
    return str(node)


def graph_figure(graph: nx.DiGraph) -> dict:
    pos = layout(graph)
    edge_x, edge_y = [], []
    for a, b in sorted(graph.edges, key=lambda e: (str(e[0]), str(e[1]))):
        edge_x += [round(float(pos[a][0]), 4), round(float(pos[b][0]), 4), None]
        edge_y += [round(float(pos[a][1]), 4), round(float(pos[b][1]), 4), None]
    traces = [{"type": "scattergl" if len(edge_x) > 30000 else "scatter", "mode": "lines", "x": edge_x,
               "y": edge_y, "hoverinfo": "skip", "line": {"width": 0.5, "color": "#aaa"}, "name": "edges"}]
    by_kind: dict[str, list] = {}
    for node in sorted(graph.nodes, key=str):
        by_kind.setdefault(str(graph.nodes[node].get("kind", "other")), []).append(node)
    for kind, members in sorted(by_kind.items()):
        traces.append({"type": "scatter", "mode": "markers", "name": esc(kind),
                       "x": [round(float(pos[n][0]), 4) for n in members],
                       "y": [round(float(pos[n][1]), 4) for n in members],
                       "text": [esc(node_label(graph.nodes[n], n)) for n in members],
                       "hovertemplate": "%{text}<extra>" + esc(kind) + "</extra>", "marker": {"size": 6}})
    return {"data": traces, "layout": {"height": 640, "margin": {"l": 0, "r": 0, "t": 10, "b": 0},
                                       "xaxis": {"visible": False}, "yaxis": {"visible": False, "scaleanchor": "x"},
                                       "legend": {"orientation": "h"}, "hovermode": "closest"}}
