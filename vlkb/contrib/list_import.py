"""What an awesome list knows that the catalog does not: its rows matched to records, and drafts for the rest.

A row matches a record by arXiv id (read from any arXiv link in the row) or by normalised title. A
draft holds only what the row states, marked unconfirmed, with a review note that names the list,
its commit and line: the lists have errors (a model linked to another paper's id), so every fact is
to be checked on the paper before the draft is completed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vlkb.contrib.awesome_tables import ListRow
from vlkb.loading.catalog import Catalog
from vlkb.loading.titles import normalised_title
from vlkb.schema import Authors, Links, Paper, Source
from vlkb.schema.common import ID_PATTERN, is_allowed_link

ARXIV_IN_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class RowMatch:
    row: ListRow
    arxiv: str | None
    record: str | None
    """The catalog id the row matches, or None when the catalog lacks it."""
    how: str
    """arxiv | title | missing"""


def row_arxiv(row: ListRow) -> str | None:
    for url in (row.link, row.code_url, row.project_url):
        match = ARXIV_IN_URL.search(url or "")
        if match:
            return match.group(1)
    return None


def match_rows(rows: list[ListRow], catalog: Catalog) -> list[RowMatch]:
    by_arxiv = {facts.arxiv: pid for pid, facts in catalog.facts.items() if facts.arxiv}
    by_title = {facts.title_key: pid for pid, facts in catalog.facts.items()}
    matches = []
    for row in rows:
        arxiv = row_arxiv(row)
        if arxiv and arxiv in by_arxiv:
            matches.append(RowMatch(row, arxiv, by_arxiv[arxiv], "arxiv"))
        elif normalised_title(row.title) in by_title:
            matches.append(RowMatch(row, arxiv, by_title[normalised_title(row.title)], "title"))
        else:
            matches.append(RowMatch(row, arxiv, None, "missing"))
    return matches


def draft_id(row: ListRow, taken: set[str]) -> str:
    """An id from the row's name or the title before its colon, unique against `taken`."""
    base = row.name or row.title.split(":", 1)[0]
    words = re.sub(r"[^a-z0-9]+", "-", base.casefold()).strip("-")[:60].strip("-") or "paper"
    candidate, number = words, 2
    while candidate in taken:
        candidate, number = f"{words}-{number}", number + 1
    assert re.match(ID_PATTERN, candidate)
    return candidate


def row_date(row: ListRow) -> tuple[dt.date, str] | None:
    """The row's date as (date, precision), when it reads as YYYY-MM-DD or YYYY-MM."""
    text = row.date.strip()
    try:
        return dt.date.fromisoformat(text), "day"
    except ValueError:
        month = _MONTH.match(text)
        if month and 1 <= int(month.group(2)) <= 12:
            return dt.date(int(month.group(1)), int(month.group(2)), 1), "month"
    return None


def draft_record(match: RowMatch, record_id: str, leaf: str, source: Source, added: dt.date) -> Paper | None:
    """An unconfirmed draft from one row, or None when the row gives no usable date."""
    row = match.row
    dated = row_date(row)
    if dated is None:
        return None
    date, precision = dated
    if match.arxiv is not None and not _plausible_v1(match.arxiv, date):
        date, precision = dt.date(2000 + int(match.arxiv[:2]), int(match.arxiv[2:4]), 1), "month"
    links = Links(paper=row.link if is_allowed_link(row.link) else None,
                  code=row.code_url if is_allowed_link(row.code_url) else None,
                  code_status="released" if is_allowed_link(row.code_url) else "unknown")
    where = f"{source.repository}@{(source.commit or '')[:12]} {source.path} line {row.line}"
    return Paper(
        id=record_id, title=row.title, short_name=row.name, kind="model",
        authors=Authors(status="unconfirmed", sources=[source.model_copy(update={"line": row.line})]),
        date=date, date_precision=precision, venue="arxiv", arxiv=match.arxiv, links=links, taxonomy=[leaf],
        review=[f"drafted by vlkb import-list from {where}: confirm the title, authors, first-version date, venue "
                "and kind on the paper itself, then choose the taxonomy leaf and write a summary"],
        added=added)


def _plausible_v1(arxiv: str, date: dt.date) -> bool:
    """The arXiv id's month holds the list's date (the list may give a later version's date)."""
    return (2000 + int(arxiv[:2]), int(arxiv[2:4])) == (date.year, date.month)
