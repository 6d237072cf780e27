"""The tables as Parquet: a re-read equals the JSON export row for row, the bytes repeat, the schema is the
documented one and stays put."""

from __future__ import annotations

import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

import vlkb.outputs.exports as exports
from tests.paths import REPO_ROOT
from vlkb.outputs.parquet_out import arrow_schema, arrow_table, parquet_bytes, read_parquet
from vlkb.outputs.tables import TABLES, source_text


@pytest.fixture(scope="module")
def real():
    """The bundled catalog and its JSON export, read back from the export's text as a user would."""
    from vlkb.checks.validation import validate_catalog

    catalog, problems = validate_catalog(REPO_ROOT / "catalog")
    assert problems == [], "the bundled catalog has problems: run vlkb validate catalog"
    return catalog, json.loads(exports.export_catalog(catalog, "json"))


def _reread(catalog, name: str) -> list[dict]:
    return read_parquet(exports.export_bytes(catalog, f"{name}-parquet")).to_pylist()


def _day(text):
    return dt.date.fromisoformat(text) if text else None


def test_the_papers_parquet_reread_equals_the_json_export_row_for_row(real):
    catalog, document = real
    rows = _reread(catalog, "papers")
    papers = sorted(document["papers"], key=lambda p: p["id"])
    assert [r["id"] for r in rows] == [p["id"] for p in papers]
    for row, p in zip(rows, papers):
        links = p.get("links", {})
        expected = {
            "id": p["id"], "short_name": p.get("short_name"), "title": p["title"], "kind": p["kind"],
            "date": _day(p["date"]), "date_precision": p.get("date_precision", "day"), "venue": p["venue"],
            "venue_year": p.get("venue_year"), "arxiv": p.get("arxiv"), "doi": p.get("doi"),
            "paper_url": links.get("paper"), "code_url": links.get("code"),
            "code_status": links.get("code_status", "unknown"), "project_url": links.get("project"),
            "authors": p["authors"].get("names", []), "authors_status": p["authors"]["status"],
            "taxonomy": p["taxonomy"], "input_modalities": p.get("input_modalities", []),
            "output_modalities": p.get("output_modalities", []), "builds_on": p.get("builds_on", []),
            "summary": p.get("summary"), "added": _day(p["added"]), "verified": _day(p.get("verified")),
        }
        assert {k: row[k] for k in expected} == expected, p["id"]
        assert row["year"] == row["date"].year and row["streams"] == sorted({t.split("/")[0] for t in p["taxonomy"]})


def test_the_results_parquet_reread_equals_the_json_export_row_for_row(real):
    catalog, document = real
    expected = []
    for p in sorted(document["papers"], key=lambda p: p["id"]):
        for i, r in enumerate(p.get("results", []), start=1):
            again = r.get("re_evaluation", {})
            expected.append({"paper": p["id"], "position": i, "variant": r["variant"], "benchmark": r["benchmark"],
                             "split": r["split"], "metric": r["metric"], "value": r["value"], "setting": r["setting"],
                             "evaluator": r.get("evaluator"), "provenance": r.get("provenance", "reported"),
                             "direction": r.get("direction"), "source": source_text(r["source"]),
                             "note": r.get("note"), "harness": again.get("harness"),
                             "harness_version": again.get("harness_version"), "judge": again.get("judge"),
                             "re_evaluated_by": again.get("by"), "re_evaluated_on": _day(again.get("date"))})
    assert _reread(catalog, "results") == expected
    assert len(expected) > 1000


def test_the_nested_tables_reread_equal_the_json_records_they_flatten(real):
    catalog, document = real
    papers = sorted(document["papers"], key=lambda p: p["id"])
    nested = {"architectures": "architecture", "actions": "action"}
    for table, field in nested.items():
        rows = _reread(catalog, table)
        records = [(p["id"], i, item) for p in papers for i, item in enumerate(p.get(field, []), start=1)]
        assert [(r["paper"], r["position"]) for r in rows] == [(pid, i) for pid, i, _ in records], table
        for row, (_, _, item) in zip(rows, records):
            same = {k: v for k, v in item.items() if k in row and k not in ("sources", "note")}
            assert {k: row[k] for k in same} == same, (table, row["paper"])
    authors = _reread(catalog, "authors")
    assert [(a["paper"], a["name"]) for a in authors] == [(p["id"], n) for p in papers for n in p["authors"].get("names", [])]
    components = _reread(catalog, "components")
    assert [c["id"] for c in components] == sorted(c["id"] for c in document["components"])
    for row, c in zip(components, sorted(document["components"], key=lambda c: c["id"])):
        assert (row["name"], row["type"], row["family"], row["parameters"]) == (c["name"], c["type"], c["family"],
                                                                                 c.get("parameters"))
        assert all(row[k] == v for k, v in c.get("hyperparameters", {}).items())
    benchmarks = _reread(catalog, "benchmarks")
    assert [(b["id"], b["metric"]) for b in benchmarks] == sorted(
        (b["id"], m["id"]) for b in document["benchmarks"] for m in b["metrics"])
    taxonomy = _reread(catalog, "taxonomy")
    assert {t["path"] for t in taxonomy} == set(catalog.taxonomy.nodes())


def test_two_writes_of_every_table_are_byte_identical(real):
    catalog, _ = real
    for name in TABLES:
        first = exports.export_bytes(catalog, f"{name}-parquet")
        exports._last_dataset = exports._last_document = ()  # made again from the catalog, not reused
        assert exports.export_bytes(catalog, f"{name}-parquet") == first, name


def test_every_parquet_file_has_the_documented_schema_with_descriptions(real):
    catalog, _ = real
    for name, spec in TABLES.items():
        schema = pq.read_schema(io.BytesIO(exports.export_bytes(catalog, f"{name}-parquet")))
        assert schema.names == list(spec.column_names)
        assert schema.equals(arrow_schema(spec), check_metadata=False)
        assert all(f.metadata[b"description"] for f in schema)
        assert schema.metadata[b"vlkb.table"] == name.encode() and b"vlkb.version" in schema.metadata


def test_a_table_without_rows_keeps_its_columns_and_types(fixture_document):
    table = read_parquet(parquet_bytes(arrow_table("actions", fixture_document, "0.0.0")))
    assert table.num_rows == 0 and table.schema.equals(arrow_schema(TABLES["actions"]), check_metadata=False)


STABLE_COLUMNS = {
    "papers": ("id", "short_name", "title", "kind", "date", "date_precision", "year", "half_year", "venue"),
    "results": ("paper", "position", "variant", "benchmark", "split", "metric", "value", "setting"),
    "architectures": ("paper", "position", "variant", "vision_encoder", "projector", "language_model",
                      "image_resolution", "visual_tokens"),
    "benchmarks": ("id", "metric", "name", "task"),
}


def test_the_columns_queries_rely_on_stay_first_and_typed():
    """Columns are only added at a table's end: these leading columns are the stable schema."""
    for name, columns in STABLE_COLUMNS.items():
        assert TABLES[name].column_names[:len(columns)] == columns, name
    assert {c.name: c.type for c in TABLES["results"].columns}["value"] == "float64"
    assert {c.name: c.type for c in TABLES["papers"].columns}["date"] == "date32"


def test_the_exports_list_every_table_once():
    assert exports.TABLE_NAMES == tuple(TABLES)
    assert set(exports.PARQUET_FORMATS) <= set(exports.FORMATS)
