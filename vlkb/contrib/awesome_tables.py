"""Parse an awesome list's markdown tables into rows: one per table line, with its section and cells.

Three formats are read: the survey's companion list (JackYFL/awesome-VLLMs: Name | Title | Venue | Date |
Code | Project), BradyFU/Awesome-Multimodal-Large-Language-Models (Title | Venue | Date | Code | Demo,
the title cell holding badges and the paper link) and hanjianhua44/Awesome-VLA-Papers (Paper | Institution |
Date | Links, the date a shields.io badge "Jun 1, 2026", the paper link among the links); columns are found
by their header names.

Facts only: names, titles, links, venue and date strings and the section each row sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Section headings -> taxonomy ids where the heading text does not slug to the id directly.
HEADING_IDS = {
    "existing vlm surveys": "surveys",
    "vllm+x": "vllm-plus-x",
    "egocentric view": "egocentric-understanding",
    "anomaly detetcion": "anomaly-detection",  # the list misspells the heading
}
STOP_HEADINGS = {"contributors", "star history"}
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]*)\)")
_BADGE_DATE = re.compile(r"!\[([A-Z][a-z]{2}) (\d{1,2}), (\d{4})\]")
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}


def badge_date(cell: str) -> str:
    """A date cell as YYYY-MM-DD, or YYYY-MM where a badge says day 1, which that list writes for a month
    (it dates arXiv 2605.31271, a late-May id, "May 1, 2026"); any other cell unchanged."""
    badge = _BADGE_DATE.search(cell)
    if not badge or badge.group(1) not in _MONTHS:
        return cell
    year, month, day = int(badge.group(3)), _MONTHS[badge.group(1)], int(badge.group(2))
    return f"{year:04d}-{month:02d}" if day == 1 else f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True)
class ListRow:
    """One table row of the list, exactly as written (markup kept in `title_markup`)."""

    line: int
    leaf: str
    name: str | None
    title_markup: str
    title: str
    link: str | None
    venue: str
    date: str
    code_url: str | None
    project_url: str | None


def heading_id(text: str) -> str:
    key = " ".join(text.split()).casefold()
    if key in HEADING_IDS:
        return HEADING_IDS[key]
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-")


def plain_title(markup: str) -> str:
    """Title text without markdown emphasis or LaTeX math markup, wording kept: 'VILA $^2$' -> 'VILA^2'."""
    text = markup.replace("**", "").replace("__", "")
    text = re.sub(r"\s*\$\s*\^\s*\{?([^}$]*)\}?\s*\$", r"^\1", text)  # $^{2}$ -> ^2
    text = re.sub(r"\$([^$]*)\$", r"\1", text)
    text = text.replace("\\&", "&")
    return " ".join(text.split())


def _links(cell: str) -> list[tuple[str, str]]:
    return [(label, url) for bang, label, url in _LINK.findall(cell) if not bang]


def parse_rows(readme: Path) -> list[ListRow]:
    """Every data row of every table, with the taxonomy leaf its headings place it in."""
    rows: list[ListRow] = []
    headings: dict[int, str] = {}
    header: list[str] | None = None
    for number, raw in enumerate(readme.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        heading = re.match(r"^(#{1,5})\s+(.*?)\s*$", line)
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            if text.casefold() in STOP_HEADINGS:
                break
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = heading_id(text)
            header = None
            continue
        if not line.startswith("|"):
            header = None if not line else header
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            header = [cell.casefold() for cell in cells]
            continue
        if all(re.fullmatch(r":?-+:?", cell) for cell in cells if cell):
            continue
        if 2 not in headings:
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        title_cell = row.get("title") or row.get("paper", "")
        links = _links(title_cell)
        title_markup, link = links[-1] if links else (re.sub(r"<br>|!\[[^\]]*\]\([^)]*\)", "", title_cell).strip(), None)
        if link is None:  # the paper link in a separate column (hanjianhua44's Links)
            link = next((url for label, url in _links(row.get("links", "")) if label.casefold() == "paper"), None)
        code_links = _links(row.get("code", ""))
        project_links = _links(row.get("project", ""))
        leaf = "/".join(headings[level] for level in sorted(headings) if level >= 2)
        rows.append(ListRow(
            line=number,
            leaf=leaf,
            name=row.get("name") or None,
            title_markup=title_markup,
            title=plain_title(title_markup),
            link=link,
            venue=row.get("venue", ""),
            date=badge_date(row.get("date", "")),
            code_url=code_links[0][1] if code_links else None,
            project_url=project_links[0][1] if project_links else None,
        ))
    return rows
