"""The data pages: downloads, data quality (completeness, review flags, corrections) and the reproduction ledger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vlkb.site.common import rel, source_html
from vlkb.site.page_body import GeneratedPage
from vlkb.site.html import block, esc, heading, internal, link, safe_href, sort_key_cell, table
from vlkb.site.index import SiteIndex, paper_href, paper_name
from vlkb.outputs.releases import bundle_name
from vlkb.site.miniature_section import miniatures_html


@dataclass(frozen=True)
class Download:
    """A file the build writes next to the pages; `path` is its site path (data/vlkb.json)."""

    path: str
    label: str
    description: str
    size: int
    """In bytes."""


def _download_link(href: str, label: str, version: str | None) -> str:
    saved = f' download="{esc(bundle_name(label, version))}"' if version else ""
    return f'<a href="{esc(href)}"{saved}>{esc(label)}</a>'


def data_page(downloads: list[Download], version: str | None = None) -> GeneratedPage:
    """`version`: the vlkb version the downloads are, shown beside each and in the name each is saved under."""
    src = "data/index.md"
    rows = [[_download_link(rel(src, d.path), d.label, version), esc(d.description),
             *([esc(version)] if version else []),
             sort_key_cell(f"{d.size / 1024:.1f} KiB", d.size)] for d in downloads]
    parts = [block('<h1 id="data">Data</h1>',
                   "<p>The whole knowledge base, built from the same records as these pages.</p>"),
             heading(2, "Downloads", "downloads"),
             table(["File", "What", *(["Version"] if version else []), "Size"], rows, caption="Downloads",
                   table_id="downloads", sortable=False)]
    parts.append(block(f"<p>See also the {internal(rel(src, 'data/quality/'), 'data-quality report')}, the "
                       f"{internal(rel(src, 'data/reproductions/'), 'reproduction ledger')} and "
                       f"{internal(rel(src, 'data/re-evaluations/'), 'reported vs re-evaluated numbers')}.</p>"))
    return GeneratedPage(src_uri=src, title="Data", body_html="".join(parts), description="Download vlkb")


@dataclass(frozen=True)
class QualityData:
    """The parts of vlkb.outputs.quality's report the page shows, as plain rows."""

    completeness: list[tuple[str, int, int]]
    """(field, records that fill it, records it applies to)."""
    flagged: list[tuple[str, list[str]]]
    """(paper id, reasons) for records a reviewer should look at."""
    corrections: list[tuple[str, str, str | None, str | None, str]]
    """(paper id, field, was, now, reason) for every fix to the source list."""
    author_sources: dict[str, int]
    """Records by the best kind among their author sources."""
    stale: list[tuple[str, str]]
    """(paper id, date last checked) of stale records."""
    reference: str
    """The date staleness is measured from."""


def quality_page(index: SiteIndex, quality: QualityData) -> GeneratedPage:
    src = "data/quality.md"
    parts = [block('<h1 id="quality">Data quality</h1>',
                   "<p>How complete the records are, which records need a reviewer, and what vlkb corrected "
                   "in the awesome-VLLMs list it started from.</p>")]

    def paper_cell(paper_id: str) -> str:
        paper = index.catalog.papers.get(paper_id)
        return internal(rel(src, paper_href(paper_id)), paper_name(paper)) if paper else esc(paper_id)

    rows = [[esc(name), sort_key_cell(f"{filled} / {total}", filled),
             sort_key_cell(f"{100 * filled / total:.0f}%" if total else "—", filled / total if total else 0)]
            for name, filled, total in quality.completeness]
    parts += [heading(2, "Completeness per field", "completeness"),
              table(["Field", "Filled", "Share"], rows, caption="Completeness of paper records",
                    table_id="completeness")]
    kinds = {"primary": "primary (arXiv, proceedings, the authors' repository)", "aggregator": "aggregator sites only",
             "unclassified": "other pages", "none": "no source"}
    rows = [[esc(kinds[kind]), str(count)] for kind, count in quality.author_sources.items()]
    parts += [heading(2, "Where author lists were read", "author-sources"),
              block("<p>Each record counted once, by the best of its author sources.</p>"),
              table(["Best source", "Records"], rows, caption="Records by the kind of their author sources",
                    table_id="author-sources", sortable=False)]
    rows = [[paper_cell(pid), esc(checked)] for pid, checked in quality.stale]
    parts += [heading(2, "Stale records", "stale"),
              block(f"<p>Records not checked against their sources for 12 months before {esc(quality.reference)}, "
                    "the catalog's newest check.</p>"),
              table(["Paper", "Last checked"], rows, caption=f"{len(rows)} stale records", table_id="stale")
              if rows else block("<p>None.</p>")]
    rows = [[paper_cell(pid), esc("; ".join(reasons))] for pid, reasons in quality.flagged]
    parts += [heading(2, "Records flagged for review", "review"),
              table(["Paper", "Why"], rows, caption=f"{len(rows)} records flagged", table_id="review")
              if rows else block("<p>None.</p>")]
    rows = [[paper_cell(pid), esc(fix_field), esc(was if was is not None else "—"),
             esc(now if now is not None else "—"), esc(reason), _correction_source(index, pid, fix_field, reason)]
            for pid, fix_field, was, now, reason in quality.corrections]
    parts += [heading(2, "Corrections to the source list", "corrections"),
              block("<p>What vlkb changed in the list it started from, with the source of each fix (the paper "
                    "pages show the corrected facts only).</p>"),
              table(["Paper", "Field", "List says", "vlkb says", "Why", "Source"], rows,
                    caption=f"{len(rows)} corrections", table_id="corrections") if rows else block("<p>None.</p>")]
    return GeneratedPage(src_uri=src, title="Data quality", body_html="".join(parts),
                         description="Completeness and corrections of vlkb", toc=False)


def _correction_source(index: SiteIndex, paper_id: str, fix_field: str, reason: str) -> str:
    paper = index.catalog.papers.get(paper_id)
    found = next((c for c in (paper.corrections if paper else []) if c.field == fix_field and c.reason == reason), None)
    return source_html(found.source) if found else "—"


LEDGER_COLUMNS = (("model", "Model"), ("quantity", "Quantity"), ("stated", "Stated"), ("computed", "Computed"),
                  ("difference", "Difference"), ("verdict", "Verdict"), ("cause", "Cause"), ("note", "Note"))


def count_text(value: object) -> str:
    """A ledger value escaped for a cell: exact integers with thousands separators (7,062,902,784)."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else esc("" if value is None else value)


def ledger_cells(entry: dict[str, Any]) -> list[str]:
    """The ledger columns of one check, escaped; numbers sort by value."""
    cells = []
    for key, _ in LEDGER_COLUMNS:
        value = entry.get(key)
        text = count_text(value)
        cells.append(sort_key_cell(text, value) if isinstance(value, (int, float)) else text)
    return cells


def source_text(text: object) -> str:
    """A ledger source is free text that may start with a URL: link that URL when its scheme is allowed."""
    words = str(text or "").split(" ", 1)
    if words[0] and safe_href(words[0]):
        return link(words[0], words[0]) + (f" {esc(words[1])}" if len(words) > 1 else "")
    return esc(text or "")


def ledger_page(index: SiteIndex, entries: list[dict[str, Any]] | None,
                miniatures: list[dict[str, Any]] | None = None) -> GeneratedPage:
    """The reproduction ledger: every architecture number the reproductions re-computed, with its verdict."""
    src = "data/reproductions.md"
    parts = [block('<h1 id="reproductions">Reproduction ledger</h1>',
                   "<p>Architecture numbers that vlkb rebuilt from the recorded components and compared with "
                   "what the papers or model cards state, with the command that reproduces each.</p>")]
    if not entries:
        parts.append(block("<p>No ledger in this build.</p>"))
    else:
        rows = []
        for entry in entries:
            paper_id = entry.get("catalog_id")
            paper = index.catalog.papers.get(paper_id) if isinstance(paper_id, str) else None
            first = internal(rel(src, paper_href(paper.id)), paper_name(paper)) if paper else esc(paper_id or "")
            rows.append([first, *ledger_cells(entry), source_text(entry.get("source")),
                         f"<code>{esc(entry.get('command', ''))}</code>"])
        verdicts = sorted({str(e.get("verdict")) for e in entries})
        options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in verdicts)
        filters = (f'<label>Verdict <select class="vlkb-filter" data-column="6"><option value="">all</option>'
                   f"{options}</select></label>")
        parts.append(table(["Paper", *(label for _, label in LEDGER_COLUMNS), "Source", "Command"], rows,
                           caption=f"{len(rows)} checked numbers", table_id="ledger", filters=filters))
    parts.append(miniatures_html(miniatures or []))
    return GeneratedPage(src_uri=src, title="Reproduction ledger", body_html="".join(parts),
                         description="Reproduced architecture numbers and claims tested in miniature",
                         charts=bool(miniatures), toc=False)
