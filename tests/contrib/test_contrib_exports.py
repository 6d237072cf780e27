"""Exports and the knowledge graph on the fixture catalog: filters, determinism, shapes."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from tests.paths import FIXTURE_CATALOG
from vlkb.loading.catalog import load_catalog
import vlkb.outputs.exports as exports
from vlkb.outputs.exports import FORMATS, Selection, export_bytes, export_catalog, select_papers, source_text
from vlkb.outputs.graph import knowledge_graph
from vlkb.schema import Source

FIXTURE = FIXTURE_CATALOG


@pytest.fixture(scope="module")
def catalog():
    loaded, problems = load_catalog(FIXTURE)
    assert not problems
    return loaded


def ids(catalog, **filters) -> list[str]:
    return [p.id for p in select_papers(catalog, Selection(**filters))]


def test_filters(catalog):
    assert ids(catalog) == ["blip-2", "llava", "llava-1-5", "qwen2-vl"]
    assert ids(catalog, venue="arxiv") == ["blip-2", "qwen2-vl"]
    assert ids(catalog, year_from=2024) == ["qwen2-vl"]
    assert ids(catalog, year_from=2023, year_to=2023) == ["blip-2", "llava", "llava-1-5"]
    assert ids(catalog, taxonomy="vision-to-text") == ids(catalog)
    assert ids(catalog, taxonomy="vision-to-action") == []
    assert ids(catalog, taxonomy="vision-to-text/image-to-text/general-domain/general-ability") == ids(catalog)
    assert ids(catalog, taxonomy="vision-to-text/image-to-text/general") == []  # a path prefix, not a string prefix
    assert ids(catalog, kind="benchmark") == []
    assert ids(catalog, has_code=True) == ids(catalog) and ids(catalog, has_code=False) == []
    assert ids(catalog, benchmark="vqav2") == [] and ids(catalog, component="clip-vit-l-14-336") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(catalog, fmt):
    first = export_bytes(catalog, fmt)
    exports._last_dataset = exports._last_document = ()  # the Parquet tables are made again, not reused
    assert export_bytes(catalog, fmt) == first


def test_unknown_format_is_refused(catalog):
    with pytest.raises(ValueError, match="choose one of"):
        export_catalog(catalog, "xlsx")


def test_json_of_a_selection_holds_only_its_papers(catalog):
    document = json.loads(export_catalog(catalog, "json", Selection(venue="cvpr")))
    assert [p["id"] for p in document["papers"]] == ["llava-1-5"]
    assert "taxonomy" not in document
    full = json.loads(export_catalog(catalog, "json"))
    assert {"papers", "benchmarks", "components", "taxonomy", "venues"} <= set(full)


def test_papers_csv_joins_lists(catalog):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_catalog(catalog, "csv")))}
    assert rows["llava"]["authors"] == "Haotian Liu; Chunyuan Li; Qingyang Wu; Yong Jae Lee"
    assert rows["llava-1-5"]["builds_on"] == "llava" and rows["blip-2"]["venue_year"] == ""


def test_graph_nodes_and_edges(catalog):
    graph = knowledge_graph(catalog)
    assert graph.nodes["paper:llava"]["kind"] == "paper" and graph.nodes["paper:llava"]["date"] == "2023-04-17"
    assert graph.nodes["taxonomy:vision-to-text"]["kind"] == "stream"
    assert graph.nodes["taxonomy:vision-to-text/image-to-text"]["kind"] == "category"
    leaf = "taxonomy:vision-to-text/image-to-text/general-domain/general-ability"
    assert graph.nodes[leaf]["kind"] == "leaf"
    assert graph.edges["paper:llava", leaf]["relation"] == "in_leaf"
    assert graph.edges[leaf, "taxonomy:vision-to-text/image-to-text/general-domain"]["relation"] == "child_of"
    assert graph.edges["paper:llava-1-5", "paper:llava"]["relation"] == "builds_on"
    assert graph.nodes["benchmark:vqav2"]["kind"] == "benchmark"
    assert all(value is not None for _, data in graph.nodes(data=True) for value in data.values())


def test_graphml_reads_back(catalog):
    graph = nx.read_graphml(io.BytesIO(export_catalog(catalog, "graphml").encode("utf-8")))
    assert graph.number_of_nodes() == knowledge_graph(catalog).number_of_nodes()


def test_json_puts_each_record_on_a_line_of_its_own(catalog):
    text = export_catalog(catalog, "json")
    lines = text.splitlines()
    for paper in json.loads(text)["papers"]:
        assert json.dumps(paper, sort_keys=True, ensure_ascii=False) + "," in lines or \
            json.dumps(paper, sort_keys=True, ensure_ascii=False) in lines


def test_graphml_is_what_networkx_itself_writes(catalog):
    expected = "\n".join(nx.generate_graphml(knowledge_graph(catalog), encoding="utf-8", prettyprint=True,
                                             named_key_ids=True)) + "\n"
    assert export_catalog(catalog, "graphml") == expected


def test_source_text_forms():
    assert source_text(Source(arxiv="2310.03744v2", locator="Table 4")) == "arXiv:2310.03744v2 Table 4"
    sha = "0" * 40
    assert source_text(Source(repository="o/n", path="a.py", commit=sha, line=3)) == f"o/n/a.py@{sha}#L3"
    assert source_text(Source(url="https://x.org/a")) == "https://x.org/a"
