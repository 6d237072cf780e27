"""Turn list rows plus verification data into paper records, recording every correction.

Rules, so the bootstrap can be read and checked:
- Rows are one paper when they share the verified arXiv id (or, unverified, the normalised title); the
  paper keeps every section it was listed in as a taxonomy leaf.
- Identity comes from verification first: real title, arXiv id, arXiv v1 date, published venue; the
  list's value stays only where nothing contradicts it. Every change is a `corrections` entry with the
  page it was read from.
- Links: arXiv papers link their abstract page; code links must point at a code host (GitHub, GitLab...)
  and not at a search page, otherwise they are dropped or moved to the project link, with a correction.
- `kind` and modalities follow from the section and the title: surveys from the survey sections,
  benchmarks and datasets from their titles, the rest models (methods under the challenges stream).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from vlkb.contrib.awesome_tables import ListRow, plain_title
from awesome_import.drafts import Draft, Fix
from awesome_import.field_rules import (
    list_arxiv_id,
    modalities_for,
    settle_authors,
    settle_date,
    settle_kind,
    settle_links,
    settle_title,
    settle_venue,
    valid_link,
)
from awesome_import.verification import Verified
from vlkb.loading.titles import normalised_title
from vlkb.schema import Venues


def slug(text: str, words: int | None = None) -> str:
    """Id words from a name: 'LLaVA 1.5' -> 'llava-1-5', 'LISA++' -> 'lisa-plus-plus'."""
    parts = re.findall(r"[a-z0-9]+", plain_title(text).casefold().replace("^", " ").replace("+", " plus "))
    return "-".join(parts[:words] if words else parts)[:80].strip("-")


def group_rows(rows: list[ListRow], checks: dict[int, Verified]) -> list[Draft]:
    """Rows -> one draft per paper, in the order of the paper's first row."""
    arxiv_by_title: dict[str, str] = {}
    for row in rows:
        check = checks.get(row.line)
        if check and check.arxiv:
            for title in (check.title, row.title):
                if title:
                    arxiv_by_title.setdefault(normalised_title(title), check.arxiv)
    titles_per_link: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        link_id = list_arxiv_id(row.link)
        if link_id:
            titles_per_link[link_id].add(normalised_title(row.title))
    groups: dict[tuple[str, str], Draft] = {}
    for row in rows:
        check = checks.get(row.line)
        title_key = normalised_title(check.title if check and check.title else row.title)
        link_id = list_arxiv_id(row.link)
        if check and check.arxiv:
            key = ("arxiv", check.arxiv)
        elif title_key in arxiv_by_title:
            key = ("arxiv", arxiv_by_title[title_key])
        elif link_id and len(titles_per_link[link_id]) == 1 and not check:
            key = ("arxiv", link_id)
        else:
            key = ("title", title_key)
        draft = groups.setdefault(key, Draft(rows=[], checks=[]))
        draft.rows.append(row)
        if check:
            draft.checks.append(check)
    return list(groups.values())


LIST_REPOSITORY = {"repository": "JackYFL/awesome-VLLMs", "path": "README.md",
                   "commit": "e59c35a8e1b7a3313af688b08bbdf35a3d0fdc38"}


def _source(fix: Fix) -> dict[str, Any]:
    """Where the right value was read; for a fix the list itself proves (a misspelling, a search page as
    code link), the list's own row at the snapshot commit."""
    if fix.source and valid_link(fix.source):
        return {"url": fix.source}
    return {**LIST_REPOSITORY, "line": fix.line or 1,
            "note": "the list's own row shows the problem"}


def build_record(draft: Draft, venues: Venues, added: dt.date,
                 v1_dates: dict[str, tuple[dt.date, str]] | None = None) -> dict[str, Any]:
    """The record fields (without id) of one draft, plus its corrections in `draft.fixes`."""
    first = draft.rows[0]
    check = next((c for c in draft.checks if c.confirmed and any(valid_link(u) for u in c.sources)),
                 draft.checks[0] if draft.checks else None)
    arxiv = next((c.arxiv for c in draft.checks if c.arxiv), None)
    if arxiv is None and not draft.checks:
        candidate = list_arxiv_id(first.link)
        arxiv = candidate if candidate and re.fullmatch(r"\d{4}\.\d{4,5}", candidate) else None
    record: dict[str, Any] = {}
    record["title"] = settle_title(draft, check)
    names = [plain_title(r.name) for r in draft.rows if r.name]
    if names:
        record["short_name"] = names[0]
    record["kind"] = settle_kind(draft.rows, record["title"], names[0] if names else "")
    record["authors"] = settle_authors(check)
    record["date"], precision = settle_date(draft, arxiv, v1_dates)
    if precision != "day":
        record["date_precision"] = precision
    record.update(settle_venue(draft, venues, arxiv))
    if arxiv:
        record["arxiv"] = arxiv
    record["links"] = settle_links(draft, arxiv)
    leaves = sorted({r.leaf for r in draft.rows})
    record["taxonomy"] = leaves
    inputs, outputs = modalities_for(leaves)
    if inputs:
        record["input_modalities"] = inputs
    if outputs:
        record["output_modalities"] = outputs
    _arxiv_fixes(draft, arxiv)
    _note_unhandled_issues(draft)
    if draft.fixes:
        record["corrections"] = [
            {"field": f.field, "was": f.was, "now": f.now, "reason": f.reason, "source": _source(f)}
            for f in draft.fixes
        ]
    if draft.review:
        record["review"] = draft.review
    record["added"] = added
    if check and check.confirmed:
        record["verified"] = added
    return record


def _arxiv_fixes(draft: Draft, arxiv: str | None) -> None:
    for row in draft.rows:
        listed = list_arxiv_id(row.link)
        check = next((c for c in draft.checks if c.line == row.line), None)
        if listed and arxiv and listed != arxiv:
            reason = "the list links another paper's arXiv id" if re.fullmatch(r"\d{4}\.\d{4,5}", listed) \
                else "the list's arXiv id is malformed"
            draft.fixes.append(Fix("arxiv", listed, arxiv, reason,
                                   check.sources[0] if check and check.sources else "", row.line))
        elif not listed and arxiv and row.link and "arxiv.org" not in row.link:
            draft.fixes.append(Fix("links.paper", row.link, f"https://arxiv.org/abs/{arxiv}",
                                   "the paper is on arXiv; the list links another page",
                                   check.sources[0] if check and check.sources else "", row.line))


_COVERED = {
    "arxiv": re.compile(r"arxiv id|links? (to|points)|points to|uses .*'s|is the same paper", re.I),
    "date": re.compile(r"\bdate|v1\b", re.I),
    "venue": re.compile(r"venue|published|proceedings|findings|workshop", re.I),
    "title": re.compile(r"title|typo|capitali", re.I),
    "links.code": re.compile(r"code link|repo", re.I),
}


def _note_unhandled_issues(draft: Draft) -> None:
    """Keep a verifier's note for review unless a structured correction already covers it."""
    fixed = {fix.field for fix in draft.fixes}
    for check in draft.checks:
        for issue in check.issues:
            if issue.startswith("Recheck:"):
                continue  # how a second look confirmed the facts: provenance, not an open question
            if any(field in fixed and pattern.search(issue) for field, pattern in _COVERED.items()):
                continue
            draft.review.append(f"Verification note (list line {check.line}): {issue}")


def assign_ids(drafts: list[Draft], records: list[dict[str, Any]]) -> list[str]:
    """Stable ids: the short name's slug, else the title's first words; the year breaks a tie."""
    taken: set[str] = set()
    ids = []
    for draft, record in zip(drafts, records):
        base = slug(record["short_name"]) if record.get("short_name") else slug(record["title"], 6)
        candidate = base or "paper"
        if candidate in taken:
            candidate = f"{base}-{record['date'].year}"
        suffix = 2
        while candidate in taken:
            candidate = f"{base}-{suffix}"
            suffix += 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def apply_manual_fixes(drafts: list[Draft], records: list[dict[str, Any]], fixes: list[dict[str, Any]]) -> None:
    """Apply the verifiers' hand-written fixes (scripts/bootstrap/manual_fixes.yaml), each as a correction."""
    by_line = {row.line: index for index, draft in enumerate(drafts) for row in draft.rows}
    for fix in fixes:
        index = by_line.get(int(fix["line"]))
        if index is None:
            continue
        record, row = records[index], next(r for r in drafts[index].rows if r.line == int(fix["line"]))
        name, now = fix["field"], fix.get("now")
        if name == "kind":  # vlkb's own classification, not a correction of the list
            record["kind"] = now
            continue
        if name == "short_name":
            was = record.get("short_name")
            record["short_name"] = now
        elif name == "date":
            was, now = row.date, now.isoformat()
            record["date"] = fix["now"]
            record.pop("date_precision", None)
            record["corrections"] = [c for c in record.get("corrections", []) if c["field"] != "date"]
        elif name in ("links.code", "links.project"):
            key = name.split(".")[1]
            links = record["links"]
            was = (row.code_url if key == "code" else row.project_url) or links.get(key)
            if now:
                links[key] = now
            else:
                links.pop(key, None)
            if key == "code":
                links["code_status"] = "released" if links.get("code") else "unknown"
        else:
            raise ValueError(f"manual fix of unsupported field {name}")
        record.setdefault("corrections", []).append(
            {"field": name, "was": was, "now": now, "reason": fix["reason"], "source": {"url": fix["source"]}})
