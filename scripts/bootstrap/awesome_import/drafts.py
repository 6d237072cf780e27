"""A paper being assembled from its list rows, and the corrections made on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from vlkb.contrib.awesome_tables import ListRow
from awesome_import.verification import Verified


@dataclass
class Fix:
    """One difference from the list: which field, what the list said, what the record says, why, where read."""

    field: str
    was: str | None
    now: str | None
    reason: str
    source: str
    line: int = 0


@dataclass
class Draft:
    rows: list[ListRow]
    checks: list[Verified]
    fixes: list[Fix] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
