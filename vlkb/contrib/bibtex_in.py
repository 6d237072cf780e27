"""BibTeX in: turn entries (parsed by bibtexparser v2) into draft paper records.

Field text is decoded by `vlkb.contrib.latex_text` (LaTeX accents, escapes and braces to plain UTF-8).

A draft carries only what the entry states. Facts a .bib does not hold (the day of the first
version, the taxonomy leaf, the kind of paper) are left out, so `vlkb validate` names each one that
the contributor must still fill in. Authors from a .bib are `unconfirmed` unless the caller says
where an authoritative copy of the entry was read (`authoritative_url`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from pydantic import ValidationError

from vlkb.loading.catalog import Catalog
from vlkb.contrib.latex_text import LatexError, latex_to_text, latex_to_text_reporting, split_names  # noqa: F401 (re-exported)
from vlkb.loading.titles import normalised_title
from vlkb.schema import Authors, Links, Paper, Source
from vlkb.schema.common import ARXIV_PATTERN, DOI_PATTERN, is_allowed_link

@dataclass
class Draft:
    """A paper record drafted from one entry, and what the contributor must still add."""

    entry_key: str
    line: int
    record: Paper
    missing: list[str]
    notes: list[str]


@dataclass
class Skipped:
    """An entry not written: a parse failure, a duplicate, or an entry with no title."""

    entry_key: str
    line: int
    reason: str


@dataclass
class ImportReport:
    drafts: list[Draft] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


_ARXIV_IN_TEXT = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arxiv[:\s]+)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)


def _field(entry: bibtexparser.model.Entry, name: str) -> str | None:
    found = entry.fields_dict.get(name)
    if found is None:
        found = next((f for k, f in entry.fields_dict.items() if k.lower() == name), None)
    if found is None or found.value is None:
        return None
    value = str(found.value).strip()
    return value or None


def _arxiv_id(entry: bibtexparser.model.Entry) -> str | None:
    eprint = _field(entry, "eprint")
    if eprint:
        candidate = re.sub(r"^arxiv:", "", eprint.strip(), flags=re.IGNORECASE)
        candidate = re.sub(r"v\d+$", "", candidate)
        if re.match(ARXIV_PATTERN, candidate):
            return candidate
    for name in ("journal", "url", "note", "howpublished", "booktitle", "volume"):
        value = _field(entry, name)
        match = _ARXIV_IN_TEXT.search(value or "")
        if match:
            return match.group(1)
    return None


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def draft_id(title: str, taken: set[str], year: int | None) -> str:
    """The name before a title's colon when it is short (`BLIP-2: ...` -> blip-2), else the first words."""
    head, _, rest = title.partition(":")
    if rest and 0 < len(head.split()) <= 3 and _slug(head):
        base = _slug(head)
    else:
        base = "-".join(_slug(title).split("-")[:6]) or "paper"
    base = base[:70].strip("-")
    candidates = [base] + ([f"{base}-{year}"] if year else []) + [f"{base}-{n}" for n in range(2, 100)]
    return next(c for c in candidates if c not in taken)


def _safe_link(url: str | None) -> str | None:
    url = url.strip() if url else None
    return url if is_allowed_link(url) else None


def import_bibtex(text: str, catalog: Catalog, *, source_name: str, today: dt.date,
                  leaf: str | None = None, kind: str | None = None,
                  authoritative_url: str | None = None) -> ImportReport:
    """Draft records for the entries of `text`; duplicates and broken entries go to `skipped`."""
    report = ImportReport()
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        kind_name = type(block).__name__
        reason = {"DuplicateBlockKeyBlock": "the entry key is used twice in the file",
                  "DuplicateFieldKeyBlock": "a field is given twice in this entry"}.get(
            kind_name, "BibTeX syntax error (unbalanced braces, a missing comma or '=')")
        key = getattr(block, "key", None) or _raw_key(block.raw)
        report.skipped.append(Skipped(key, block.start_line + 1, reason))
    arxiv_owner = {p.arxiv: p.id for p in catalog.papers.values() if p.arxiv}
    doi_owner = {p.doi.casefold(): p.id for p in catalog.papers.values() if p.doi}
    title_owner = {normalised_title(p.title): p.id for p in catalog.papers.values()}
    taken = set(catalog.papers) | {stem for folder, stem in catalog.broken if folder == "papers"}
    for entry in library.entries:
        line = entry.start_line + 1
        try:
            draft = _draft(entry, catalog, source_name=source_name, today=today, leaf=leaf, kind=kind,
                           authoritative_url=authoritative_url, taken=taken)
        except LatexError as error:
            report.skipped.append(Skipped(entry.key, line, f"cannot decode a field: {error}"))
            continue
        if isinstance(draft, str):
            report.skipped.append(Skipped(entry.key, line, draft))
            continue
        paper = draft.record
        owner = (arxiv_owner.get(paper.arxiv) if paper.arxiv else None) \
            or (doi_owner.get(paper.doi.casefold()) if paper.doi else None) \
            or title_owner.get(normalised_title(paper.title))
        if owner:
            where = "an earlier entry of this file" if owner.startswith("@") else f"catalog record '{owner}'"
            report.skipped.append(Skipped(entry.key, line, f"duplicate of {where}"))
            continue
        for table, value in ((arxiv_owner, paper.arxiv), (doi_owner, paper.doi.casefold() if paper.doi else None),
                             (title_owner, normalised_title(paper.title))):
            if value:
                table[value] = f"@{entry.key}"
        taken.add(paper.id)
        report.drafts.append(draft)
    return report


def _raw_key(raw: str) -> str:
    match = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)", raw)
    return match.group(1) if match else "?"


def _draft(entry: bibtexparser.model.Entry, catalog: Catalog, *, source_name: str, today: dt.date,
           leaf: str | None, kind: str | None, authoritative_url: str | None, taken: set[str]) -> Draft | str:
    notes: list[str] = []
    raw_title = _field(entry, "title")
    if not raw_title:
        return "the entry has no title"
    title, unknown = latex_to_text_reporting(raw_title)
    if unknown:
        notes.append(f"title: unknown LaTeX macros kept as text: {', '.join(unknown)}")
    if not title or len(title) > 500:
        return "the title is empty or longer than 500 characters"
    year_text = _field(entry, "year")
    year = int(year_text) if year_text and re.fullmatch(r"\d{4}", year_text) else None
    arxiv = _arxiv_id(entry)
    doi_text = _field(entry, "doi")
    doi = re.sub(r"^https?://(dx\.)?doi\.org/", "", doi_text) if doi_text else None
    if doi and not re.match(DOI_PATTERN, doi):
        notes.append(f"doi '{doi}' is not a DOI; left out")
        doi = None
    url = _safe_link(_field(entry, "url"))
    if _field(entry, "url") and not url:
        notes.append("url is not an http(s) link; left out")
    paper_link = url or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None)
    names = split_names(_field(entry, "author") or "")
    if re.search(r"\band\s+others\s*$", _field(entry, "author") or "", re.IGNORECASE):
        notes.append("the .bib ends the author list with 'and others': add the missing authors")
    missing = ["date", "kind", "taxonomy"] if leaf is None else ["date", "kind"]
    if kind:
        missing.remove("kind")
    venue, venue_year = _venue(entry, catalog, arxiv, year, notes)
    if venue is None:
        missing.append("venue")
    unusable = _unusable_names(names)
    if unusable:
        notes.append(f"the author list could not be used ({unusable}): add the authors by hand")
        names = []
    if authoritative_url and names:
        authors = Authors(names=names, status="confirmed",
                          sources=[Source(url=authoritative_url, note=f"BibTeX entry {entry.key} of {source_name}")])
    else:
        where = paper_link or (f"https://doi.org/{doi}" if doi else None)
        sources = [Source(url=where, note=f"as written in {source_name} (entry {entry.key}); not yet checked")] \
            if where and names else []
        authors = Authors(names=names, status="unconfirmed", sources=sources)
        notes.append(f"authors from {source_name}: confirm them on the paper's page, then set status: confirmed"
                     if names else "the entry names no authors: add them from the paper's page")
    if year:
        notes.append(f"date: the .bib gives the year {year}; write the day of the first public version (arXiv v1)")
    fields = dict(
        id=draft_id(title, taken, year), title=title, authors=authors, venue=venue, venue_year=venue_year,
        arxiv=arxiv, doi=doi, links=Links(paper=paper_link), added=today,
        review=[f"{source_name} @{entry.key}: {note}" for note in notes],
    )
    if kind:
        fields["kind"] = kind
    if leaf:
        fields["taxonomy"] = [leaf]
    record = Paper.model_construct(**{k: v for k, v in fields.items() if v is not None})
    return Draft(entry.key, entry.start_line + 1, record, missing, notes)


def _unusable_names(names: list[str]) -> str | None:
    """Why the decoded names cannot stand in a record (a name twice, a control character), or None."""
    try:
        Authors(names=names, status="unconfirmed")
    except ValidationError as error:
        kinds = {e["type"] for e in error.errors(include_url=False)}
        if kinds <= {"string_pattern_mismatch"}:
            return "a name is empty or holds control characters"
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors(include_url=False))
    return None


def _venue(entry: bibtexparser.model.Entry, catalog: Catalog, arxiv: str | None, year: int | None,
           notes: list[str]) -> tuple[str | None, int | None]:
    written = _field(entry, "booktitle") or _field(entry, "journal") or _field(entry, "howpublished")
    if written and _ARXIV_IN_TEXT.search(written) or (not written and arxiv):
        return "arxiv", None
    if not written:
        return None, None
    text = latex_to_text(written)
    resolved, how = catalog.venues.resolve(text) if catalog.venues else (None, "unknown")
    if resolved is None and catalog.venues:
        folded = text.casefold()
        resolved = next((v.id for v in catalog.venues.venues if v.full_name.casefold() == folded), None)
    if resolved is None:
        notes.append(f"venue '{text}' is not in venues.yaml: use an existing id or add the venue")
        return None, None
    if how == "misspelling":
        notes.append(f"venue '{text}' is a known misspelling of {resolved}")
    return resolved, (None if resolved == "arxiv" else year)
