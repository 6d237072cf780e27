"""The body of a generated page, and the deferred-block contract between the renderers and the hooks.

A renderer returns a `GeneratedPage` whose `body_html` is HTML, never markdown: chunks separated by a
blank line, each either an anchored section heading written by `vlkb.site.html.heading`
(`## Results {#results}`, the only markdown-like line, converted here) or a block of already escaped
HTML. `render_generated` turns the body into a `RenderedPage` without Python-Markdown:

1. Searchable blocks (title, facts, summary) stay in `RenderedPage.html`, which Material's search plugin
   indexes at `on_page_context`.
2. Every section heading and every block whose first tag carries `data-search-exclude="true"` (tables,
   charts, BibTeX) is replaced by one placeholder, `<!--VLKBDEFERRED00000-->`, numbered in page order; the
   replaced chunks are kept in `RenderedPage.deferred`. The search plugin thus makes one entry per page
   and never parses the big tables.
3. At `on_post_page` the hooks call `restore_deferred` on the finished page, which puts each chunk back
   where its placeholder stands. No placeholder survives into a written page; the built-site tests check
   every page and the search index for the placeholder prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vlkb.site.html import esc


@dataclass(frozen=True)
class GeneratedPage:
    """One page that exists only in memory during a build.

    `src_uri` is the page's path inside the docs folder (`papers/llava.md`: mkdocs names pages by it); `title` is plain
    text, escaped by the hooks where the theme prints it; `edit_path` is the repository path of
    the record the page shows, for the edit link; `charts` asks the theme to load plotly.
    """

    src_uri: str
    title: str
    body_html: str
    """The body: escaped HTML blocks and anchored headings, joined by blank lines (the contract above)."""
    description: str = ""
    edit_path: str | None = None
    charts: bool = False
    toc: bool = True
    """False for short pages and data pages, which Material then shows without a table of contents and
    without its empty column (page meta `hide: [toc]`), so wide tables get the page's width (each TOC entry
    is template work on every page, too: a third of the theme's time on paper pages)."""
    search_names: tuple[str, ...] = ()
    """Names the page is found by first (short name, aliases): Material's search boosts page tags."""
    search_boost: float | None = None
    """Material's per-page search boost (page meta `search: boost:`), a prior across pages."""


_HEADING = re.compile(r"^(#{1,6}) (.+) \{#([a-z0-9-]+)\}$")
DEFERRED = "<!--VLKBDEFERRED{:05d}-->"


@dataclass(frozen=True)
class RenderedPage:
    """A generated page turned into HTML without Python-Markdown.

    The renderers write only two kinds of chunk: trusted section headings (`## Results {#results}`)
    and raw HTML blocks that are already escaped, which markdown would pass through unchanged;
    converting them here skips the parser (it was half of the build time). `html` is what Material's
    search indexes: the searchable blocks (title, facts, summary), with a comment in place of the
    section headings and of each block marked data-search-exclude (tables, charts, BibTeX), which
    `restore_deferred` puts back into the finished page, because the search plugin parses every
    byte it is given and makes an entry per heading.
    """

    html: str
    deferred: list[str]
    toc: list[tuple[int, str, str]]
    """(level, anchor, title as HTML) of every heading, in page order."""


def searchable(chunk: str) -> bool:
    """False for a block whose first element carries Material's data-search-exclude."""
    return 'data-search-exclude="true"' not in chunk.split(">", 1)[0]


def render_generated(body_html: str) -> RenderedPage:
    """Split a body into what search indexes now and the deferred blocks put back later (see above)."""
    parts: list[str] = []
    deferred: list[str] = []
    toc: list[tuple[int, str, str]] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            parts.append(DEFERRED.format(len(deferred)))
            deferred.append("\n".join(pending))
            pending.clear()

    for chunk in body_html.split("\n\n"):
        if not chunk.strip():
            continue
        match = _HEADING.match(chunk)
        if match:
            # section headings join the page after indexing too: one search entry per page (its title,
            # facts and summary) instead of one per section keeps the index small and the hits useful
            level, title, anchor = len(match.group(1)), esc(match.group(2)), match.group(3)
            pending.append(f'<h{level} id="{anchor}">{title}</h{level}>')
            toc.append((level, anchor, title))
        elif chunk.startswith("#"):
            raise ValueError(f"a heading without an anchor: {chunk[:80]!r}; write it with html.heading()")
        elif searchable(chunk) and not pending:
            parts.append(chunk)
        elif searchable(chunk):
            flush()
            parts.append(chunk)
        else:
            pending.append(chunk)
    flush()
    return RenderedPage("\n".join(parts), deferred, toc)


def restore_deferred(html: str, deferred: list[str]) -> str:
    """Put every deferred block back in place of its placeholder (each placeholder occurs once)."""
    for number, chunk in enumerate(deferred):
        html = html.replace(DEFERRED.format(number), chunk, 1)
    return html
