"""Types shared by every record: ids, text, links, arXiv ids and sources.

Strings are *strict*: a YAML value that arrived as a number, date or boolean is refused instead of
converted, because the conversion already lost the text (`2310.03740` -> `2310.0374`). Links are
checked by hand, not by pydantic's URL type, which rewrites them and would break canonical formatting.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

from vlkb.stated_counts import STATED_COUNT_PATTERN

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ARXIV_PATTERN = r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})$"
ARXIV_REF_PATTERN = r"^(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?$"
ALLOWED_LINK_SCHEMES = ("http", "https")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


class StrictModel(BaseModel):
    """Base of every record part: unknown keys are errors, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Bidirectional embeddings, overrides and isolates (a regex class range): they make text read in an order
other than the one it is stored in (the "Trojan Source" trick), so no record text may hold them."""

ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
"""Zero-width space, non-joiner, joiner, word joiner and the BOM used as one: invisible, they split a word so
that search no longer finds it (LLa<U+200B>VA)."""

_INVISIBLE = BIDI_CONTROLS + ZERO_WIDTH
INVISIBLE_CHARACTERS = re.compile(f"[{_INVISIBLE}]")

# Checked in pydantic's Rust core (10k records must validate in seconds): http(s) scheme in lower case,
# a host name with a dot, no white space, control or invisible characters; `link_problem` explains a failure.
LINK_PATTERN = (r"^https?://(?:[^/?#\s@\x00-\x1f\x7f" + _INVISIBLE + r"]+@)?[A-Za-z0-9_~%-]"
                r"(?:[A-Za-z0-9._~%-]*[A-Za-z0-9_~%-])?\.[A-Za-z0-9._~%-]*[A-Za-z0-9_~%-]\.?(?::[0-9]+)?"
                r"(?:[/?#][^\s\x00-\x1f\x7f" + _INVISIBLE + r"]*)?$")


_LINK = re.compile(LINK_PATTERN)


def is_allowed_link(url: str | None) -> bool:
    """The schema's own link rule, for code that must predict whether a record will validate."""
    return bool(url) and _LINK.match(url) is not None  # type: ignore[arg-type]


def link_problem(value: str) -> str:
    """Why `value` is not an allowed link, in words a contributor can act on."""
    try:
        _explain_link(value)
    except ValueError as error:
        return str(error)
    return "not a valid http(s) link"


def _explain_link(value: str) -> str:
    if _SPACE_OR_CONTROL.search(value):
        raise ValueError("a link may not contain white space or control characters")
    if INVISIBLE_CHARACTERS.search(value):
        raise ValueError(f"a link may not contain invisible characters ({invisible_named(value)})")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ALLOWED_LINK_SCHEMES:
        raise ValueError(f"link scheme '{parts.scheme or '(none)'}' is not allowed; use https:// (or http://)")
    if parts.scheme != parts.scheme.lower():
        raise ValueError("write the scheme in lower case")
    if not parts.hostname or "." not in parts.hostname:
        raise ValueError("link has no valid host name")
    return value


def _check_arxiv_month(value: str) -> str:
    match = re.match(r"^(\d{2})(\d{2})\.", value)
    if match and not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"arXiv id {value} has month {match.group(2)}, which does not exist")
    return value


def invisible_named(value: str) -> str:
    """The invisible characters of `value` as a reader can look them up: `U+202E RIGHT-TO-LEFT OVERRIDE`."""
    found = sorted(set(INVISIBLE_CHARACTERS.findall(value)))
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'INVISIBLE CHARACTER')}" for ch in found)


# Text rules as patterns, checked in pydantic's Rust core (10k records must validate in seconds):
# no control characters, no bidirectional controls or zero-width characters, no leading or trailing white
# space; a Line is also a single line.
_TEXT_CHAR = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + _INVISIBLE + "]"
_TEXT_EDGE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\s" + _INVISIBLE + "]"
_LINE_CHAR = r"[^\x00-\x1f\x7f" + _INVISIBLE + "]"
_LINE_EDGE = r"[^\x00-\x1f\x7f\s" + _INVISIBLE + "]"
TEXT_PATTERN = f"^{_TEXT_EDGE}(?:{_TEXT_CHAR}*{_TEXT_EDGE})?$"
LINE_PATTERN = f"^{_LINE_EDGE}(?:{_LINE_CHAR}*{_LINE_EDGE})?$"

Text = Annotated[str, Strict(), StringConstraints(pattern=TEXT_PATTERN, max_length=5000)]
"""Free text of one or more lines (summaries, notes)."""

Line = Annotated[str, Strict(), StringConstraints(pattern=LINE_PATTERN, max_length=500)]
"""A one-line string (titles, names, locators)."""

RecordId = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A record id: lower-case words of a-z0-9 joined by single hyphens; also the file name."""

WINDOWS_RESERVED_NAMES = frozenset(["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                                    *(f"lpt{i}" for i in range(1, 10))])
"""Device names Windows reserves whatever the extension: `con.yaml` cannot be checked out there, nor a site
folder `papers/con/` written."""


def _not_reserved(value: str) -> str:
    if value in WINDOWS_RESERVED_NAMES:
        raise ValueError(f"id '{value}' is a device name that Windows reserves (con, prn, aux, nul, com1-com9, "
                         f"lpt1-lpt9), so its file and page cannot exist there; add a word, e.g. '{value}-model'")
    return value


OwnId = Annotated[RecordId, AfterValidator(_not_reserved)]
"""The id a record or taxonomy node gives itself, which names a file or a site folder: a RecordId that is not a
reserved Windows device name. References to other records stay RecordIds: their target is checked."""

MAX_AUTHORS = 3000
"""Author names of one paper: the longest list in the catalog has about a hundred; large collaborations a few thousand."""
MAX_RESULTS = 2000
"""Result rows of one paper: the largest record has a few hundred."""
MAX_BUILDS_ON = 100
"""builds_on ids of one paper (a few today); each unknown one is compared with every paper id."""
MAX_ITEMS = 200
"""Any other list: architecture variants, sources, corrections, review notes, splits, metrics, taxonomy children."""
MAX_FEW = 20
"""Lists of a handful: taxonomy leaves and modalities of one record."""

Link = Annotated[str, Strict(), StringConstraints(max_length=2000, pattern=LINK_PATTERN)]
"""An absolute http(s) link; other schemes (javascript:, data:, file:) are refused."""

ArxivId = Annotated[str, Strict(), StringConstraints(pattern=ARXIV_PATTERN), AfterValidator(_check_arxiv_month)]
"""An arXiv identifier without version, e.g. "2310.03744"; always quoted in YAML."""

ArxivRef = Annotated[str, Strict(), StringConstraints(pattern=ARXIV_REF_PATTERN), AfterValidator(_check_arxiv_month)]
"""An arXiv identifier that may name a version, e.g. "2310.03744v2", to point into one version's tables."""

DOI_PATTERN = r"^10\.\d{4,9}/[^\s]+$"
"""A DOI: the 10. prefix, a registrant code, a slash and a suffix without white space."""

Doi = Annotated[str, Strict(), StringConstraints(pattern=DOI_PATTERN, max_length=300)]
"""A DOI without the https://doi.org/ prefix."""

CommitSha = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{40}$")]
"""A full 40-hex-digit git commit, so a repository source points at exactly one version of a file."""

RepositoryName = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")]
"""A GitHub-style `owner/name`."""

StatedCount = Annotated[str, Strict(), StringConstraints(pattern=STATED_COUNT_PATTERN)]
"""A count as a source states it, keeping its precision: "7B", "7.06B", "304M" or an exact integer."""

Modality = Literal["image", "video", "text", "depth", "point-cloud", "audio", "action", "3d", "multi-view",
                   "bounding-box", "mask", "embedding", "trajectory"]
"""What a model reads or writes."""


SourceKind = Literal["primary", "aggregator"]
"""Whose page a source is: the authors' or publisher's own (arXiv, proceedings, the official repository), or
a site that re-publishes others' metadata (they swap names, shift dates and invent numbers)."""


class Source(StrictModel):
    """Where a fact was read: a page, a paper version and its table, or a file in a repository at a commit."""

    url: Link | None = Field(None, description="Page the fact was read from (http/https only).")
    arxiv: ArxivRef | None = Field(None, description="arXiv id, with version when pointing into a table, e.g. 2310.03744v2.")
    locator: Line | None = Field(None, description="Where inside the source: 'Table 4', 'Figure 2', 'Section 3.1'.")
    repository: RepositoryName | None = Field(None, description="Repository as owner/name.")
    path: Line | None = Field(None, description="File path inside the repository.")
    commit: CommitSha | None = Field(None, description="Full commit hash of the file version read.")
    line: int | None = Field(None, ge=1, description="Line number in that file version.")
    note: Text | None = Field(None, description="Anything a reader needs to find or trust the fact.")
    kind: SourceKind | None = Field(
        None, description="primary (the authors, the publisher, arXiv) or aggregator; unset: judged by its host.")

    @model_validator(mode="after")
    def _says_where(self) -> "Source":
        if not (self.url or self.arxiv or self.repository):
            raise ValueError("a source needs at least one of url, arxiv or repository")
        if self.repository and not self.path:
            raise ValueError("a repository source needs the file path")
        if (self.line or self.commit) and not self.repository:
            raise ValueError("commit and line belong to a repository source; add repository and path")
        return self

    def arxiv_url(self) -> str | None:
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None

    def repository_url(self) -> str | None:
        """The file at its commit (and line) on GitHub, where a repository source points."""
        if not (self.repository and self.path):
            return None
        url = f"https://github.com/{self.repository}/blob/{self.commit or 'HEAD'}/{quote(self.path)}"
        return url + (f"#L{self.line}" if self.line else "")

    def web_url(self) -> str | None:
        """The one address a reader follows to check the fact: the repository file, the arXiv page, the page."""
        return self.repository_url() or self.arxiv_url() or self.url

    def has_locator(self) -> bool:
        """True when the source pins the fact down far enough to find the number again."""
        return bool(
            (self.arxiv and self.locator)
            or (self.repository and self.path and self.commit)
            or (self.url and self.locator)
        )


def _require_locator(source: Source) -> Source:
    if not source.has_locator():
        raise ValueError(
            "a number needs a source with a locator: arxiv + locator (e.g. Table 4), "
            "repository + path + commit, or url + locator"
        )
    return source


LocatedSource = Annotated[Source, AfterValidator(_require_locator)]
"""A source precise enough to find a number again."""
