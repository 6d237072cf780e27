"""Canonical venues (catalog/venues.yaml), so "NeurlPS", "Arxiv" and "CoRR" resolve or are refused."""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import Field, model_validator

from vlkb.schema.common import MAX_ITEMS, Line, Link, RecordId, StrictModel

MAX_VENUES = 2000
"""Venues in venues.yaml: a few dozen today."""

VenueType = Literal["conference", "journal", "workshop", "preprint", "release", "other"]
"""Kind of venue, used for BibTeX entry types; `release` is a document without peer review or arXiv (a technical report PDF, a model card, a blog post) at a stable URL."""


class Venue(StrictModel):
    """One venue and the spellings that mean it."""

    id: RecordId = Field(description="Id written in paper records.")
    name: Line = Field(description="Short name, e.g. NeurIPS.")
    full_name: Line = Field(description="Full name, used in BibTeX booktitle/journal.")
    type: VenueType = Field(description="conference, journal, workshop, preprint, release or other.")
    aliases: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS, description="Other correct spellings (NIPS, CoRR).")
    misspellings: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS, description="Wrong spellings seen in sources (NeurlPS).")
    url: Link | None = Field(None, description="Venue home page.")


class Venues(StrictModel):
    """All venues."""

    venues: list[Venue] = Field(min_length=1, max_length=MAX_VENUES, description="Venue list.")

    @model_validator(mode="after")
    def _unique(self) -> "Venues":
        seen: dict[str, str] = {}
        for venue in self.venues:
            for spelling in [venue.id, venue.name, *venue.aliases, *venue.misspellings]:
                key = spelling.casefold()
                if seen.get(key, venue.id) != venue.id:
                    raise ValueError(f"spelling '{spelling}' is used by both {seen[key]} and {venue.id}")
                seen[key] = venue.id
        return self

    @cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(venue.id for venue in self.venues)

    def resolve(self, spelling: str) -> tuple[str | None, str]:
        """(venue id, how it matched: id | alias | misspelling | unknown) for a free-text venue."""
        key = spelling.strip().casefold()
        for venue in self.venues:
            if key == venue.id:
                return venue.id, "id"
            if key in {s.casefold() for s in [venue.name, *venue.aliases]}:
                return venue.id, "alias"
            if key in {s.casefold() for s in venue.misspellings}:
                return venue.id, "misspelling"
        return None, "unknown"
