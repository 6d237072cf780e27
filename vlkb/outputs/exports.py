"""Take the data out: the catalog, or a filtered part of it, as JSON, CSV, BibTeX or GraphML.

Every export is a pure function of the catalog and returns text with deterministic bytes (records
sorted by id, JSON keys sorted), so an export can be committed, diffed and cached.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from vlkb.outputs.bibtex_out import bibliography
from vlkb.loading.catalog import Catalog
from vlkb.outputs.eval_exports import eee_jsonl, model_index_yaml
from vlkb.schema import Paper, Source

TABLE_NAMES = ("papers", "authors", "results", "architectures", "actions", "components", "benchmarks", "taxonomy")
"""The tables of vlkb.outputs.tables (a test keeps the two equal), listed here so that this module loads no pyarrow."""
PARQUET_FORMATS = tuple(f"{name}-parquet" for name in TABLE_NAMES)
"""One Parquet file per table (`export_bytes`)."""
BINARY_FORMATS = (*PARQUET_FORMATS, "eval-results")
"""Formats that are bytes, not text: the Parquet tables and the zip of Hugging Face `.eval_results` files."""
FORMATS = ("json", "csv", "bibtex", "graphml", "results-csv", "every-eval-ever", "model-index", "eval-results",
           *PARQUET_FORMATS, "croissant")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Selection:
    """Which papers to export; every filter left at None lets all papers through.

    `taxonomy` is any node path (a stream, a category or a leaf): a paper matches when one of its
    leaves lies at or below it. Years are the year of the paper's first public version, inclusive.
    """

    taxonomy: str | None = None
    venue: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    kind: str | None = None
    has_code: bool | None = None
    component: str | None = None
    benchmark: str | None = None
    ids: tuple[str, ...] = field(default_factory=tuple)

    def is_everything(self) -> bool:
        return self == Selection()

    def matches(self, paper: Paper) -> bool:
        if self.ids and paper.id not in self.ids:
            return False
        if self.taxonomy and not any(leaf == self.taxonomy or leaf.startswith(self.taxonomy.rstrip("/") + "/")
                                     for leaf in paper.taxonomy):
            return False
        if self.venue and paper.venue != self.venue:
            return False
        if self.year_from is not None and paper.date.year < self.year_from:
            return False
        if self.year_to is not None and paper.date.year > self.year_to:
            return False
        if self.kind and paper.kind != self.kind:
            return False
        if self.has_code is not None and (paper.links.code_status == "released") != self.has_code:
            return False
        if self.component and not any(self.component in (a.vision_encoder, a.language_model)
                                      for a in paper.architecture):
            return False
        if self.benchmark and not any(r.benchmark == self.benchmark for r in paper.results):
            return False
        return True


def select_papers(catalog: Catalog, selection: Selection | None = None) -> list[Paper]:
    """The papers `selection` lets through, sorted by id."""
    selection = selection or Selection()
    return [catalog.papers[i] for i in sorted(catalog.papers) if selection.matches(catalog.papers[i])]


def export_catalog(catalog: Catalog, fmt: str, selection: Selection | None = None) -> str:
    """The selected papers (and what they reference) in format `fmt`: one of FORMATS, except the Parquet ones."""
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is binary: use export_bytes")
    if fmt == "croissant":
        return export_bytes(catalog, fmt, selection).decode("utf-8")
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return writer(catalog, select_papers(catalog, selection), selection or Selection())


def export_bytes(catalog: Catalog, fmt: str, selection: Selection | None = None, *, version: str | None = None,
                 file_prefix: str = "") -> bytes:
    """Any format of FORMATS as bytes: the text formats in UTF-8, a Parquet table, or the Croissant metadata of
    the Parquet files (named `{file_prefix}{table}.parquet`). `version` (default: the package's) is written
    into the Parquet and Croissant metadata."""
    if fmt == "eval-results":
        from vlkb.outputs.hub_eval_results import eval_results_zip

        return eval_results_zip(catalog, select_papers(catalog, selection))
    if fmt not in PARQUET_FORMATS and fmt != "croissant":
        return export_catalog(catalog, fmt, selection).encode("utf-8")
    files = dataset_files(catalog, selection, version=version, file_prefix=file_prefix)
    return files["croissant.json" if fmt == "croissant" else f"{file_prefix}{fmt.removesuffix('-parquet')}.parquet"]


_last_dataset: tuple[Any, ...] = ()
_last_document: tuple[Any, ...] = ()
_last_json: tuple[Any, ...] = ()


def _json_text(catalog: Catalog, selection: Selection) -> str:
    """The JSON export, kept for the last catalog asked: the site writes it and then builds the Parquet
    tables from it (`catalog_document`), and dumping every record twice was a tenth of the downloads' time."""
    global _last_json
    import weakref

    if _last_json and _last_json[0]() is catalog and _last_json[1] == selection:
        return _last_json[2]
    text = _json(catalog, select_papers(catalog, selection), selection)
    _last_json = (weakref.ref(catalog), selection, text)
    return text


def catalog_document(catalog: Catalog, selection: Selection | None = None) -> dict[str, Any]:
    """The JSON export as a dict, which the tables are built from; kept for the last catalog asked."""
    global _last_document
    import weakref

    selection = selection or Selection()
    if _last_document and _last_document[0]() is catalog and _last_document[1] == selection:
        return _last_document[2]
    document = json.loads(_json_text(catalog, selection))
    _last_document = (weakref.ref(catalog), selection, document)
    return document


def dataset_files(catalog: Catalog, selection: Selection | None = None, *, version: str | None = None,
                  file_prefix: str = "") -> dict[str, bytes]:
    """Every Parquet table (`{file_prefix}{table}.parquet`) and `croissant.json`, made in one pass from the
    JSON export and kept for the last catalog asked (the site asks for each of the nine files in turn)."""
    global _last_dataset
    from vlkb import __version__

    version, selection = version or __version__, selection or Selection()
    if _last_dataset and _last_dataset[0]() is catalog and _last_dataset[1:4] == (selection, version, file_prefix):
        return _last_dataset[4]
    import weakref

    from vlkb.outputs.croissant import croissant_json
    from vlkb.outputs.parquet_out import arrow_table, parquet_bytes

    document = catalog_document(catalog, selection)
    files = {f"{file_prefix}{name}.parquet": parquet_bytes(arrow_table(name, document, version)) for name in TABLE_NAMES}
    newest = max((p.get("verified") or p["added"] for p in document["papers"]), default=None)
    files["croissant.json"] = croissant_json(version, files, date_published=newest).encode("utf-8")
    _last_dataset = (weakref.ref(catalog), selection, version, file_prefix, files)
    return files


def referenced_ids(papers: list[Paper]) -> tuple[set[str], set[str]]:
    components = {ref for p in papers for a in p.architecture for ref in (a.vision_encoder, a.language_model) if ref}
    benchmarks = {r.benchmark for p in papers for r in p.results}
    return components, benchmarks


def _json(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    components, benchmarks = referenced_ids(papers)
    everything = selection.is_everything()
    document: dict[str, Any] = {
        "papers": [p.model_dump(mode="json", exclude_none=True) for p in papers],
        "components": [catalog.components[i].model_dump(mode="json", exclude_none=True)
                       for i in sorted(catalog.components) if everything or i in components],
        "benchmarks": [catalog.benchmarks[i].model_dump(mode="json", exclude_none=True)
                       for i in sorted(catalog.benchmarks) if everything or i in benchmarks],
    }
    if everything:
        if catalog.taxonomy is not None:
            document["taxonomy"] = catalog.taxonomy.model_dump(mode="json", exclude_none=True)
        if catalog.venues is not None:
            document["venues"] = catalog.venues.model_dump(mode="json", exclude_none=True)["venues"]
    return _one_record_per_line(document)


def _one_record_per_line(document: dict[str, Any]) -> str:
    """JSON with each record on a line of its own: readable and diffable like an indented file, yet written
    by json's C encoder, which only runs without indent (3x faster; the site writes this on every build)."""
    def compact(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    parts = []
    for key in sorted(document):
        value = document[key]
        body = "[\n" + ",\n".join(map(compact, value)) + "\n]" if isinstance(value, list) and value else compact(value)
        parts.append(f"{compact(key)}: {body}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


PAPER_COLUMNS = ("id", "short_name", "title", "kind", "authors", "authors_status", "date", "date_precision", "venue", "venue_year",
                 "arxiv", "doi", "paper_url", "code_url", "code_status", "project_url", "taxonomy",
                 "input_modalities", "output_modalities", "vision_encoders", "projectors", "language_models",
                 "benchmarks", "builds_on")
"""Columns of the papers CSV; list cells are joined with '; '."""


def _join(values: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _unique(values: Any) -> list[str]:
    return sorted({v for v in values if v})


def _paper_row(paper: Paper) -> dict[str, Any]:
    return {
        "id": paper.id, "short_name": paper.short_name, "title": paper.title, "kind": paper.kind,
        "authors": _join(paper.authors.names), "authors_status": paper.authors.status,
        "date": paper.date.isoformat(), "date_precision": paper.date_precision, "venue": paper.venue,
        "venue_year": paper.venue_year, "arxiv": paper.arxiv,
        "doi": paper.doi, "paper_url": paper.links.paper, "code_url": paper.links.code,
        "code_status": paper.links.code_status, "project_url": paper.links.project,
        "taxonomy": _join(paper.taxonomy), "input_modalities": _join(paper.input_modalities),
        "output_modalities": _join(paper.output_modalities),
        "vision_encoders": _join(_unique(a.vision_encoder for a in paper.architecture)),
        "projectors": _join(_unique(a.projector for a in paper.architecture)),
        "language_models": _join(_unique(a.language_model for a in paper.architecture)),
        "benchmarks": _join(_unique(r.benchmark for r in paper.results)),
        "builds_on": _join(paper.builds_on),
    }


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def neutralise_cell(value: Any) -> Any:
    """OWASP's rule against CSV injection: a cell that a spreadsheet would run as a formula (it starts with
    =, +, -, @, a tab or a carriage return) gets a leading `'`, so it shows as the text it is. Plain numbers
    (-0.5) are left alone: they are data, and no formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """Every CSV the project writes goes through here, so every cell is neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else neutralise_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _papers_csv(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    return _csv(PAPER_COLUMNS, [_paper_row(p) for p in papers])


RESULT_COLUMNS = ("paper", "variant", "benchmark", "split", "metric", "value", "setting", "evaluator", "provenance",
                  "source", "note")
"""Columns of the results CSV: one row per result, the shape of an EvalResult."""


def source_text(source: Source) -> str:
    """A source as one citable string: `arXiv:2310.03744v2 Table 4`, `owner/name/path@commit#L3`, or url."""
    parts = []
    if source.arxiv:
        parts.append(f"arXiv:{source.arxiv}")
    if source.repository:
        where = f"{source.repository}/{source.path}"
        if source.commit:
            where += f"@{source.commit}"
        if source.line:
            where += f"#L{source.line}"
        parts.append(where)
    if source.url and not parts:
        parts.append(source.url)
    if source.locator:
        parts.append(source.locator)
    return " ".join(parts)


def _results_csv(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    rows = []
    for paper in papers:
        for result in paper.results:
            if selection.benchmark and result.benchmark != selection.benchmark:
                continue
            rows.append({
                "paper": paper.id, "variant": result.variant, "benchmark": result.benchmark, "split": result.split,
                "metric": result.metric, "value": repr(result.value), "setting": result.setting,
                "evaluator": result.evaluator, "provenance": result.provenance,
                "source": source_text(result.source), "note": result.note,
            })
    return _csv(RESULT_COLUMNS, rows)


def _bibtex(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    return bibliography(papers, catalog)


def _graphml(catalog: Catalog, papers: list[Paper], selection: Selection) -> str:
    from vlkb.outputs.graphml_out import graphml  # networkx only where a graph is asked for

    return graphml(catalog, papers, selection)


_WRITERS: dict[str, Callable[[Catalog, list[Paper], Selection], str]] = {
    "json": lambda catalog, _papers, selection: _json_text(catalog, selection),
    "csv": _papers_csv, "bibtex": _bibtex, "graphml": _graphml, "results-csv": _results_csv,
    "every-eval-ever": lambda catalog, papers, _: eee_jsonl(catalog, papers),
    "model-index": lambda catalog, papers, _: model_index_yaml(catalog, papers),
}
