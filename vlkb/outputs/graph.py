"""The catalog as one directed graph: taxonomy, papers, their lineage, components and benchmarks.

Node ids are prefixed by what they are (`paper:llava`, `taxonomy:vision-to-text/image-to-text`,
`component:clip-vit-l-14-336`, `benchmark:vqav2`) so that ids from different folders never collide.
Every edge carries `relation`: child_of (taxonomy node -> parent), in_leaf (paper -> leaf),
builds_on (paper -> earlier paper), uses_component (paper -> component, with `role` and `variants`),
evaluated_on (paper -> benchmark, with `results`, the number of result rows).
Nodes and edges are added in sorted order and no attribute is None, so GraphML output is
byte-stable and readable by tools that refuse empty values.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from vlkb.loading.catalog import Catalog


def taxonomy_node(path: str) -> str:
    return f"taxonomy:{path}"


def paper_node(paper_id: str) -> str:
    return f"paper:{paper_id}"


def component_node(component_id: str) -> str:
    return f"component:{component_id}"


def benchmark_node(benchmark_id: str) -> str:
    return f"benchmark:{benchmark_id}"


def _attrs(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def knowledge_graph(catalog: Catalog) -> nx.DiGraph:
    """Every record of `catalog` and every reference between them that resolves."""
    graph = nx.DiGraph()
    if catalog.taxonomy is not None:
        for path, trail in sorted(catalog.taxonomy.nodes().items()):
            node = trail[-1]
            kind = "stream" if len(trail) == 1 else ("leaf" if not node.children else "category")
            graph.add_node(taxonomy_node(path), kind=kind, id=path, label=node.label, depth=len(trail))
        for path, trail in sorted(catalog.taxonomy.nodes().items()):
            if len(trail) > 1:
                parent = path.rsplit("/", 1)[0]
                graph.add_edge(taxonomy_node(path), taxonomy_node(parent), relation="child_of")
    for paper_id in sorted(catalog.papers):
        paper = catalog.papers[paper_id]
        graph.add_node(paper_node(paper_id), **_attrs(
            kind="paper", id=paper_id, title=paper.title, short_name=paper.short_name, date=paper.date.isoformat(),
            venue=paper.venue, venue_year=paper.venue_year, arxiv=paper.arxiv, paper_kind=paper.kind))
    for component_id in sorted(catalog.components):
        component = catalog.components[component_id]
        graph.add_node(component_node(component_id), **_attrs(
            kind="component", id=component_id, name=component.name, component_type=component.type,
            family=component.family, parameters=component.parameters))
    for benchmark_id in sorted(catalog.benchmarks):
        benchmark = catalog.benchmarks[benchmark_id]
        graph.add_node(benchmark_node(benchmark_id), kind="benchmark", id=benchmark_id, name=benchmark.name,
                       task=benchmark.task)
    for paper_id in sorted(catalog.papers):
        _paper_edges(graph, catalog, paper_id)
    return graph


def _paper_edges(graph: nx.DiGraph, catalog: Catalog, paper_id: str) -> None:
    paper = catalog.papers[paper_id]
    source = paper_node(paper_id)
    for leaf in sorted(paper.taxonomy):
        if graph.has_node(taxonomy_node(leaf)):
            graph.add_edge(source, taxonomy_node(leaf), relation="in_leaf")
    for parent in sorted(paper.builds_on):
        if parent in catalog.papers:
            graph.add_edge(source, paper_node(parent), relation="builds_on")
    uses: dict[tuple[str, str], list[str]] = {}
    for arch in paper.architecture:
        for role in ("vision_encoder", "language_model"):
            ref = getattr(arch, role)
            if ref and ref in catalog.components:
                uses.setdefault((ref, role), []).append(arch.variant)
    for (ref, role), variants in sorted(uses.items()):
        target = component_node(ref)
        if graph.has_edge(source, target):  # one component in two roles: keep both names
            edge = graph.edges[source, target]
            edge["role"] = ";".join(sorted({*edge["role"].split(";"), role}))
            edge["variants"] = ";".join(sorted({*edge["variants"].split(";"), *variants}))
        else:
            graph.add_edge(source, target, relation="uses_component", role=role, variants=";".join(sorted(set(variants))))
    counts: dict[str, int] = {}
    for result in paper.results:
        if result.benchmark in catalog.benchmarks:
            counts[result.benchmark] = counts.get(result.benchmark, 0) + 1
    for benchmark_id, count in sorted(counts.items()):
        graph.add_edge(source, benchmark_node(benchmark_id), relation="evaluated_on", results=count)
