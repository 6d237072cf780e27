"""A contributor's whole path on a temporary copy of the fixture catalog, in a temporary git repository:
new -> import-bibtex (hostile entries) -> fmt -> validate -> export in every format and read it back -> diff.

The records these tests create are fictional (arXiv 2401.99999 does not exist); they exercise the tools,
they are not catalog facts.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import networkx as nx
import pytest

from tests.paths import FIXTURE_CATALOG
from vlkb.contrib.bibtex_in import latex_to_text, split_names
from vlkb.contrib.canonical_yaml import dump_record
from vlkb.loading.catalog import load_catalog
from vlkb.loading.record_errors import validate_document
from vlkb.loading.safe_yaml import load_yaml_file
from vlkb.schema import Paper

FIXTURE = FIXTURE_CATALOG
LEAF = "vision-to-text/image-to-text/general-domain/general-ability"

HOSTILE_BIB = r"""
@string{nips = "Advances in Neural Information Processing Systems"}
@preamble{"\newcommand{\noop}[1]{}"}
@comment{this is ignored}
% a line comment (BibTeX has no comments: an @ here would start an entry, as in BibTeX itself)

@inproceedings{again-llava,
  title = {Visual Instruction Tuning},
  author = {Liu, Haotian and Li, Chunyuan},
  booktitle = nips, year = {2023}
}
@misc{again-blip2-by-eprint,
  title = {A differently worded title},
  eprint = {2301.12597}, archivePrefix = {arXiv}
}
@article{tricky,
  title = {{T}rick{VLM}: 100\% {\"U}ber-Tokens \} and \{ with \& and $\alpha$ {\c{c}}a},
  author = {M{\"u}ller, J{\"o}rg and {Barnes and Noble} and O'Neil, Ann-Marie},
  journal = {arXiv preprint arXiv:2401.99998},
  year = {2024},
  url = {javascript:alert(1)}
}
@misc{macro-soup,
  title = {Macro \input{/etc/passwd} and \unknownmacro soup},
  author = {Doe, Jane},
  howpublished = {NeurlPS},
  year = 2024
}
@article{broken, title = {Unbalanced {brace}, year={2020}}
@misc{no-title, author = {Nobody}}
@misc{tricky, title = {same key again}}
"""


def vlkb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "vlkb", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(FIXTURE, tmp_path / "catalog")
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "base", cwd=tmp_path)
    return tmp_path


def complete_draft(path: Path) -> None:
    """What a contributor does after import: add the facts a .bib lacks (here, fictional ones)."""
    doc = load_yaml_file(path)
    data = dict(doc.data)
    data.update(date=__import__("datetime").date(2024, 1, 31), kind="model", taxonomy=[LEAF], review=[])
    record, problems = validate_document(type(doc)(file=str(path), data=data), Paper)
    assert record is not None, [p.as_text() for p in problems]
    path.write_text(dump_record(record), encoding="utf-8")


@pytest.mark.slow
def test_contributor_round_trip(repo: Path):
    # 1. vlkb new: refuses a taken arXiv id, naming the record; then scaffolds a new one
    refused = vlkb("new", "--id", "llava-again", "--arxiv", "2304.08485", "--title", "Anything",
                   "--date", "2023-04-20", "--leaf", LEAF, cwd=repo)
    assert refused.returncode == 1 and "'llava'" in refused.stderr and "llava.yaml" in refused.stderr
    made = vlkb("new", "--id", "example-vlm", "--arxiv", "2401.99999", "--title", "Example-VLM: A Fictional Test Record",
                "--date", "2024-01-31", "--leaf", LEAF, "--author", "Ada Example", "--input", "image", "text",
                "--output", "text", "--added", "2026-11-26", cwd=repo)
    assert made.returncode == 0, made.stderr
    new_text = (repo / "catalog/papers/example-vlm.yaml").read_text()
    assert new_text.startswith("# yaml-language-server: $schema=")
    assert 'arxiv: "2401.99999"' in new_text

    # 2. import-bibtex: hostile and tricky entries
    (repo / "refs.bib").write_text(HOSTILE_BIB, encoding="utf-8")
    imported = vlkb("import-bibtex", "refs.bib", "--added", "2026-11-26", cwd=repo)
    assert imported.returncode == 1  # some entries failed, and that is reported
    err = imported.stderr
    assert "'again-llava' not imported: duplicate of catalog record 'llava'" in err
    assert "'again-blip2-by-eprint' not imported: duplicate of catalog record 'blip-2'" in err
    assert "refs.bib:29: entry 'broken' not imported: BibTeX syntax error" in err
    assert "'no-title' not imported: the entry has no title" in err
    assert "entry 'tricky' not imported: the entry key is used twice" in err
    drafts = sorted(p.name for p in (repo / "catalog/papers").glob("*.yaml"))
    assert "trickvlm.yaml" in drafts and "macro-input-etc-passwd-and-unknownmacrosoup.yaml" in drafts
    tricky = load_yaml_file(repo / "catalog/papers/trickvlm.yaml").data
    assert tricky["title"] == "TrickVLM: 100% Über-Tokens } and { with & and α ça"
    assert tricky["authors"] == {"names": ["Jörg Müller", "Barnes and Noble", "Ann-Marie O'Neil"],
                                 "status": "unconfirmed",
                                 "sources": [{"url": "https://arxiv.org/abs/2401.99998",
                                              "note": "as written in refs.bib (entry tricky); not yet checked"}]}
    assert tricky["arxiv"] == "2401.99998" and "javascript" not in (repo / "catalog/papers/trickvlm.yaml").read_text()
    soup = load_yaml_file(repo / "catalog/papers/macro-input-etc-passwd-and-unknownmacrosoup.yaml").data
    assert soup["venue"] == "neurips" and any("unknownmacro" in line for line in soup["review"])

    # drafts are incomplete on purpose: validate names what to fill in
    incomplete = vlkb("validate", "catalog", cwd=repo)
    assert incomplete.returncode == 1
    assert "trickvlm.yaml" in incomplete.stdout and "required field 'date' is missing" in incomplete.stdout
    for name in ("trickvlm.yaml", "macro-input-etc-passwd-and-unknownmacrosoup.yaml"):
        complete_draft(repo / "catalog/papers" / name)

    # 3. fmt --check fails with the fixing command; running it makes the catalog canonical
    check = vlkb("fmt", "--check", "catalog", cwd=repo)
    if check.returncode == 1:
        command = check.stderr.split("fix with:")[1].strip().split()
        assert command[:2] == ["vlkb", "fmt"]
        assert vlkb(*command[1:], cwd=repo).returncode == 0
    assert vlkb("fmt", "--check", "catalog", cwd=repo).returncode == 0

    # 4. validate
    valid = vlkb("validate", "catalog", cwd=repo)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    catalog, problems = load_catalog(repo / "catalog")
    assert not problems and len(catalog.papers) == 7

    # 5. export in every format and read each back
    exported = {}
    for fmt in ("json", "csv", "bibtex", "graphml", "results-csv"):
        out = repo / f"export.{fmt}"
        result = vlkb("export", "--format", fmt, "-o", str(out), cwd=repo)
        assert result.returncode == 0, result.stderr
        exported[fmt] = out.read_text(encoding="utf-8")
        assert vlkb("export", "--format", fmt, cwd=repo).stdout == exported[fmt]  # deterministic
    document = json.loads(exported["json"])
    assert [p["id"] for p in document["papers"]] == sorted(catalog.papers)
    rows = list(csv.DictReader(io.StringIO(exported["csv"])))
    assert {r["id"]: r["title"] for r in rows} == {p.id: p.title for p in catalog.papers.values()}
    library = bibtexparser.parse_string(exported["bibtex"])
    assert not library.failed_blocks and len(library.entries) == 7
    titles = {latex_to_text(e["title"]) for e in library.entries}
    assert titles == {p.title for p in catalog.papers.values()}
    by_title = {latex_to_text(e["title"]): e for e in library.entries}
    assert split_names(by_title[tricky["title"]]["author"]) == ["Jörg Müller", "Barnes and Noble", "Ann-Marie O'Neil"]
    graph = nx.read_graphml(io.BytesIO(exported["graphml"].encode("utf-8")))
    assert {f"paper:{i}" for i in catalog.papers} <= set(graph.nodes)
    assert graph.edges["paper:llava-1-5", "paper:llava"]["relation"] == "builds_on"
    assert exported["results-csv"].splitlines()[0].startswith("paper,variant,benchmark,split,metric,value")

    # filtered export
    cvpr = vlkb("export", "--format", "csv", "--venue", "cvpr", cwd=repo)
    assert [r["id"] for r in csv.DictReader(io.StringIO(cvpr.stdout))] == ["llava-1-5"]

    # 6. diff against the original commit
    (repo / "catalog/papers/blip-2.yaml").unlink()
    llava = repo / "catalog/papers/llava-1-5.yaml"
    llava.write_text(llava.read_text().replace("venue_year: 2024", "venue_year: 2025"))
    diff = vlkb("diff", "HEAD", cwd=repo)
    assert diff.returncode == 0, diff.stderr
    markdown = diff.stdout
    assert "**3** added, **1** removed, **1** changed." in markdown
    assert "<code>catalog/papers/example-vlm.yaml</code>" in markdown
    assert "| <code>venue_year</code> | <code>2024</code> | <code>2025</code> |" in markdown
    assert "qwen2-vl" not in markdown  # reformatting alone is no change


def test_diff_escapes_markdown_and_html(repo: Path):
    path = repo / "catalog/papers/llava.yaml"
    path.write_text(path.read_text().replace("title: Visual Instruction Tuning",
                                             'title: "Visual | <img src=x onerror=alert(1)> @octocat `x`"'))
    markdown = vlkb("diff", "HEAD", cwd=repo).stdout
    assert "<img" not in markdown and "@octocat" not in markdown and "| <img" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown


def test_diff_reports_a_bad_ref(repo: Path):
    result = vlkb("diff", "no-such-ref", cwd=repo)
    assert result.returncode == 2 and "git failed" in result.stderr


def test_fmt_leaves_invalid_records_alone_and_says_why(repo: Path):
    broken = repo / "catalog/papers/broken.yaml"
    broken.write_text("id: broken\ntitle: [\n")
    result = vlkb("fmt", "catalog", cwd=repo)
    assert result.returncode == 1
    assert "broken.yaml: not formatted, fix it first" in result.stderr
    assert broken.read_text() == "id: broken\ntitle: [\n"


def test_new_refuses_bad_options_without_writing(repo: Path):
    result = vlkb("new", "--id", "Bad_Id", "--title", "x", "--date", "2024-01-31", "--leaf", LEAF, cwd=repo)
    assert result.returncode == 1 and "llava-1-5" in result.stderr  # the hint shows the id form
    result = vlkb("new", "--id", "ok-id", "--title", "x", "--date", "2024-01-31", "--leaf", "vision-to-text", cwd=repo)
    assert result.returncode == 1 and "is a category, not a leaf" in result.stderr
    assert not (repo / "catalog/papers/ok-id.yaml").exists()


def test_new_takes_review_questions_and_several_author_sources(catalog_copy, capsys):
    from vlkb.cli import main

    code = main(["new", "--catalog", str(catalog_copy.root), "--id", "example-two", "--title", "Example Two",
                 "--date", "2024-01-31", "--leaf", LEAF, "--author", "Ada Example", "--authors-confirmed",
                 "--authors-source", "https://example.org/a", "--authors-source", "https://example.org/b",
                 "--review", "venue: not yet confirmed", "--added", "2026-11-26"])
    assert code == 0, capsys.readouterr().err
    data = load_yaml_file(catalog_copy.path("papers/example-two.yaml")).data
    assert data["authors"]["sources"] == [{"url": "https://example.org/a"}, {"url": "https://example.org/b"}]
    assert data["review"] == ["venue: not yet confirmed"]


def test_import_never_overwrites_a_file_the_catalog_could_not_load(catalog_copy, tmp_path, capsys):
    from vlkb.cli import main

    catalog_copy.write("papers/fresh-title.yaml", "id: fresh-title\ntitle: [\n")
    bib = tmp_path / "one.bib"
    bib.write_text("@misc{k, title={Fresh Title}, author={Doe, Jane}, year={2024}}\n", encoding="utf-8")
    assert main(["import-bibtex", str(bib), "--catalog", str(catalog_copy.root), "--added", "2026-11-26"]) == 0
    assert catalog_copy.path("papers/fresh-title.yaml").read_text() == "id: fresh-title\ntitle: [\n"
    assert load_yaml_file(catalog_copy.path("papers/fresh-title-2024.yaml")).data["title"] == "Fresh Title"
