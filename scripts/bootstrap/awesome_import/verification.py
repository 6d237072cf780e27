"""Read the verification data gathered for the list's rows (scripts/bootstrap/authors/*.yaml).

Each entry was filled from pages read with the search tools: the paper's real title, arXiv id, v1 date,
ordered authors and where they were read, a published venue when a page states it, and the list errors
seen in that row. A `recheck-*.yaml` entry replaces the first-pass entry for the same line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Verified:
    line: int
    title: str | None
    arxiv: str | None
    arxiv_v1_date: dt.date | None
    authors: tuple[str, ...]
    confirmed: bool
    sources: tuple[str, ...]
    """Links the facts were read from (a gatherer's free-text note about a source is split off)."""
    source_notes: dict[str, str]
    unlinked_sources: tuple[str, ...]
    """Sources a gatherer described without a link (e.g. a file found by the code index)."""
    venue: str | None
    venue_source: str | None
    issues: tuple[str, ...] = field(default_factory=tuple)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return dt.date.fromisoformat(value.strip())
    return None


def _arxiv(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4}\.\d{4,5})(v\d+)?", text)
    return match.group(1) if match else None


def _split_source(text: str | None) -> tuple[str, str] | None:
    """'https://x.org/page (README bibtex)' -> ('https://x.org/page', 'README bibtex'); no link -> None."""
    if not text:
        return None
    match = re.search(r"https?://[^\s)\]'\"]+", text)
    if not match:
        return None
    url = match.group(0).rstrip(".,;")
    note = (text[: match.start()] + text[match.end():]).strip(" ()-:;,")
    return url, note


def load_verification(folder: Path) -> dict[int, Verified]:
    """Line number -> verification entry; first-pass files first, rechecks override."""
    entries: dict[int, Verified] = {}
    files = sorted(folder.glob("part-*.yaml")) + sorted(folder.glob("recheck-*.yaml"))
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            status = item.get("status")
            authors = tuple(_text(name) for name in item.get("authors") or [] if _text(name))
            venue = _text(item.get("venue"))
            if venue and re.search(r"likely|not checked|unverified|weak", venue, re.I):
                venue = None  # the gatherer itself doubted it
            sources = [found for found in (_split_source(_text(x)) for x in item.get("sources") or []) if found]
            entries[int(item["line"])] = Verified(
                line=int(item["line"]),
                title=_text(item.get("title")),
                arxiv=_arxiv(item.get("arxiv")),
                arxiv_v1_date=_date(item.get("arxiv_v1_date")),
                authors=authors,
                confirmed=status == "confirmed" and bool(authors),
                sources=tuple(url for url, _ in sources),
                source_notes={url: note for url, note in sources if note},
                unlinked_sources=tuple(text for text in (_text(x) for x in item.get("sources") or [])
                                       if text and _split_source(text) is None),
                venue=venue,
                venue_source=_text(item.get("venue_source")),
                issues=tuple(i for i in (_text(x) for x in item.get("issues") or []) if i),
            )
    return entries
