"""The files tools read beside the data: CITATION.cff (Citation File Format 1.2.0), the two licences, the
releases file, the about page that states the licences, and the workflow that attaches releases."""

from __future__ import annotations

import re
import tomllib

import yaml

import vlkb
from tests.paths import REPO_ROOT
from vlkb.outputs.releases import read_releases

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_one_version_in_pyproject_the_package_and_citation_cff():
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert PYPROJECT["project"]["version"] == vlkb.__version__ == citation["version"]


def test_citation_cff_has_the_fields_cff_1_2_0_requires_and_the_data_licence():
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= set(citation)  # required by the CFF 1.2.0 schema
    assert all("name" in a or "family-names" in a for a in citation["authors"])
    assert citation["license"] == "CC-BY-4.0" and citation["type"] == "dataset"
    assert any("2501.02765" in str(r) for r in citation["references"])


def test_the_code_is_mit_as_pyproject_says_and_the_data_cc_by_4_0():
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert (REPO_ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    data = (REPO_ROOT / "catalog" / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in data
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in data


def test_the_about_page_states_both_licences():
    about = (REPO_ROOT / "site_src" / "about.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in about and "MIT" in about and "CITATION.cff" in about


def test_the_releases_file_parses_and_lists_the_package_version():
    releases = read_releases(REPO_ROOT / "catalog")
    assert releases and all(re.fullmatch(r"\d+\.\d+\.\d+", r.version) for r in releases)
    assert vlkb.__version__ in {r.version for r in releases}


def test_the_pages_workflow_writes_and_attaches_the_bundle_on_a_version_tag():
    workflow = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # PyYAML reads the key `on` as True
    assert "v*" in triggers["push"]["tags"]
    job = workflow["jobs"]["release"]
    assert job["permissions"] == {"contents": "write"} and "refs/tags/v" in job["if"]
    steps = " ".join(step.get("run", "") for step in job["steps"])
    assert "vlkb release" in steps and "gh release" in steps
    assert workflow["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"
