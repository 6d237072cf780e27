"""Collect what the pages need beside the catalog: BibTeX entries, the data-quality report, the reproduction
ledger and the miniature results. The downloads and the graph are made in `vlkb.site.page_source`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from vlkb.loading.catalog import Catalog
from vlkb.outputs.bibtex_out import citation_keys, paper_entry
from vlkb.outputs.quality import quality_report
from vlkb.site.data_pages import Download, QualityData
from vlkb.site.miniature_section import read_miniature_results

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class SiteInputs:
    """What the pages need beyond the catalog. The graph and the downloads are filled in late, by whoever
    renders the graph and data pages (`vlkb.site.page_source` in a build, `complete_inputs` in tests)."""

    bibtex: Callable[[Any, Catalog], str]
    quality: QualityData
    graph: nx.DiGraph | None = None
    ledger: list[dict[str, Any]] | None = None
    compute_claims: list[dict[str, Any]] | None = None
    """The efficiency papers' compute claims recomputed (reproductions/ledger/compute_claims.json)."""
    miniatures: list[dict[str, Any]] = field(default_factory=list)
    """Evidence-scale miniature results (reproductions/ledger/miniatures/), shown on the ledger page."""
    downloads: list[Download] = field(default_factory=list)


def gather_inputs(catalog: Catalog, repo_root: Path) -> SiteInputs:
    """Everything but the downloads and the graph, which `vlkb.site.page_source` makes when a page needs them."""
    return SiteInputs(bibtex=bibtex_for(catalog), quality=quality_data(catalog),
                      ledger=read_ledger(repo_root / "reproductions" / "ledger" / "architecture.json"),
                      compute_claims=read_ledger(repo_root / "reproductions" / "ledger" / "compute_claims.json"),
                      miniatures=read_miniature_results(repo_root / "reproductions" / "ledger" / "miniatures"))


def complete_inputs(catalog: Catalog, repo_root: Path) -> SiteInputs:
    """Every input, the graph included and no downloads: what renderers need outside a build (tests, tools)."""
    from vlkb.outputs.graph import knowledge_graph  # networkx: only where the graph page is rendered

    inputs = gather_inputs(catalog, repo_root)
    inputs.graph = knowledge_graph(catalog)
    return inputs


def bibtex_for(catalog: Catalog):
    """vlkb.outputs.bibtex_out.paper_entry with the catalog's citation keys computed once, not once per paper."""
    keys = citation_keys([catalog.papers[k] for k in sorted(catalog.papers)])
    return lambda paper, cat: paper_entry(paper, cat, keys[paper.id])


def quality_data(catalog: Catalog) -> QualityData:
    """The rows of vlkb.outputs.quality's report."""
    report = quality_report(catalog)
    return QualityData(
        completeness=[(name, int(filled), int(report.papers)) for name, filled in report.completeness.items()],
        flagged=[(flag.paper_id, list(flag.reasons)) for flag in report.flagged],
        corrections=[tuple(c) for c in report.corrections],
        author_sources=report.author_sources,
        stale=[(pid, checked.isoformat()) for pid, checked in report.stale],
        reference=report.reference.isoformat() if report.reference else "—",
    )


def read_ledger(path: Path) -> list[dict[str, Any]] | None:
    """Flat rows of a reproductions ledger ({"checks": [...]}, {"claims": [...]} or a list), written by the reproductions."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = (data.get("checks", data.get("claims")) if isinstance(data, dict) else data)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else None
