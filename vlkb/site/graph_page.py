"""The graph page: the knowledge graph of vlkb.graph (taxonomy, lineage, components, benchmarks) as an
interactive plotly view. Positions come from a seeded layout so the same catalog draws the same graph."""

from __future__ import annotations

import math

import networkx as nx

from vlkb.site.common import GeneratedPage
from vlkb.site.html import block, chart, esc, heading

SPRING_LIMIT = 800
"""Above this many nodes the force layout is too slow for a build; nodes go on rings by kind instead."""


def graph_page(graph: nx.DiGraph | None) -> GeneratedPage:
    src = "graph.md"
    if graph is None:
        body = block('<h1 id="graph">Graph</h1>', "<p>The knowledge graph is not available in this build.</p>")
        return GeneratedPage(src_uri=src, title="Graph", markdown=body)
    figure = graph_figure(graph)
    kinds = sorted({str(d.get("kind", "other")) for _, d in graph.nodes(data=True)})
    body = [block('<h1 id="graph">Graph</h1>',
                  f"<p>{graph.number_of_nodes()} nodes ({esc(', '.join(kinds))}) and {graph.number_of_edges()} "
                  "edges: taxonomy membership, lineage (builds on), components used and benchmarks reported. "
                  "Hover a node for its name; the GraphML download on the Data page has it all.</p>"),
            heading(2, "Interactive view", "view"),
            chart("graph", figure, alt=f"Network chart of {graph.number_of_nodes()} nodes coloured by kind.")]
    return GeneratedPage(src_uri=src, title="Graph", markdown="".join(body), charts=True,
                         description="The taxonomy and lineage graph of vlkb")


def layout(graph: nx.DiGraph) -> dict:
    nodes = sorted(graph.nodes, key=str)
    if len(nodes) <= SPRING_LIMIT:
        ordered = nx.DiGraph()
        ordered.add_nodes_from(nodes)
        ordered.add_edges_from(sorted(graph.edges, key=lambda e: (str(e[0]), str(e[1]))))
        return nx.spring_layout(ordered, seed=7, iterations=60)
    kinds = sorted({str(graph.nodes[n].get("kind", "other")) for n in nodes})
    placed = {}
    for ring, kind in enumerate(kinds, start=1):
        members = [n for n in nodes if str(graph.nodes[n].get("kind", "other")) == kind]
        for i, node in enumerate(members):
            angle = 2 * math.pi * i / max(len(members), 1)
            placed[node] = (ring * math.cos(angle), ring * math.sin(angle))
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
                                       "xaxis": {"visible": False}, "yaxis": {"visible": False},
                                       "legend": {"orientation": "h"}, "hovermode": "closest"}}
