"""The GraphML export: the knowledge graph cut to a selection. Its own module so that networkx (0.1 s to
import) loads only when a graph is asked for, not with every export or `vlkb.load()`."""

from __future__ import annotations

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from vlkb.loading.catalog import Catalog
from vlkb.outputs.exports import Selection, referenced_ids
from vlkb.outputs.graph import benchmark_node, component_node, knowledge_graph, paper_node
from vlkb.schema import Paper


def export_graph(catalog: Catalog, papers: list[Paper], selection: Selection) -> nx.DiGraph:
    """The knowledge graph cut to the selected papers, the taxonomy, and what they reference."""
    graph = knowledge_graph(catalog)
    if selection.is_everything():
        return graph
    components, benchmarks = referenced_ids(papers)
    keep = [n for n, kind in graph.nodes(data="kind") if kind not in ("paper", "component", "benchmark")]
    keep += [paper_node(p.id) for p in papers]
    keep += [component_node(c) for c in sorted(components)] + [benchmark_node(b) for b in sorted(benchmarks)]
    return graph.subgraph(keep).copy()


class _PythonTypesGraphMLWriter(GraphMLWriter):
    """networkx's GraphML writer with only Python value types: the graph holds no numpy values, and the
    stock writer imports numpy to list its types (0.1 s of every site build)."""

    def construct_types(self) -> None:
        types = [(int, "integer"), (str, "yfiles"), (str, "string"), (int, "int"), (int, "long"), (float, "float"),
                 (float, "double"), (bool, "boolean")]  # the stock table, in its order (the last entry wins)
        self.xml_type = dict(types)
        self.python_type = dict(reversed(pair) for pair in types)


def graphml(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    writer = _PythonTypesGraphMLWriter(encoding="utf-8", prettyprint=True, named_key_ids=True)
    writer.add_graph_element(export_graph(catalog, papers, selection))
    return "\n".join(str(writer).splitlines()) + "\n"
