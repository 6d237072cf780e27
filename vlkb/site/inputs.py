"""Collect what the pages need from the modules beside the catalog (BibTeX, exports, graph, quality,
reproduction ledger). Each is optional: a module that is missing leaves its part out and is shown as
"not available" on its page, never a crash. The downloads and the graph are made in `vlkb.site.page_source`."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from vlkb.load.catalog import Catalog
from vlkb.site.data_pages import QualityData
from vlkb.site.miniature_section import read_miniature_results
from vlkb.site.pages import SiteInputs

def _optional(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def gather_inputs(catalog: Catalog, repo_root: Path) -> SiteInputs:
    """Everything but the downloads and the graph, which `vlkb.site.page_source` makes when a page needs them."""
    inputs = SiteInputs()
    inputs.bibtex = bibtex_for(catalog)
    inputs.quality = quality_data(catalog)
    inputs.ledger = read_ledger(repo_root / "reproductions" / "ledger" / "architecture.json")
    inputs.miniatures = read_miniature_results(repo_root / "reproductions" / "ledger" / "miniatures")
    return inputs


def bibtex_for(catalog: Catalog):
    """vlkb.outputs.bibtex_out.paper_entry with the catalog's citation keys computed once, not once per paper."""
    paper_entry = _optional("vlkb.outputs.bibtex_out", "paper_entry")
    citation_keys = _optional("vlkb.outputs.bibtex_out", "citation_keys")
    if paper_entry is None:
        return None
    if citation_keys is None:
        return paper_entry
    keys = citation_keys([catalog.papers[k] for k in sorted(catalog.papers)])
    return lambda paper, cat: paper_entry(paper, cat, keys[paper.id])


def quality_data(catalog: Catalog) -> QualityData | None:
    """The rows of vlkb.outputs.quality's report; None until that module exists."""
    quality_report = _optional("vlkb.outputs.quality", "quality_report")
    if quality_report is None:
        return None
    report = quality_report(catalog)
    return QualityData(
        completeness=[(name, int(filled), int(report.papers)) for name, filled in report.completeness.items()],
        flagged=[(flag.paper_id, list(flag.reasons)) for flag in report.flagged],
        corrections=[tuple(c) for c in report.corrections],
    )


def read_ledger(path: Path) -> list[dict[str, Any]] | None:
    """Flat rows of the architecture ledger ({"checks": [...]}, written by the reproductions)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data.get("checks") if isinstance(data, dict) else data
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else None
