"""catalog/CORRECTIONS.md is generated from the records and kept equal to them."""

from __future__ import annotations

from tests.paths import REPO_ROOT
from vlkb.outputs.quality import corrections_markdown
from vlkb.checks.validation import validate_catalog


def test_committed_corrections_file_equals_the_records():
    catalog, _ = validate_catalog(REPO_ROOT / "catalog")
    committed = (REPO_ROOT / "catalog" / "CORRECTIONS.md").read_text(encoding="utf-8")
    assert committed == corrections_markdown(catalog), "stale; fix with: vlkb stats --corrections > catalog/CORRECTIONS.md"


def test_the_bundled_catalog_validates():
    _, problems = validate_catalog(REPO_ROOT / "catalog")
    assert problems == [], [p.as_text() for p in problems[:10]]
