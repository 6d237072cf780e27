"""Rules that settle one field of a record from its list rows and their verification.

Each rule prefers what a verifier read on the paper's own pages and records every difference from
the list as a `Fix` on the draft, with the page the right value came from.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from vlkb.contrib.awesome_tables import ListRow, plain_title
from awesome_import.drafts import Draft, Fix
from awesome_import.verification import Verified
from vlkb.checks.cross_records import arxiv_month, arxiv_v1_window
from vlkb.schema import Venues
from vlkb.schema.common import is_allowed_link

CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"}
LIST_VENUE_WORDS = {"arxiv": "arxiv", "corr": "arxiv", "github": "github", "blog": "blog"}
UNKNOWN_VENUES = {"", "none", "online"}
_ARXIV_LINK = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d+)(v\d+)?", re.I)


def list_arxiv_id(link: str | None) -> str | None:
    match = _ARXIV_LINK.search(link or "")
    return match.group(1) if match else None


def list_date(text: str) -> dt.date | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def venue_from_text(text: str, venues: Venues) -> tuple[str | None, int | None]:
    """'CVPR 2024', 'IEEE T-PAMI 2025 (doi ...)', 'Remote Sensing 16(9):1477, 2024' -> (venue id, year)."""
    year_match = re.search(r"\b(19|20)\d{2}\b", re.sub(r"doi\s+\S+", "", text))
    year = int(year_match.group(0)) if year_match else None
    without_notes = re.sub(r"\(.*?\)|doi\s+\S+", " ", text)
    plain = " ".join(t for t in without_notes.replace(",", " ").split() if not re.fullmatch(r"(19|20)\d{2}", t))
    name = " ".join(token for token in plain.split() if not re.search(r"\d", token))  # volumes, pages
    candidates = (plain, name, re.sub(r"^IEEE\s+", "", name), re.sub(r"\s+(Workshops?|main|long|short)$", "", name))
    for candidate in candidates:
        venue_id, how = venues.resolve(candidate)
        if venue_id:
            if re.search(r"Workshops?\b", name) and not venue_id.endswith("workshop"):
                workshop, _ = venues.resolve(f"{venue_id} workshop".replace("-", " "))
                venue_id = workshop or f"{venue_id}-workshop"
            return venue_id, year
    return None, year


def valid_link(url: str | None) -> bool:
    """The schema's link rule: a link the importer keeps must also validate."""
    return is_allowed_link(url)


def is_code_link(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host in CODE_HOSTS and not parts.path.startswith("/search") and "q=" not in parts.query \
        and len([p for p in parts.path.split("/") if p]) >= 2


def settle_title(draft: Draft, check: Verified | None) -> str:
    listed = draft.rows[0].title
    real = plain_title(check.title) if check and check.title else None
    if real and real != listed:
        draft.fixes.append(Fix("title", listed, real, "the list's title differs from the paper's own title",
                               check.sources[0] if check.sources else "", draft.rows[0].line))
        return real
    return listed


def settle_kind(rows: list[ListRow], title: str, name: str) -> str:
    lowered = title.casefold()
    if any(r.leaf.startswith("surveys/") for r in rows) or re.search(r"\bsurvey\b", lowered):
        return "survey"
    if re.search(r"\bbenchmark", lowered) or name.casefold().endswith("bench"):
        return "benchmark"
    if re.search(r"\bdataset\b", lowered):
        return "dataset"
    if all(r.leaf.startswith("challenges/") for r in rows):
        return "method"
    return "model"


def settle_authors(check: Verified | None) -> dict[str, Any]:
    if check and check.confirmed and _author_sources(check):
        return {"names": list(check.authors), "status": "confirmed", "sources": _author_sources(check)}
    authors: dict[str, Any] = {"status": "unconfirmed"}
    sources = _author_sources(check) if check else []
    if sources:
        authors["sources"] = sources
    return authors


def _author_sources(check: Verified) -> list[dict[str, Any]]:
    sources = []
    for url in check.sources:
        if valid_link(url):
            note = check.source_notes.get(url)
            sources.append({"url": url, "note": note} if note else {"url": url})
    if not sources and check.arxiv and check.unlinked_sources:
        # Read from copies of the arXiv metadata that have no public link of their own: cite the
        # arXiv id, with the gatherer's description of what was read.
        sources.append({"arxiv": check.arxiv, "note": "; ".join(check.unlinked_sources)[:1000]})
    return sources


def settle_date(draft: Draft, arxiv: str | None,
                v1_dates: dict[str, tuple[dt.date, str]] | None = None) -> tuple[dt.date, str]:
    """(date, precision): arXiv v1 where read; else a list date inside the arXiv id's month; else the month."""
    month = arxiv_month(arxiv) if arxiv else None
    candidates = [(c.arxiv_v1_date, c.sources[0] if c.sources else "") for c in draft.checks if c.arxiv_v1_date]
    if arxiv and v1_dates and arxiv in v1_dates:
        candidates.append(v1_dates[arxiv])
    listed = [(r, list_date(r.date)) for r in draft.rows]
    if candidates:
        chosen, source = min(candidates)
        for row, value in listed:
            if value != chosen:
                reason = "the list's date is before the paper's arXiv v1" if value and value < chosen else \
                    "the list gives a later version's date; the record keeps arXiv v1"
                if value is None:
                    reason = "the list's date is not a full date"
                draft.fixes.append(Fix("date", row.date or None, chosen.isoformat(), reason, source, row.line))
        return chosen, "day"
    if month is None:
        valid = [value for _, value in listed if value]
        if valid:
            return min(valid), "day"
        draft.review.append("No date was read: the list's year is all that is known.")
        year = re.search(r"\d{4}", draft.rows[0].date)
        return (dt.date(int(year.group(0)), 1, 1) if year else dt.date(2000, 1, 1)), "day"
    earliest, latest = arxiv_v1_window(arxiv)  # type: ignore[arg-type,misc]
    inside = [value for _, value in listed if value and earliest <= value <= latest]
    if inside:
        return min(inside), "day"
    for row, value in listed:
        later = value is not None and value > latest
        reason = ("the list gives a later version's date" if later else "the list's date is before the arXiv id's"
                  " month" if value else "the list's date is not a full date") + \
            f"; the arXiv id shows that v1 appeared in {month:%Y-%m}, the day was not read"
        draft.fixes.append(Fix("date", row.date or None, f"{month:%Y-%m}", reason,
                               f"https://arxiv.org/abs/{arxiv}", row.line))
    return month, "month"


def settle_venue(draft: Draft, venues: Venues, arxiv: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    check = next((c for c in draft.checks if c.venue), None)
    listed_ids = []
    for row in draft.rows:
        word = row.venue.strip().casefold()
        if word in UNKNOWN_VENUES:
            listed_ids.append((row, None, "unknown"))
            continue
        if word in LIST_VENUE_WORDS:
            listed_ids.append((row, LIST_VENUE_WORDS[word], "id"))
            continue
        venue_id, how = venues.resolve(row.venue)
        if venue_id is None:
            venue_id, _ = venue_from_text(row.venue, venues)
            how = "alias" if venue_id else "unknown"
        listed_ids.append((row, venue_id, how))
    if check:
        venue_id, year = venue_from_text(check.venue or "", venues)
        if venue_id:
            result["venue"] = venue_id
            if venue_id != "arxiv" and year:
                result["venue_year"] = year
            for row, listed, how in listed_ids:
                if listed != venue_id:
                    draft.fixes.append(Fix("venue", row.venue or None, check.venue,
                                           "the paper was published at a different venue than the list says",
                                           check.venue_source or (check.sources[0] if check.sources else ""),
                                           row.line))
                elif how == "misspelling":
                    draft.fixes.append(Fix("venue", row.venue, venue_id, f"'{row.venue}' is a misspelling", "",
                                           row.line))
            return result
        draft.review.append(f"A verifier read the venue '{check.venue}', which vlkb's venue list does not know yet.")
    chosen = next(((row, venue_id, how) for row, venue_id, how in listed_ids if venue_id), None)
    if chosen is None:
        result["venue"] = "arxiv" if arxiv else "github"
        for row, _, _ in listed_ids:
            draft.fixes.append(Fix("venue", row.venue or None, result["venue"],
                                   "the list gives no venue" if not row.venue.strip() or row.venue.strip().casefold()
                                   in UNKNOWN_VENUES else "the list's venue is not a venue",
                                   f"https://arxiv.org/abs/{arxiv}" if arxiv else "", row.line))
        return result
    row, venue_id, how = chosen
    listed_id = venue_id
    if venue_id == "arxiv" and not arxiv:
        venue_id = "github" if any(r.code_url and is_code_link(r.code_url) for r in draft.rows) else "blog"
        draft.fixes.append(Fix("venue", row.venue, venue_id, "the paper has no arXiv version; it was released as"
                               f" a {'GitHub repository' if venue_id == 'github' else 'blog post'}",
                               row.link if valid_link(row.link) else "", row.line))
    result["venue"] = venue_id
    for other_row, other_id, other_how in listed_ids:
        if other_how == "misspelling":
            draft.fixes.append(Fix("venue", other_row.venue, venue_id, f"'{other_row.venue}' is a misspelling",
                                   "", other_row.line))
        elif other_id and other_id != listed_id:
            draft.review.append(f"List rows disagree on the venue ({row.venue} at line {row.line}, "
                                f"{other_row.venue} at line {other_row.line}); no source was read to settle it.")
    return result


def settle_links(draft: Draft, arxiv: str | None) -> dict[str, Any]:
    links: dict[str, Any] = {}
    first = draft.rows[0]
    if arxiv:
        links["paper"] = f"https://arxiv.org/abs/{arxiv}"
    elif valid_link(first.link) and not list_arxiv_id(first.link):
        links["paper"] = first.link
    for row in draft.rows:
        if row.link and not valid_link(row.link):
            draft.fixes.append(Fix("links.paper", row.link, links.get("paper"), "the list's paper link is not a valid"
                                   " http(s) link", links.get("paper", ""), row.line))
    project = next((r.project_url for r in draft.rows if valid_link(r.project_url)), None)
    code = None
    for row in draft.rows:
        url = row.code_url
        if not url:
            continue
        if not valid_link(url):
            draft.fixes.append(Fix("links.code", url, None, "the list's code link is not a valid http(s) link", "",
                                   row.line))
        elif not is_code_link(url):
            host = (urlsplit(url).hostname or "")
            if "google." in host or "/search" in url:
                draft.fixes.append(Fix("links.code", url, None, "the list's code link is a search page", "", row.line))
            elif project is None:
                project = url
                draft.fixes.append(Fix("links.code", url, None, "the list's code link is not a code repository;"
                                       " the record keeps it as the project link", "", row.line))
            else:
                draft.fixes.append(Fix("links.code", url, None, "the list's code link is not a code repository", "",
                                       row.line))
        elif code is None:
            code = url
    if code:
        links["code"] = code
        links["code_status"] = "released"
    if project:
        links["project"] = project
    return links


def modalities_for(leaves: list[str]) -> tuple[list[str], list[str]]:
    inputs: set[str] = set()
    outputs: set[str] = set()
    for leaf in leaves:
        if leaf == "vision-to-text/image-to-text/general-domain/res":
            inputs |= {"image", "text"}; outputs |= {"text", "mask"}  # noqa: E702  (segmentation answers are masks)
        elif leaf.startswith("vision-to-text/image-to-text"):
            inputs |= {"image", "text"}; outputs |= {"text"}  # noqa: E702
        elif leaf.startswith("vision-to-text/video-to-text"):
            inputs |= {"video", "text"}; outputs |= {"text"}  # noqa: E702
        elif leaf.startswith("vision-to-action"):
            inputs |= {"image", "text"}; outputs |= {"action"}  # noqa: E702
        elif leaf == "text-to-vision/text-to-image":
            inputs |= {"text"}; outputs |= {"image"}  # noqa: E702
        elif leaf == "text-to-vision/text-to-3d":
            inputs |= {"text"}; outputs |= {"3d"}  # noqa: E702
        elif leaf == "text-to-vision/text-to-video":
            inputs |= {"text"}; outputs |= {"video"}  # noqa: E702
    order = ["image", "video", "text", "depth", "point-cloud", "audio", "action", "3d", "mask"]
    return sorted(inputs, key=order.index), sorted(outputs, key=order.index)
