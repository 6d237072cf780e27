"""The Atom feed of newly added papers (`feed.xml` at the site's root), so a reader can follow the catalog.

Entries are the papers most recently added to the catalog (the records' `added` date, then their first
version's date), with their page, authors, taxonomy leaves and summary. Every timestamp is a record's own
date, never the build time, so the same catalog gives the same bytes. Links are relative to the feed's
address (RFC 4287 resolves them against it): the site does not need to know where it is deployed.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from vlkb.loading.catalog import Catalog
from vlkb.schema import Paper

FEED_PATH = "feed.xml"
FEED_ENTRIES = 50
FEED_ID = "tag:vlkb.knowledge-base,2026:papers"


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def newest_added(catalog: Catalog, limit: int = FEED_ENTRIES) -> list[Paper]:
    """The papers added last, newest first: by the date they entered the catalog, then their own date and id."""
    papers = sorted(catalog.papers.values(), key=lambda p: (p.added, p.date, p.id), reverse=True)
    return papers[:limit]


def _entry(paper: Paper) -> str:
    name = paper.short_name or paper.title
    title = name if name == paper.title else f"{name}: {paper.title}"
    authors = "".join(f"<author><name>{escape(author)}</name></author>" for author in paper.authors.names[:20])
    if not authors:
        authors = "<author><name>unconfirmed</name></author>"
    categories = "".join(f"<category term={quoteattr(leaf)}/>" for leaf in paper.taxonomy)
    summary = paper.summary or f"{paper.kind} of {paper.date_label}"
    return (f"<entry><id>{FEED_ID}:{paper.id}</id><title>{escape(title)}</title>"
            f'<link rel="alternate" type="text/html" href="papers/{paper.id}/"/>'
            f"<published>{_stamp(paper.added)}</published><updated>{_stamp(paper.verified or paper.added)}</updated>"
            f"{authors}{categories}<summary>{escape(summary)}</summary></entry>")


def atom_feed(catalog: Catalog) -> bytes:
    """The feed document, UTF-8."""
    papers = newest_added(catalog)
    updated = max((p.verified or p.added for p in papers), default=None)
    head = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{FEED_ID}</id><title>vlkb: papers newly added</title>"
            f'<link rel="self" type="application/atom+xml" href="{FEED_PATH}"/>'
            '<link rel="alternate" type="text/html" href="./"/>'
            f"<updated>{_stamp(updated) if updated else '1970-01-01T00:00:00Z'}</updated>"
            "<author><name>vlkb contributors</name></author>")
    return (head + "\n" + "\n".join(_entry(p) for p in papers) + "\n</feed>\n").encode("utf-8")
