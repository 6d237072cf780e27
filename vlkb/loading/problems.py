"""What is wrong with the catalog, where, and how to fix it.

Every check in vlkb reports `Problem`s instead of raising, so that one run shows a contributor every
mistake at once, each with its file, line and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` on one visible line: line breaks, control and bidirectional characters written as escapes.

    A file name may hold a newline, and a line of output that starts with `::error file=` is a GitHub
    workflow command; escaped, a name cannot start a line of its own.
    """
    escaped = _UNPRINTABLE.sub(lambda match: match.group(0).encode("unicode_escape").decode("ascii"), text)
    return "./" + escaped if escaped.startswith("::") else escaped


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
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        field = f" {printable(self.field)}:" if self.field else ""
        hint = f" (hint: {printable(self.hint)})" if self.hint else ""
        return f"{where}:{field} {printable(self.message)}{hint}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the pull request's diff."""
        title = self.field or "vlkb"
        body = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return (
            f"::error file={_gh_property(self.file)},line={self.line},col={self.column},"
            f"title={_gh_property(title)}::{_gh_data(body)}"
        )


MAX_PROBLEMS_PER_FILE = 100
"""Problems reported for one file; past it, one line says how many more there are. A hostile or broken file
can hold tens of thousands (one per duplicate key), and listing them helps nobody."""


def cap_per_file(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """The first `limit` problems of each file, in order, then one problem per file that counts the rest."""
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    last: dict[str, Problem] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        if shown.get(problem.file, 0) < limit:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            kept.append(problem)
            last[problem.file] = problem
        else:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
    for file, count in hidden.items():  # at the last problem shown, so that it sorts near the end
        kept.append(Problem(file, last[file].line, last[file].column, "",
                            f"{count} more problem(s) in this file are not shown (the limit is {limit} a file)",
                            "fix the problems shown and run again"))
    return kept


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
