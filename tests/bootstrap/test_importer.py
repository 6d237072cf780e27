"""The bootstrap importer: a small excerpt of the list always, the whole snapshot where it is present."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from tests.paths import FIXTURE_CATALOG, REPO_ROOT, SHARED
from awesome_import.importer import run_import
from vlkb.checks.validation import validate_catalog

FIXTURES = Path(__file__).parent / "fixtures"
ADDED = dt.date(2026, 11, 26)
SNAPSHOT = SHARED / "sources" / "awesome-vllms" / "README.md"


def import_into(tmp_path: Path, readme: Path, verification: Path, enrichment: Path | None = None,
                manual_fixes: Path | None = None, summaries: Path | None = None, v1_dates: Path | None = None):
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, root)
    shutil.rmtree(root / "papers")
    shutil.copy(REPO_ROOT / "catalog" / "venues.yaml", root / "venues.yaml")
    report = run_import(readme, verification, enrichment, root / "venues.yaml", root / "papers", ADDED, manual_fixes,
                        summaries, v1_dates)
    return root, report


def record(root: Path, record_id: str) -> dict:
    return yaml.safe_load((root / "papers" / f"{record_id}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def excerpt(tmp_path):
    return import_into(tmp_path, FIXTURES / "awesome_excerpt.md", FIXTURES / "authors")


def test_excerpt_rows_become_one_valid_record_per_paper(excerpt):
    root, report = excerpt
    assert (report.rows, report.records, report.invalid) == (7, 6, [])
    _, problems = validate_catalog(root, ADDED)
    assert problems == []


def test_a_paper_listed_in_two_sections_keeps_both_leaves(excerpt):
    root, _ = excerpt
    assert record(root, "omg-llava")["taxonomy"] == [
        "vision-to-text/image-to-text/general-domain/rec",
        "vision-to-text/image-to-text/general-domain/res",
    ]


def test_a_borrowed_arxiv_id_is_corrected_with_its_source(excerpt):
    root, _ = excerpt
    qwen = record(root, "qwen2-vl")
    assert qwen["arxiv"] == "2409.12191"
    [fix] = [c for c in qwen["corrections"] if c["field"] == "arxiv"]
    assert (fix["was"], fix["now"]) == ("2408.03326", "2409.12191")
    assert fix["source"]["url"].startswith("https://")
    assert record(root, "llava-onevision")["arxiv"] == "2408.03326"


def test_a_misspelled_venue_is_normalised_and_recorded(excerpt):
    root, _ = excerpt
    embodied = record(root, "embodiedgpt")
    assert embodied["venue"] == "neurips"
    assert any(c["field"] == "venue" and c["was"] == "NeurlPS" for c in embodied["corrections"])


def test_a_search_page_is_not_kept_as_a_code_link(excerpt):
    root, _ = excerpt
    seg = record(root, "llm-seg")
    assert "code" not in seg["links"] and seg["links"]["code_status"] == "unknown"
    assert any(c["field"] == "links.code" and "search page" in c["reason"] for c in seg["corrections"])


def test_authors_come_from_verification_with_sources(excerpt):
    root, _ = excerpt
    qwen = record(root, "qwen2-vl")
    assert qwen["authors"]["status"] == "confirmed"
    assert qwen["authors"]["names"][0] == "Peng Wang" and len(qwen["authors"]["names"]) == 19


def test_import_is_deterministic(tmp_path):
    first, _ = import_into(tmp_path / "a", FIXTURES / "awesome_excerpt.md", FIXTURES / "authors")
    second, _ = import_into(tmp_path / "b", FIXTURES / "awesome_excerpt.md", FIXTURES / "authors")
    for path in sorted((first / "papers").iterdir()):
        assert path.read_bytes() == (second / "papers" / path.name).read_bytes()


@pytest.mark.skipif(not SNAPSHOT.is_file(), reason="the list snapshot ../shared/sources/awesome-vllms is absent"
                    " (a user's clone has no ../shared); the excerpt tests above still run")
def test_full_snapshot_import_matches_the_catalog(tmp_path):
    bootstrap = REPO_ROOT / "scripts" / "bootstrap"
    root, report = import_into(tmp_path, SNAPSHOT, bootstrap / "authors", bootstrap / "enrichment",
                               bootstrap / "manual_fixes.yaml", bootstrap / "summaries.yaml",
                               bootstrap / "v1_dates.yaml")
    assert report.rows == 460 and report.invalid == []
    imported = {p.stem for p in (root / "papers").glob("*.yaml")}
    committed = {p.stem for p in (REPO_ROOT / "catalog" / "papers").glob("*.yaml")}
    assert len(imported) >= 440
    assert imported <= committed, sorted(imported - committed)[:10]
    # a sample of the known corrections
    assert record(root, "qwen2-vl")["arxiv"] == "2409.12191"
    assert record(root, "mplug-owl2")["arxiv"] == "2311.04257"
    assert record(root, "instructblip")["arxiv"] == "2305.06500"
    assert record(root, "ferret")["date"] == dt.date(2023, 10, 11)
    assert record(root, "honeybee")["links"]["code"] == "https://github.com/kakaobrain/honeybee"
    assert record(root, "senna")["short_name"] == "Senna"
    assert record(root, "embodiedgpt")["venue"] == "neurips"
    assert record(root, "emma")["date"] == dt.date(2023, 11, 28)  # v1 date read for a later-version list date
    assert record(root, "yopo")["date_precision"] == "month"
