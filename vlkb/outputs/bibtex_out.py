"""BibTeX for paper records: stable citation keys and entries built from record fields only.

Entry types follow the venue's `type` in catalog/venues.yaml: a conference or workshop paper is
`@inproceedings` with the venue's full name as `booktitle`, a journal paper is `@article`, and a
preprint is `@misc` with `eprint` and `archivePrefix = {arXiv}` (no `primaryClass`: records do not
store the arXiv category). Text is escaped so that BibTeX's brace counting and LaTeX both survive
any title: braces become `\\textbraceleft{}`/`\\textbraceright{}` (BibTeX counts `\\{` as a brace),
the other specials get their LaTeX escapes, and non-ASCII characters stay UTF-8.
`vlkb.contrib.latex_text.latex_to_text` is the inverse; tests check both directions agree.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from vlkb.schema import Paper

if TYPE_CHECKING:
    from vlkb.loading.catalog import Catalog

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "is", "are", "do", "does", "how",
               "what", "when", "why", "can", "towards", "toward", "via", "from", "by", "at", "as"}


def escape_latex(text: str) -> str:
    """Escape BibTeX/LaTeX specials; `--`, ``` `` ``` and `''` are split (`-{}-`) so they stay as typed."""
    escaped = _SPECIAL.sub(lambda match: _ESCAPES[match.group(0)], text)
    for pair in ("--", "``", "''"):  # ligatures a reader would turn into a dash or curly quotes
        while pair in escaped:
            escaped = escaped.replace(pair, pair[0] + "{}" + pair[1])
    return escaped


def protect_title(title: str) -> str:
    """Escape a title and brace words with capitals after their first letter (LLaVA, BLIP-2, VQA).

    Bibliography styles lower-case titles; braces keep acronyms and model names as written.
    """
    words = title.split(" ")
    out = []
    for word in words:
        escaped = escape_latex(word)
        if any(ch.isupper() for ch in word[1:]) or (len(word) == 1 and word.isupper() and word != "A"):
            escaped = "{" + escaped + "}"
        out.append(escaped)
    return " ".join(out)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def base_citation_key(paper: Paper) -> str:
    """`surname` of the first author + year of the first version + first significant title word.

    Without an author list the short name (or id) stands in for the surname: `llava2023visual`.
    """
    if paper.authors.names:
        surname = _ascii_word(paper.authors.names[0].split()[-1]) or _ascii_word(paper.authors.names[0])
    else:
        surname = ""
    if not surname:
        surname = _ascii_word(paper.short_name or "") or _ascii_word(paper.id)
    words = [_ascii_word(w) for w in re.split(r"[\s:/-]+", paper.title)]
    word = next((w for w in words if w and w not in _STOP_WORDS), "") or next((w for w in words if w), "")
    return f"{surname}{paper.date.year}{word}"


def citation_keys(papers: list[Paper]) -> dict[str, str]:
    """Paper id -> a key no other paper has. Papers take keys in (date, id) order: each its base key if it is
    free, else the base with the first free suffix b, c, ... So adding a later paper never renames an earlier
    one's key, and a suffixed key never equals another paper's base key (`smith2024visualb`)."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    next_suffix: dict[str, int] = {}
    for paper in sorted(papers, key=lambda p: (p.date, p.id)):
        base = base_citation_key(paper)
        key, index = base, next_suffix.get(base, 0)
        if index or base in taken:
            index = max(index, 1)
            while (key := base + _suffix(index)) in taken:
                index += 1
        next_suffix[base] = index + 1
        taken.add(key)
        keys[paper.id] = key
    return keys


def _suffix(index: int) -> str:
    """1 -> b, 2 -> c, ... 25 -> z, 26 -> zb: unique for every index."""
    letters = "bcdefghijklmnopqrstuvwxyz"
    return letters[index - 1] if index <= len(letters) else "z" + _suffix(index - len(letters))


_CATALOG_KEYS: list[tuple[dict, int, dict[str, str]]] = []
"""Keys of recently seen catalogs: the site asks for one entry per paper, which would otherwise recompute
every key of the catalog each time. A loaded catalog is not changed afterwards; its size is checked anyway."""


def _catalog_keys(catalog: "Catalog") -> dict[str, str]:
    for papers, size, keys in _CATALOG_KEYS:
        if papers is catalog.papers and size == len(papers):
            return keys
    keys = citation_keys(list(catalog.papers.values()))
    _CATALOG_KEYS.insert(0, (catalog.papers, len(catalog.papers), keys))
    del _CATALOG_KEYS[4:]
    return keys


def citation_key(paper: Paper, catalog: "Catalog | None" = None) -> str:
    """The paper's key; with a catalog, de-duplicated against the catalog's other papers."""
    if catalog is None:
        return base_citation_key(paper)
    if catalog.papers.get(paper.id) is paper:
        return _catalog_keys(catalog)[paper.id]
    others = [p for p in catalog.papers.values() if p.id != paper.id]
    return citation_keys([*others, paper])[paper.id]


def _authors(paper: Paper) -> str | None:
    if not paper.authors.names:
        return None
    names = []
    for name in paper.authors.names:
        escaped = escape_latex(name)
        # a comma would make BibTeX read "Last, First"; " and " would split the name
        if "," in name or re.search(r"\band\b", name, re.IGNORECASE):
            escaped = "{" + escaped + "}"
        names.append(escaped)
    return " and ".join(names)


def paper_fields(paper: Paper, catalog: "Catalog | None" = None) -> tuple[str, list[tuple[str, str]]]:
    """(entry type, [(field, already-escaped value)]) in a fixed order."""
    venue = None
    if catalog is not None and catalog.venues is not None:
        venue = next((v for v in catalog.venues.venues if v.id == paper.venue), None)
    venue_type = venue.type if venue else ("preprint" if paper.venue == "arxiv" else "other")
    fields: list[tuple[str, str]] = [("title", protect_title(paper.title))]
    authors = _authors(paper)
    if authors:
        fields.append(("author", authors))
    if venue_type in ("conference", "workshop"):
        entry_type = "inproceedings"
        fields.append(("booktitle", escape_latex(venue.full_name)))  # type: ignore[union-attr]
    elif venue_type == "journal":
        entry_type = "article"
        fields.append(("journal", escape_latex(venue.full_name)))  # type: ignore[union-attr]
    else:
        entry_type = "misc"
        if venue is not None and venue_type == "other":
            fields.append(("howpublished", escape_latex(venue.full_name)))
        elif venue is not None and venue_type == "release":  # a technical report, model card or blog post
            fields.append(("note", escape_latex(f"{venue.full_name}, released {paper.date_label}")))
    year = paper.venue_year if (paper.venue_year and entry_type != "misc") else paper.date.year
    fields.append(("year", str(year)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv")]
    if paper.doi:
        fields.append(("doi", _escape_url(paper.doi)))
    url = paper.links.paper or (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None)
    if url:
        fields.append(("url", _escape_url(url)))
    return entry_type, fields


def _escape_url(url: str) -> str:
    """url fields are read verbatim (biblatex, the url package): only brace balance matters."""
    return url.replace("{", "%7B").replace("}", "%7D")


def paper_entry(paper: Paper, catalog: "Catalog | None" = None, key: str | None = None) -> str:
    """One BibTeX entry for `paper`; `catalog` gives the venue's full name and de-duplicates the key."""
    entry_type, fields = paper_fields(paper, catalog)
    key = key or citation_key(paper, catalog)
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body}\n}}\n"


def bibliography(papers: list[Paper], catalog: "Catalog | None" = None) -> str:
    """Entries for `papers`, sorted by key, keys de-duplicated across the whole catalog when given."""
    pool = list(catalog.papers.values()) if catalog is not None else papers
    ids = {p.id for p in pool}
    keys = citation_keys(pool + [p for p in papers if p.id not in ids])
    ordered = sorted(papers, key=lambda p: keys[p.id])
    return "\n".join(paper_entry(p, catalog, keys[p.id]) for p in ordered)
