"""The few facts of a paper record that checks across records need, in a form cheap to send between processes.

`vlkb validate` on a large catalog validates files on every core; sending whole pydantic records back
costs more than validating them (10k records: ~1.5 s of pickling). Workers send these instead, and the
cross-record checks read the same attribute names from either.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from vlkb.schema import Paper
from vlkb.loading.titles import normalised_title


class ArchitectureFacts(NamedTuple):
    vision_encoder: str | None
    language_model: str | None


class ResultFacts(NamedTuple):
    benchmark: str
    split: str
    metric: str
    value: float
    direction: str | None


class ComponentUse(NamedTuple):
    """A component a paper names outside its architecture (an action expert, an image tokenizer)."""

    field: tuple[str | int, ...]
    """Where in the record: ("action", 0, "action_head")."""
    component: str
    wanted: str
    """The component type that field needs."""


class PaperFacts(NamedTuple):
    id: str
    title: str
    title_key: str
    """normalised_title(title), computed in the worker."""
    arxiv: str | None
    doi: str | None
    venue: str
    venue_year: int | None
    date: dt.date
    date_precision: str
    added: dt.date
    verified: dt.date | None
    taxonomy: tuple[str, ...]
    builds_on: tuple[str, ...]
    architecture: tuple[ArchitectureFacts, ...]
    results: tuple[ResultFacts, ...]
    component_uses: tuple[ComponentUse, ...]


def paper_facts(paper: Paper) -> PaperFacts:
    return PaperFacts(
        id=paper.id, title=paper.title, title_key=normalised_title(paper.title), arxiv=paper.arxiv, doi=paper.doi, venue=paper.venue,
        venue_year=paper.venue_year, date=paper.date, date_precision=paper.date_precision, added=paper.added,
        verified=paper.verified, taxonomy=tuple(paper.taxonomy), builds_on=tuple(paper.builds_on),
        architecture=tuple(ArchitectureFacts(a.vision_encoder, a.language_model) for a in paper.architecture),
        results=tuple(ResultFacts(r.benchmark, r.split, r.metric, r.value, r.direction) for r in paper.results),
        component_uses=tuple(
            [ComponentUse(("action", i, "action_head"), a.action_head, "action-expert")
             for i, a in enumerate(paper.action) if a.action_head]
            + [ComponentUse(("generation", i, "image_tokenizer"), g.image_tokenizer, "image-tokenizer")
               for i, g in enumerate(paper.generation) if g.image_tokenizer]),
    )
