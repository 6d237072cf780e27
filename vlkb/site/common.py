"""Pieces many pages share: relative URLs between generated pages, sources, venues, taxonomy labels."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import quote

from vlkb.catalog import Catalog
from vlkb.schema import Paper, Source, TaxonomyNode
from vlkb.site.html import esc, link


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
    search_boost: float | None = None
    extra: dict[str, str] = field(default_factory=dict)


PLACEHOLDER = "VLKBBLOCK{:05d}"


def split_for_markdown(markdown: str) -> tuple[str, list[str]]:
    """Headings stay markdown (for the TOC and search sections); each raw HTML block becomes a
    one-word placeholder paragraph, so Python-Markdown never parses the long, already-escaped HTML
    (its HTML block parser was half of the build time). `join_rendered` puts the blocks back."""
    skeleton, blocks = [], []
    for chunk in markdown.split("\n\n"):
        if not chunk.strip():
            continue
        if chunk.startswith("#"):
            skeleton.append(chunk)
        else:
            skeleton.append(PLACEHOLDER.format(len(blocks)))
            blocks.append(chunk)
    return "\n\n".join(skeleton) + "\n", blocks


DEFERRED = "<!--VLKBDEFERRED{:05d}-->"


def searchable(chunk: str) -> bool:
    """False for a block whose first element carries Material's data-search-exclude."""
    return 'data-search-exclude="true"' not in chunk.split(">", 1)[0]


def join_rendered(html: str, blocks: list[str]) -> str:
    """The rendered skeleton with each placeholder paragraph replaced: searchable blocks by
    themselves, the others by a comment that `restore_deferred` fills in the finished page.

    Material's search parses every byte of page.content (data-search-exclude only drops text
    after parsing), so tables, charts and BibTeX join the page only after the index has it.
    """
    for number, chunk in enumerate(blocks):
        html = html.replace(f"<p>{PLACEHOLDER.format(number)}</p>",
                            chunk if searchable(chunk) else DEFERRED.format(number), 1)
    return html


def restore_deferred(html: str, blocks: list[str]) -> str:
    for number, chunk in enumerate(blocks):
        if not searchable(chunk):
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
    here = page_url(from_src) or "."
    target = to_url or "."
    path = posixpath.relpath(target, here.rstrip("/") or ".")
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
