"""Every generated page of the site from one catalog, in a fixed order. Pure: no mkdocs, no file writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from vlkb.catalog import Catalog
from vlkb.site.benchmark_pages import benchmark_pages
from vlkb.site.common import GeneratedPage
from vlkb.site.component_pages import component_pages
from vlkb.site.data_pages import Download, QualityData, data_page, ledger_page, quality_page
from vlkb.site.graph_page import graph_page
from vlkb.site.home_page import home_page
from vlkb.site.index import SiteIndex
from vlkb.site.paper_page import paper_page
from vlkb.site.taxonomy_pages import taxonomy_pages
from vlkb.site.timeline_pages import timeline_page

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class SiteInputs:
    """What the pages need beyond the catalog; each part is optional so the site builds while the
    modules that provide them (bibtex_out, graph, quality, the ledger) are still being written."""

    bibtex: Callable[[Any, Catalog], str] | None = None
    graph: nx.DiGraph | None = None
    quality: QualityData | None = None
    ledger: list[dict[str, Any]] | None = None
    miniatures: list[dict[str, Any]] = field(default_factory=list)
    """Evidence-scale miniature results (reproductions/ledger/miniatures/), shown on the ledger page."""
    downloads: list[Download] = field(default_factory=list)
    missing_downloads: list[str] = field(default_factory=list)


def site_pages(catalog: Catalog, inputs: SiteInputs | None = None) -> list[GeneratedPage]:
    inputs = inputs or SiteInputs()
    index = SiteIndex(catalog)
    verdicts: dict[str, list[dict[str, Any]]] = {}
    for entry in inputs.ledger or []:
        if isinstance(entry.get("catalog_id"), str):
            verdicts.setdefault(entry["catalog_id"], []).append(entry)
    pages = [home_page(index, inputs.ledger or [])]
    pages += taxonomy_pages(index)
    pages += [paper_page(index, p, bibtex=inputs.bibtex, verdicts=verdicts.get(p.id))
              for _, p in sorted(catalog.papers.items())]
    pages += benchmark_pages(index)
    pages += component_pages(index)
    pages += [timeline_page(index), graph_page(inputs.graph),
              data_page(inputs.downloads, inputs.missing_downloads),
              quality_page(index, inputs.quality), ledger_page(index, inputs.ledger, inputs.miniatures)]
    return pages
