"""Fixtures of the site tests; the helpers they use live in site_helpers.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_helpers import FIXTURE_CATALOG, build_site, extend_catalog, make_hostile


@pytest.fixture
def site_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, root)
    return extend_catalog(root)


@pytest.fixture
def hostile_catalog(site_catalog: Path) -> Path:
    return make_hostile(site_catalog)


@pytest.fixture
def built_site(site_catalog: Path, tmp_path: Path) -> Path:
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"
