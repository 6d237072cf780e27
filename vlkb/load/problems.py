"""What is wrong with the catalog, where, and how to fix it.

Every check in vlkb reports `Problem`s instead of raising, so that one run shows a contributor every
mistake at once, each with its file, line and column.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error in one file: `file:line:col: field: message` plus a hint that says how to fix it."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def as_text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}:{field} {self.message}{hint}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the pull request's diff."""
        title = self.field or "vlkb"
        body = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return (
            f"::error file={_gh_property(self.file)},line={self.line},col={self.column},"
            f"title={_gh_property(title)}::{_gh_data(body)}"
        )


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: list[Problem], style: str) -> str:
    """Render problems as `text` (one per line), `json` (a list of objects) or `github` annotations."""
    ordered = sorted(problems)
    if style == "json":
        return json.dumps([asdict(p) for p in ordered], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(p.as_github() for p in ordered)
    return "\n".join(p.as_text() for p in ordered)
