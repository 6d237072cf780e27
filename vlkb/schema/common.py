"""Types shared by every record: ids, text, links, arXiv ids and sources.

Strings are *strict*: a YAML value that arrived as a number, date or boolean is refused instead of
converted, because the conversion already lost the text (`2310.03740` -> `2310.0374`). Links are
checked by hand, not by pydantic's URL type, which rewrites them and would break canonical formatting.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

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


# Checked in pydantic's Rust core (10k records must validate in seconds): http(s) scheme in lower case,
# a host name with a dot, no white space or control characters; `link_problem` explains a failure.
LINK_PATTERN = (r"^https?://(?:[^/?#\s@\x00-\x1f\x7f]+@)?[A-Za-z0-9_~%-](?:[A-Za-z0-9._~%-]*[A-Za-z0-9_~%-])?"
                r"\.[A-Za-z0-9._~%-]*[A-Za-z0-9_~%-]\.?(?::[0-9]+)?(?:[/?#][^\s\x00-\x1f\x7f]*)?$")


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


# Text rules as patterns, checked in pydantic's Rust core (10k records must validate in seconds):
# no control characters, no leading or trailing white space; a Line is also a single line.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\s](?:[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\s])?$"
LINE_PATTERN = r"^[^\x00-\x1f\x7f\s](?:[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s])?$"

Text = Annotated[str, Strict(), StringConstraints(pattern=TEXT_PATTERN, max_length=5000)]
"""Free text of one or more lines (summaries, notes)."""

Line = Annotated[str, Strict(), StringConstraints(pattern=LINE_PATTERN, max_length=500)]
"""A one-line string (titles, names, locators)."""

RecordId = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A record id: lower-case words of a-z0-9 joined by single hyphens; also the file name."""

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

    @model_validator(mode="after")
    def _says_where(self) -> "Source":
        if not (self.url or self.arxiv or self.repository):
            raise ValueError("a source needs at least one of url, arxiv or repository")
        if self.repository and not self.path:
            raise ValueError("a repository source needs the file path")
        if (self.line or self.commit) and not self.repository:
            raise ValueError("commit and line belong to a repository source; add repository and path")
        return self

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
