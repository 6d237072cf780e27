"""Small HTML builders that escape every value they are given.

Generated pages are markdown files whose body is raw HTML blocks: Python-Markdown passes a block
that starts with a block-level tag through untouched, so record text, once escaped here, is never
read as markdown (no `*emphasis*`, no `[links](javascript:...)`, no raw HTML from a record).
A block must not contain a blank line, or markdown would resume inside it; `block` folds lines.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable


def esc(value: object) -> str:
    """Text as HTML, quotes included, so it is safe in element bodies and quoted attributes alike."""
    return html.escape("" if value is None else str(value), quote=True)


_SAFE_URL = re.compile(r"(?i:https?)://[^\s\x00-\x1f\x7f]*\Z")  # an http(s) scheme, no white space or controls


def safe_href(url: str | None) -> str | None:
    """The link escaped for an attribute, or None when its scheme is not http(s).

    The schema already refuses other schemes; this is the renderer's own check, so a record
    that slipped past validation still cannot produce a `javascript:` link.
    """
    if not url or not _SAFE_URL.match(url):
        return None
    return esc(url)


def link(url: str | None, text: object, *, external: bool = True) -> str:
    """An anchor to an outside page, or the bare escaped text when the link is not allowed."""
    href = safe_href(url)
    if href is None:
        return esc(text)
    rel = ' rel="nofollow"' if external else ""  # no referrer either: the theme's meta tag says so for the site
    return f'<a href="{href}"{rel}>{esc(text)}</a>'


def internal(href: str, text: object) -> str:
    """An anchor to a page of this site; `href` is built from record ids, which the schema limits to a-z0-9-."""
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def block(*parts: str) -> str:
    """Join HTML into one raw block with no blank line inside, followed by a blank line."""
    body = "\n".join(line for part in parts for line in part.splitlines() if line.strip())
    return body + "\n\n"


def heading(level: int, text: str, anchor: str) -> str:
    """A markdown heading with a fixed, trusted text (section names), so the TOC and search see it."""
    return f"{'#' * level} {text} {{#{anchor}}}\n\n"


SEARCH_EXCLUDE = 'data-search-exclude="true"'
"""Material's search skips such elements: tables and BibTeX repeat what the pages they link to say,
and leaving them out keeps the search index small and its hits on the page a reader wants."""


def table(headers: list[str], rows: Iterable[list[str]], *, caption: str, table_id: str,
          sortable: bool = True, filters: str = "", fit: bool = False, phone_columns: int | None = None,
          css_class: str = "") -> str:
    """A table that fits its page; cells are given as HTML already escaped by the caller.

    `sortable` marks it for site_src/assets/js/vlkb.js, which adds sort buttons, a filter box and the count
    of rows shown. Every table takes the page's width and wraps its cells (long source links break
    anywhere) so its columns are in view at 1280 px, its first column stays in view when it still has to
    scroll; `fit` also wraps the first column (a list of papers). `phone_columns` keeps only the first
    that many columns on a phone (a leaderboard: variant, value, source), so put the key columns first.
    """
    cls = ("vlkb-table" + (" vlkb-sortable" if sortable else "") + (" vlkb-fit" if fit else "")
           + (f" vlkb-phone-{phone_columns}" if phone_columns else "") + (f" {css_class}" if css_class else ""))
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return block(
        f'<div class="vlkb-scroll" role="region" aria-label="{esc(caption)}" tabindex="0" {SEARCH_EXCLUDE}>',
        filters,
        f'<table class="{cls}" id="t-{esc(table_id)}"><caption>{esc(caption)}</caption>',
        f"<thead><tr>{head}</tr></thead>",
        f"<tbody>{body}</tbody></table></div>",
    )


def without_empty_columns(headers: list[str], rows: list[list[str]], *,
                          optional: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Drop each `optional` column (header -> the cell that says nothing, e.g. "—") that no row fills
    otherwise: a column of dashes tells a reader nothing and weighs a kilobyte on a page of a hundred results."""
    keep = [i for i, header in enumerate(headers)
            if header not in optional or any(row[i] not in ("", optional[header]) for row in rows)]
    return [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]


def sort_key_cell(text: str, key: object) -> str:
    """A cell whose sort order differs from its text (numbers, dates): vlkb.js sorts by data-sort.

    A cell whose text already is its key (`63.3`) goes without the span: vlkb.js reads numbers from the
    text, and the span was a tenth of a results-heavy paper page.
    """
    if text == esc(key):
        return text
    return f'<span data-sort="{esc(key)}">{text}</span>'


def json_for_script(data: Any) -> str:
    """JSON safe inside `<script type="application/json">`: no `<`, `>` or `&` can end the element."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def chart(chart_id: str, figure: dict[str, Any], *, alt: str) -> str:
    """A plotly chart drawn by vlkb.js from inline JSON data (not inline script, which the CSP forbids).

    `alt` describes the chart for screen readers; the table next to each chart carries the numbers.
    """
    return block(
        f'<figure class="vlkb-chart-figure" {SEARCH_EXCLUDE}><div class="vlkb-chart" id="{esc(chart_id)}" role="img" '
        f'aria-label="{esc(alt)}" data-figure="{esc(chart_id)}-data"></div>',
        f'<script type="application/json" id="{esc(chart_id)}-data">{json_for_script(figure)}</script>',
        f"<figcaption>{esc(alt)}</figcaption></figure>",
    )


def filter_select(label: str, column: int, values: list[str], contains: bool = False) -> str:
    """A drop-down that vlkb.js turns into a filter on one column of the table it precedes ("all" first)."""
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    mode = ' data-match="contains"' if contains else ""
    return (f'<label>{esc(label)} <select class="vlkb-filter" data-column="{column}"{mode}>'
            f'<option value="">all</option>{options}</select></label> ')
