"""Pieces many pages share: relative URLs between generated pages, sources, venues, taxonomy labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TypeVar
from urllib.parse import quote

from vlkb.load.catalog import Catalog
from vlkb.schema import Paper, Source, TaxonomyNode
from vlkb.site.html import esc, link

T = TypeVar("T")


@dataclass(frozen=True)
class GeneratedPage:
    """One page that exists only in memory during a build.

    `src_uri` is the markdown path inside the docs folder (`papers/llava.md`); `title` is plain
    text, escaped by the hooks where the theme prints it; `edit_path` is the repository path of
    the record the page shows, for the edit link; `charts` asks the theme to load plotly.
    """

    src_uri: str
    title: str
    markdown: str
    description: str = ""
    edit_path: str | None = None
    charts: bool = False
    toc: bool = True
    """False for short pages, which Material then shows without a table of contents (each TOC entry
    is template work on every page: a third of the theme's time on paper pages)."""


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


def render_generated(markdown: str) -> RenderedPage:
    parts: list[str] = []
    deferred: list[str] = []
    toc: list[tuple[int, str, str]] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            parts.append(DEFERRED.format(len(deferred)))
            deferred.append("\n".join(pending))
            pending.clear()

    for chunk in markdown.split("\n\n"):
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
    for number, chunk in enumerate(deferred):
        html = html.replace(DEFERRED.format(number), chunk, 1)
    return html


def page_url(src_uri: str) -> str:
    """The site URL of a markdown file with directory URLs: `papers/llava.md` -> `papers/llava/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def rel(from_src: str, to_url: str) -> str:
    """A link from the page of `from_src` to the site URL `to_url` ('' is the home page), relative so
    the site works under any base path and from file://."""
    here = [part for part in page_url(from_src).split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0  # segment arithmetic, not posixpath.relpath: that one asks the file system for the cwd
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    path = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        path = path.rstrip("/") + "/" if path != "." else "./"
    return path


def source_html(source: Source) -> str:
    """A source as a link a reader can follow, with its locator; every part escaped."""
    where = f" ({esc(source.locator)})" if source.locator else ""
    parts: list[str] = []
    if source.arxiv:
        parts.append(link(f"https://arxiv.org/abs/{source.arxiv}", f"arXiv:{source.arxiv}") + where)
        where = ""
    if source.repository and source.path:
        ref = source.commit or "HEAD"
        url = f"https://github.com/{source.repository}/blob/{ref}/{quote(source.path)}"
        if source.line:
            url += f"#L{source.line}"
        label = f"{source.repository}/{source.path}" + (f"@{source.commit[:8]}" if source.commit else "")
        parts.append(link(url, label) + (f" line {source.line}" if source.line else ""))
    if source.url:
        parts.append(link(source.url, source.url) + where)
    text = "; ".join(parts)
    if source.note:
        text += f' <span class="vlkb-note">{esc(source.note)}</span>'
    return text


def venue_label(catalog: Catalog, paper: Paper) -> str:
    """'CVPR 2024', or 'arXiv preprint'; plain text (the caller escapes)."""
    venue = next((v for v in catalog.venues.venues if v.id == paper.venue), None) if catalog.venues else None
    name = venue.name if venue else paper.venue
    if paper.venue == "arxiv":
        return "arXiv preprint"
    return f"{name} {paper.venue_year}" if paper.venue_year else name


def leaf_label(nodes: dict[str, list[TaxonomyNode]], path: str) -> str:
    """'Vision-to-text › Image-to-text › General ability' for a node path; plain text."""
    trail = nodes.get(path)
    return " › ".join(node.label for node in trail) if trail else path


def taxonomy_url(path: str) -> str:
    return f"taxonomy/{path}/"


def merge_agreeing(items: list[T], key: Callable[[T], tuple], primary: Callable[[T], bool]) -> list[tuple[T, list[T]]]:
    """One row per number: items with the same key (the same value of the same variant, benchmark, split,
    metric and setting, quoted by several sources) are shown once, the primary one (the authors' own)
    first, with the others' sources beside it. Order of first appearance is kept."""
    groups: dict[tuple, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [(ordered[0], ordered[1:]) for ordered in
            (sorted(members, key=lambda m: not primary(m)) for members in groups.values())]
