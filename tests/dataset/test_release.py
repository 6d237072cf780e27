"""`vlkb release VERSION`: a bundle of every export and table named with the version, checksums that verify,
and a changelog of the records added and changed since the previous release tag."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.paths import FIXTURE_CATALOG, REPO_ROOT
from vlkb.cli import main
from vlkb.site.page_source import EXPORTS

RELEASES = """releases:
  - version: "0.2.0"
    date: 2026-12-10
    notes: Second.
  - version: "0.1.0"
    date: 2026-12-01
    notes: First.
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose catalog was tagged v0.1.0, then gained a record and had one changed."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_CATALOG, root / "catalog")
    shutil.copytree(REPO_ROOT / "catalog" / "schema", root / "catalog" / "schema", dirs_exist_ok=True)
    (root / "catalog" / "RELEASES.yaml").write_text(RELEASES, encoding="utf-8")
    shutil.copy(REPO_ROOT / "catalog" / "LICENSE", root / "catalog" / "LICENSE")
    shutil.copy(REPO_ROOT / "CITATION.cff", root / "CITATION.cff")
    llava = (root / "catalog" / "papers" / "llava.yaml").read_text(encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    _git(root, "tag", "v0.1.0")
    (root / "catalog" / "papers" / "llava-copy.yaml").write_text(
        llava.replace("id: llava\n", "id: llava-copy\n").replace("title: Visual Instruction Tuning\n",
                                                                  "title: A Test Record Added After v0.1.0\n")
        .replace('arxiv: "2304.08485"\n', ""), encoding="utf-8")
    blip = root / "catalog" / "papers" / "blip-2.yaml"
    blip.write_text(blip.read_text(encoding="utf-8").replace('title: "', 'title: "Changed ', 1), encoding="utf-8")
    return root


def _release(repo: Path, version: str, output: Path, monkeypatch) -> int:
    monkeypatch.chdir(repo)
    return main(["release", version, "--catalog", "catalog", "--output", str(output)])


def test_the_bundle_holds_every_export_and_table_named_with_its_version_and_checksums_that_verify(
        repo, tmp_path, monkeypatch):
    from vlkb.checks.validation import validate_catalog

    assert validate_catalog(repo / "catalog")[1] == []
    assert _release(repo, "0.2.0", tmp_path / "dist", monkeypatch) == 0
    folder = tmp_path / "dist" / "vlkb-0.2.0"
    names = sorted(p.name for p in folder.iterdir())
    unversioned = {"CHANGELOG.md", "SHA256SUMS", "LICENSE-DATA.txt", "CITATION.cff"}
    assert all(name.startswith("vlkb-0.2.0") for name in names if name not in unversioned)
    for fmt, _, label, _ in EXPORTS:
        expected = f"vlkb-0.2.0{label[4:]}" if label.startswith("vlkb.") else f"vlkb-0.2.0-{label}"
        assert expected in names, fmt
    assert "vlkb-0.2.0-paper.schema.json" in names and unversioned <= set(names)
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == len(names) - 1
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    changelog = (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Since v0.1.0: 1 added, 1 changed, 0 removed." in changelog
    assert "catalog/papers/llava-copy.yaml" in changelog.split("## Added")[1].split("##")[0]
    assert "catalog/papers/blip-2.yaml" in changelog.split("## Changed")[1] and "(title)" in changelog
    assert 'version: "0.2.0"' in (folder / "CITATION.cff").read_text(encoding="utf-8")
    import vlkb

    kb = vlkb.load(folder)
    assert kb.version == "0.2.0" and len(kb.papers) == 5


def test_two_releases_of_one_catalog_are_byte_identical_and_the_first_has_no_base(repo, tmp_path, monkeypatch):
    assert _release(repo, "0.1.0", tmp_path / "a", monkeypatch) == 0
    assert _release(repo, "0.1.0", tmp_path / "b", monkeypatch) == 0
    a, b = tmp_path / "a" / "vlkb-0.1.0", tmp_path / "b" / "vlkb-0.1.0"
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
    assert "The first release" in (a / "CHANGELOG.md").read_text(encoding="utf-8")


def test_a_version_missing_from_the_releases_file_or_malformed_is_refused(repo, tmp_path, monkeypatch, capsys):
    assert _release(repo, "0.3.0", tmp_path / "dist", monkeypatch) == 2
    assert "not in catalog/RELEASES.yaml" in capsys.readouterr().err
    assert _release(repo, "1.0", tmp_path / "dist", monkeypatch) == 2
    assert "MAJOR.MINOR.PATCH" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists()
