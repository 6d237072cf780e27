"""Fixtures of the dataset tests: a private cache folder for every test, and the fixture catalog loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import FIXTURE_CATALOG


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """vlkb.load() caches tables under $VLKB_CACHE_DIR: never the user's ~/.cache in a test."""
    folder = tmp_path_factory.mktemp("vlkb-cache")
    monkeypatch.setenv("VLKB_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def fixture_document() -> dict:
    from vlkb.checks.validation import validate_catalog
    from vlkb.outputs.exports import export_catalog

    catalog, problems = validate_catalog(FIXTURE_CATALOG)
    assert problems == []
    return json.loads(export_catalog(catalog, "json"))
