"""Releases without arXiv (a technical report PDF, a model card, a blog post): accepted as records whose
primary source is the document at its URL, and cited as what they are."""

from __future__ import annotations

from vlkb.checks.validation import validate_catalog
from vlkb.outputs.bibtex_out import paper_entry
from vlkb.site.index import SiteIndex
from vlkb.site.paper_page import paper_page

RELEASE = """
id: llama-4
title: Llama 4 model card
short_name: Llama 4
kind: model
authors:
  names: [Meta]
  status: confirmed
  sources: [{url: "https://github.com/meta-llama/llama-models/blob/0123456789abcdef0123456789abcdef01234567/models/llama4/MODEL_CARD.md"}]
date: 2025-04-05
venue: model-card
links:
  paper: https://github.com/meta-llama/llama-models/blob/0123456789abcdef0123456789abcdef01234567/models/llama4/MODEL_CARD.md
taxonomy: [vision-to-text/image-to-text/general-domain/general-ability]
added: 2026-12-03
"""


def test_a_model_card_is_a_record_and_cites_as_misc_with_its_url_and_a_note(catalog_copy):
    venues = catalog_copy.path("venues.yaml")
    venues.write_text(venues.read_text(encoding="utf-8").rstrip("\n") +
                      "\n  - {id: model-card, name: Model card, full_name: Model card, type: release}\n", encoding="utf-8")
    catalog_copy.write("papers/llama-4.yaml", RELEASE)
    catalog, problems = validate_catalog(catalog_copy.root)
    assert problems == []
    paper = catalog.papers["llama-4"]
    entry = paper_entry(paper, catalog)
    assert entry.startswith("@misc{") and "note   = {Model card, released 2025-04-05}" in entry
    assert "url    = {https://github.com/meta-llama/llama-models/blob/0123456789" in entry and "eprint" not in entry
    html = paper_page(SiteIndex(catalog), paper).body_html
    identity = html.split("## ", 1)[0]
    assert "<dt>Released as</dt> <dd>Model card (no arXiv version)</dd>" in identity and "<dt>arXiv</dt>" not in identity
