"""The catalog as flat tables: one function per table, each with its documented column list.

The tables are built from the JSON export (`vlkb export --format json`, the site's `data/vlkb.json`), the
record dicts and nothing else, so the Parquet files, the Python API (`vlkb.load()`) and the JSON download
hold the same rows by construction, and a JSON file can be read back into tables. Pure Python with no
import beyond the standard library: `vlkb.outputs.parquet_out` turns the rows into Arrow and Parquet.

Column types are written as Arrow names: `string`, `int64`, `float64`, `bool`, `date32` (a calendar date),
`list<string>`. Every table has a key (`TableSpec.key`); rows are sorted by it. The columns of a table are
only ever added to (at its end), never renamed or retyped, so a query written for one release keeps
working on the next: `tests/dataset/test_tables.py` pins the schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from vlkb.stated_counts import stated_count

Document = dict[str, Any]
"""The JSON export: {"papers": [...], "components": [...], "benchmarks": [...], "taxonomy": {...}, "venues": [...]}."""
Row = dict[str, Any]

SCHEMA_VERSION = "1"
"""Raised only when a column changes meaning or type (never for an added column); in the Parquet metadata."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """Arrow type name: string, int64, float64, bool, date32 or list<string>."""
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    build: Callable[[Document], list[Row]]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def source_text(source: dict[str, Any] | None) -> str | None:
    """A source dict as one citable string, the form of the results CSV (`vlkb.outputs.exports.source_text`)."""
    if not source:
        return None
    parts = []
    if source.get("arxiv"):
        parts.append(f"arXiv:{source['arxiv']}")
    if source.get("repository"):
        where = f"{source['repository']}/{source.get('path', '')}"
        if source.get("commit"):
            where += f"@{source['commit']}"
        if source.get("line"):
            where += f"#L{source['line']}"
        parts.append(where)
    if source.get("url") and not parts:
        parts.append(source["url"])
    if source.get("locator"):
        parts.append(source["locator"])
    return " ".join(parts) or None


def _sources_text(sources: list[dict[str, Any]]) -> str | None:
    return "; ".join(filter(None, (source_text(s) for s in sources))) or None


def _half_year(date: dt.date) -> str:
    return f"{date.year} H{1 if date.month <= 6 else 2}"


# papers ---------------------------------------------------------------------------------------------------

PAPER_COLUMNS = (
    Column("id", "string", "Record id (the file name in catalog/papers/)."),
    Column("short_name", "string", "Name the field uses for the work, e.g. LLaVA-1.5."),
    Column("title", "string", "The paper's title."),
    Column("kind", "string", "model, method, benchmark, dataset, survey, analysis or framework."),
    Column("date", "date32", "Date of the first public version (arXiv v1 where there is one)."),
    Column("date_precision", "string", "day, or month when only the month is known (date is then the 1st)."),
    Column("year", "int64", "Year of `date`."),
    Column("half_year", "string", "Half-year of `date`, e.g. 2024 H2."),
    Column("venue", "string", "Venue id of catalog/venues.yaml; arxiv for a preprint."),
    Column("venue_year", "int64", "Year of the venue edition."),
    Column("arxiv", "string", "arXiv id without version."),
    Column("doi", "string", "DOI without the resolver prefix."),
    Column("paper_url", "string", "The paper itself."),
    Column("code_url", "string", "Official code repository."),
    Column("code_status", "string", "released, not-released (checked) or unknown."),
    Column("project_url", "string", "Project page."),
    Column("authors", "list<string>", "Authors in the paper's order (one row each in the authors table)."),
    Column("authors_status", "string", "confirmed or unconfirmed."),
    Column("taxonomy", "list<string>", "Leaf paths of the survey's taxonomy."),
    Column("streams", "list<string>", "The streams (first part of each leaf path), sorted."),
    Column("input_modalities", "list<string>", "What the model reads."),
    Column("output_modalities", "list<string>", "What the model produces."),
    Column("builds_on", "list<string>", "Ids of the records this work extends."),
    Column("summary", "string", "One or two sentences in vlkb's own words."),
    Column("added", "date32", "When the record entered vlkb."),
    Column("verified", "date32", "When a person last checked the record against its sources."),
)


def papers(document: Document) -> list[Row]:
    """One row per paper."""
    rows = []
    for p in document.get("papers", []):
        date = _date(p["date"])
        links, authors = p.get("links", {}), p["authors"]
        rows.append({
            "id": p["id"], "short_name": p.get("short_name"), "title": p["title"], "kind": p["kind"], "date": date,
            "date_precision": p.get("date_precision", "day"), "year": date.year, "half_year": _half_year(date),
            "venue": p["venue"], "venue_year": p.get("venue_year"), "arxiv": p.get("arxiv"), "doi": p.get("doi"),
            "paper_url": links.get("paper"), "code_url": links.get("code"),
            "code_status": links.get("code_status", "unknown"), "project_url": links.get("project"),
            "authors": list(authors.get("names", [])), "authors_status": authors["status"],
            "taxonomy": list(p["taxonomy"]), "streams": sorted({path.split("/")[0] for path in p["taxonomy"]}),
            "input_modalities": list(p.get("input_modalities", [])),
            "output_modalities": list(p.get("output_modalities", [])), "builds_on": list(p.get("builds_on", [])),
            "summary": p.get("summary"), "added": _date(p["added"]), "verified": _date(p.get("verified")),
        })
    return sorted(rows, key=lambda r: r["id"])


AUTHOR_COLUMNS = (
    Column("paper", "string", "Paper id."),
    Column("position", "int64", "Place in the author list, from 1."),
    Column("name", "string", "The name as the source writes it."),
    Column("status", "string", "The paper's author-list status: confirmed or unconfirmed."),
)


def authors(document: Document) -> list[Row]:
    """One row per author of a paper, in the paper's order."""
    return [{"paper": p["id"], "position": i, "name": name, "status": p["authors"]["status"]}
            for p in sorted(document.get("papers", []), key=lambda p: p["id"])
            for i, name in enumerate(p["authors"].get("names", []), start=1)]


# results, architectures, actions ---------------------------------------------------------------------------

RESULT_COLUMNS = (
    Column("paper", "string", "Paper id."),
    Column("position", "int64", "Place of the row among the paper's results, from 1."),
    Column("variant", "string", "Model variant the number belongs to."),
    Column("benchmark", "string", "Benchmark id (benchmarks table)."),
    Column("split", "string", "Benchmark split, e.g. test-dev."),
    Column("metric", "string", "Metric id of that benchmark."),
    Column("value", "float64", "The number as printed."),
    Column("setting", "string", "zero-shot, few-shot, fine-tuned, held-in or other."),
    Column("evaluator", "string", "Who scored it: official server, a toolkit, a judge model."),
    Column("provenance", "string", "reported, quoted, reproduced or re-evaluated."),
    Column("direction", "string", "The direction the source marks, where it marks one."),
    Column("source", "string", "Where the number stands: arXiv version and table, or a file at a commit."),
    Column("note", "string", "Caveats."),
    Column("harness", "string", "Re-evaluated rows: the evaluation code."),
    Column("harness_version", "string", "Re-evaluated rows: its release or commit."),
    Column("judge", "string", "Re-evaluated rows: the judge model or answer parser."),
    Column("re_evaluated_by", "string", "Re-evaluated rows: who ran it."),
    Column("re_evaluated_on", "date32", "Re-evaluated rows: when the number was published."),
)


def results(document: Document) -> list[Row]:
    """One row per benchmark result (the shape of an EvalResult), in each paper's order."""
    rows = []
    for p in sorted(document.get("papers", []), key=lambda p: p["id"]):
        for i, r in enumerate(p.get("results", []), start=1):
            again = r.get("re_evaluation") or {}
            rows.append({
                "paper": p["id"], "position": i, "variant": r["variant"], "benchmark": r["benchmark"],
                "split": r["split"], "metric": r["metric"], "value": float(r["value"]), "setting": r["setting"],
                "evaluator": r.get("evaluator"), "provenance": r.get("provenance", "reported"),
                "direction": r.get("direction"), "source": source_text(r["source"]), "note": r.get("note"),
                "harness": again.get("harness"), "harness_version": again.get("harness_version"),
                "judge": again.get("judge"), "re_evaluated_by": again.get("by"),
                "re_evaluated_on": _date(again.get("date")),
            })
    return rows


ARCHITECTURE_COLUMNS = (
    Column("paper", "string", "Paper id."),
    Column("position", "int64", "Place of the variant in the paper's record, from 1."),
    Column("variant", "string", "Model variant, e.g. LLaVA-1.5-7B."),
    Column("vision_encoder", "string", "Component id of the vision encoder."),
    Column("projector", "string", "Projector type: linear, mlp, q-former, perceiver-resampler, ..."),
    Column("language_model", "string", "Component id of the language model."),
    Column("image_resolution", "int64", "Input side length in pixels."),
    Column("visual_tokens", "int64", "Visual tokens the LLM receives per image."),
    Column("total_parameters", "string", "Total parameters as stated: 7B, 7.06B or an integer."),
    Column("total_parameters_count", "float64", "`total_parameters` as a number (7B: 7e9)."),
    Column("note", "string", "What the numbers mean where ambiguous."),
    Column("sources", "string", "Where the facts were read, joined by '; '."),
)


def architectures(document: Document) -> list[Row]:
    """One row per model variant along vision encoder -> projector -> LLM."""
    return [{
        "paper": p["id"], "position": i, "variant": a["variant"], "vision_encoder": a.get("vision_encoder"),
        "projector": a.get("projector"), "language_model": a.get("language_model"),
        "image_resolution": a.get("image_resolution"), "visual_tokens": a.get("visual_tokens"),
        "total_parameters": a.get("total_parameters"),
        "total_parameters_count": stated_count(a.get("total_parameters")), "note": a.get("note"),
        "sources": _sources_text(a.get("sources", [])),
    } for p in sorted(document.get("papers", []), key=lambda p: p["id"])
        for i, a in enumerate(p.get("architecture", []), start=1)]


ACTION_COLUMNS = (
    Column("paper", "string", "Paper id."),
    Column("position", "int64", "Place of the variant in the paper's action facts, from 1."),
    Column("variant", "string", "Model variant."),
    Column("representation", "string", "discrete-bins, continuous-regression, diffusion, flow-matching, language, "
                                        "waypoints or other."),
    Column("bins", "int64", "Bins per action dimension (discrete-bins)."),
    Column("action_head", "string", "Component id of the action head or expert."),
    Column("action_head_parameters", "string", "Its size as stated."),
    Column("chunk_length", "int64", "Actions predicted per inference step."),
    Column("control_frequency_hz", "float64", "Control frequency in Hz."),
    Column("action_dimensions", "int64", "Dimensions of one action."),
    Column("embodiments", "list<string>", "What it controls."),
    Column("observations", "list<string>", "What it observes."),
    Column("robot_data", "string", "Robot-data mixture it was trained on."),
    Column("note", "string", "Caveats."),
    Column("sources", "string", "Where the facts were read, joined by '; '."),
)


def actions(document: Document) -> list[Row]:
    """One row per acting model variant: how it turns the model's output into actions."""
    return [{
        "paper": p["id"], "position": i, "variant": a["variant"], "representation": a["representation"],
        "bins": a.get("bins"), "action_head": a.get("action_head"),
        "action_head_parameters": a.get("action_head_parameters"), "chunk_length": a.get("chunk_length"),
        "control_frequency_hz": None if a.get("control_frequency_hz") is None else float(a["control_frequency_hz"]),
        "action_dimensions": a.get("action_dimensions"), "embodiments": list(a.get("embodiments", [])),
        "observations": list(a.get("observations", [])), "robot_data": a.get("robot_data"), "note": a.get("note"),
        "sources": _sources_text(a.get("sources", [])),
    } for p in sorted(document.get("papers", []), key=lambda p: p["id"])
        for i, a in enumerate(p.get("action", []), start=1)]


# registries -------------------------------------------------------------------------------------------------

COMPONENT_COLUMNS = (
    Column("id", "string", "Record id (catalog/components/)."),
    Column("name", "string", "Display name."),
    Column("type", "string", "vision-encoder, language-model, image-tokenizer or action-expert."),
    Column("family", "string", "Model family, e.g. CLIP, LLaMA-2."),
    Column("parameters", "string", "Parameter count as stated."),
    Column("parameters_count", "float64", "`parameters` as a number."),
    *(Column(name, "int64", what) for name, what in (
        ("image_size", "Input side length in pixels."), ("patch_size", "Patch side length in pixels."),
        ("width", "Transformer width of a vision tower."), ("depth", "Transformer blocks of a vision tower."),
        ("heads", "Attention heads."), ("mlp_width", "Hidden width of the vision MLP."),
        ("hidden_size", "LLM hidden size."), ("layers", "LLM decoder layers."),
        ("kv_heads", "Key/value heads (grouped-query attention)."), ("intermediate_size", "LLM MLP width."),
        ("vocab_size", "Vocabulary size."), ("max_positions", "Context length it was trained for."),
        ("codebook_size", "Entries of a discrete image tokenizer's codebook."),
        ("downsampling", "Spatial downsampling of a tokenizer or autoencoder."),
        ("latent_channels", "Channels of an autoencoder's latent."))),
    Column("introduced_by", "string", "Paper id of the introducing paper, when it is in the catalog."),
    Column("paper_title", "string", "Title of the introducing paper."),
    Column("paper_arxiv", "string", "Its arXiv id."),
    Column("note", "string", "Caveats."),
    Column("sources", "string", "Where the numbers were read, joined by '; '."),
)
HYPERPARAMETERS = tuple(c.name for c in COMPONENT_COLUMNS[6:21])


def components(document: Document) -> list[Row]:
    """One row per component (vision encoder, language model, image tokenizer, action expert)."""
    rows = []
    for c in document.get("components", []):
        hyper, paper = c.get("hyperparameters", {}), c.get("paper") or {}
        rows.append({
            "id": c["id"], "name": c["name"], "type": c["type"], "family": c["family"],
            "parameters": c.get("parameters"), "parameters_count": stated_count(c.get("parameters")),
            **{name: hyper.get(name) for name in HYPERPARAMETERS},
            "introduced_by": c.get("introduced_by"), "paper_title": paper.get("title"),
            "paper_arxiv": paper.get("arxiv"), "note": c.get("note"), "sources": _sources_text(c.get("sources", [])),
        })
    return sorted(rows, key=lambda r: r["id"])


BENCHMARK_COLUMNS = (
    Column("id", "string", "Record id (catalog/benchmarks/)."),
    Column("metric", "string", "Metric id; one row per benchmark and metric."),
    Column("name", "string", "Benchmark name, e.g. VQAv2."),
    Column("task", "string", "What it tests."),
    Column("modalities", "list<string>", "Inputs it gives a model."),
    Column("metric_name", "string", "The metric as the benchmark's paper names it."),
    Column("unit", "string", "percent, score, points, ratio, count, meters or seconds."),
    Column("min", "float64", "Lowest possible value."),
    Column("max", "float64", "Highest possible value."),
    Column("higher_is_better", "bool", "Direction used to rank results."),
    Column("splits", "list<string>", "Named splits results may report on."),
    Column("suites", "list<string>", "Ids of its sub-suites, where it has some."),
    Column("introduced_by", "string", "Paper id of the introducing paper, when it is in the catalog."),
    Column("paper_title", "string", "Title of the introducing paper."),
    Column("paper_arxiv", "string", "Its arXiv id."),
    Column("description", "string", "One or two sentences in vlkb's own words."),
)


def benchmarks(document: Document) -> list[Row]:
    """One row per benchmark and metric (results name both)."""
    rows = []
    for b in document.get("benchmarks", []):
        paper = b.get("paper") or {}
        for m in b["metrics"]:
            rows.append({
                "id": b["id"], "metric": m["id"], "name": b["name"], "task": b["task"],
                "modalities": list(b["modalities"]), "metric_name": m["name"], "unit": m["unit"],
                "min": float(m["min"]), "max": float(m["max"]), "higher_is_better": m["higher_is_better"],
                "splits": list(b.get("splits", [])), "suites": [s["id"] for s in b.get("suites", [])],
                "introduced_by": b.get("introduced_by"), "paper_title": paper.get("title"),
                "paper_arxiv": paper.get("arxiv"), "description": b.get("description"),
            })
    return sorted(rows, key=lambda r: (r["id"], r["metric"]))


TAXONOMY_COLUMNS = (
    Column("path", "string", "Node path, e.g. vision-to-text/image-to-text."),
    Column("label", "string", "Label shown to readers."),
    Column("stream", "string", "The stream the node belongs to."),
    Column("parent", "string", "Path of the parent node (empty for a stream)."),
    Column("depth", "int64", "1 for a stream, 2 for its categories, ..."),
    Column("is_leaf", "bool", "Whether papers are filed here directly."),
    Column("papers", "int64", "Papers filed at this node or below it."),
    Column("description", "string", "What belongs here."),
)


def taxonomy(document: Document) -> list[Row]:
    """One row per node of the survey's taxonomy, with the number of papers at or below it."""
    rows: list[Row] = []

    def walk(node: dict[str, Any], parent: str) -> None:
        path = f"{parent}/{node['id']}" if parent else node["id"]
        below = {p["id"] for p in document.get("papers", [])
                 if any(leaf == path or leaf.startswith(path + "/") for leaf in p["taxonomy"])}
        rows.append({"path": path, "label": node["label"], "stream": path.split("/")[0], "parent": parent or None,
                     "depth": path.count("/") + 1, "is_leaf": not node.get("children"), "papers": len(below),
                     "description": node.get("description")})
        for child in node.get("children", []):
            walk(child, path)

    for stream in (document.get("taxonomy") or {}).get("streams", []):
        walk(stream, "")
    return sorted(rows, key=lambda r: r["path"])


TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec("papers", "One row per paper.", ("id",), PAPER_COLUMNS, papers),
    TableSpec("authors", "One row per author of a paper, in the paper's order.", ("paper", "position"),
              AUTHOR_COLUMNS, authors),
    TableSpec("results", "One row per benchmark result, each with its source.", ("paper", "position"),
              RESULT_COLUMNS, results),
    TableSpec("architectures", "One row per model variant: vision encoder -> projector -> LLM.",
              ("paper", "position"), ARCHITECTURE_COLUMNS, architectures),
    TableSpec("actions", "One row per acting model variant: how it produces actions.", ("paper", "position"),
              ACTION_COLUMNS, actions),
    TableSpec("components", "One row per component: vision encoders, language models, tokenizers, action experts.",
              ("id",), COMPONENT_COLUMNS, components),
    TableSpec("benchmarks", "One row per benchmark and metric.", ("id", "metric"), BENCHMARK_COLUMNS, benchmarks),
    TableSpec("taxonomy", "One row per node of the survey's taxonomy.", ("path",), TAXONOMY_COLUMNS, taxonomy),
)}
"""Every table, in the order the API, the Parquet downloads and the docs list them."""


def build_table(name: str, document: Document) -> list[Row]:
    """The rows of table `name`, each a dict with exactly the spec's columns, sorted by the key."""
    spec = TABLES[name]
    rows = spec.build(document)
    columns = spec.column_names
    return [{column: row[column] for column in columns} for row in rows]
