"""Title, authors and first-version date of an arXiv paper, from arXiv's public API (`vlkb new --arxiv`).

The API answers an Atom feed (https://info.arxiv.org/help/api/user-manual.html): one `entry` with
`title`, one `author/name` per author in order, and `published`, the time of version 1. The lookup
is optional convenience: offline, or when arXiv does not answer, it raises `LookupUnavailable` and
the command says how to give the facts by hand. VLKB_ARXIV_API points it elsewhere (tests serve
recorded answers from a local server; nothing in the test suite reaches the network).
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

API = "https://export.arxiv.org/api/query"
ATOM = "{http://www.w3.org/2005/Atom}"
MAX_ANSWER_BYTES = 2 * 1024 * 1024
TIMEOUT_S = 15


class LookupUnavailable(Exception):
    """arXiv could not be asked, or its answer holds no such paper; the message says which."""


@dataclass(frozen=True)
class ArxivPaper:
    arxiv: str
    title: str
    authors: tuple[str, ...]
    first_version: dt.date
    abstract_url: str


def lookup(arxiv_id: str) -> ArxivPaper:
    base = os.environ.get("VLKB_ARXIV_API", API)
    url = f"{base}?{urllib.parse.urlencode({'id_list': arxiv_id, 'max_results': 1})}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as answer:
            body = answer.read(MAX_ANSWER_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise LookupUnavailable(f"arXiv could not be reached ({getattr(error, 'reason', error)})") from None
    if len(body) > MAX_ANSWER_BYTES:
        raise LookupUnavailable("arXiv's answer is larger than any single-paper answer can be")
    return parse_answer(body, arxiv_id)


def parse_answer(body: bytes, arxiv_id: str) -> ArxivPaper:
    try:
        feed = ElementTree.fromstring(body)  # the standard library's parser expands no external entities
    except ElementTree.ParseError as error:
        raise LookupUnavailable(f"arXiv's answer is not a valid Atom feed ({error})") from None
    for entry in feed.findall(f"{ATOM}entry"):
        entry_id = (entry.findtext(f"{ATOM}id") or "").rsplit("/abs/", 1)[-1]
        if entry_id.split("v")[0] != arxiv_id:
            continue
        title = " ".join((entry.findtext(f"{ATOM}title") or "").split())
        authors = tuple(" ".join((a.findtext(f"{ATOM}name") or "").split()) for a in entry.findall(f"{ATOM}author"))
        published = entry.findtext(f"{ATOM}published") or ""
        try:
            first = dt.datetime.fromisoformat(published.replace("Z", "+00:00")).date()
        except ValueError:
            raise LookupUnavailable(f"arXiv's answer gives no readable first-version date ('{published}')") from None
        if not title or not all(authors) or not authors:
            raise LookupUnavailable("arXiv's answer lacks the title or an author name")
        return ArxivPaper(arxiv_id, title, authors, first, f"https://arxiv.org/abs/{arxiv_id}")
    raise LookupUnavailable(f"arXiv has no paper {arxiv_id}")
