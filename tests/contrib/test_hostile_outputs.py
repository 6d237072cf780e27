"""Issue 18 for what others open and for the commands' own feedback: CSV cells a spreadsheet would run,
BibTeX keys, nested braces, model-level errors in `vlkb new`, unknown export filters, `vlkb fmt` on a record
with a problem, and `vlkb repro list` in a fresh clone."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import FIXTURE_CATALOG, REPO_ROOT
from vlkb.contrib.latex_text import LatexError, latex_to_text
from vlkb.loading.catalog import load_catalog
from vlkb.outputs.bibtex_out import bibliography, citation_keys
from vlkb.outputs.exports import export_catalog, neutralise_cell
from vlkb.schema import Result

LEAF = "vision-to-text/image-to-text/general-domain/general-ability"


def vlkb(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "vlkb", *args], cwd=cwd, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def fixture_catalog():
    loaded, problems = load_catalog(FIXTURE_CATALOG)
    assert not problems
    return loaded


# ---------------------------------------------------------------- CSV cells

FORMULAS = ("=HYPERLINK(\"https://example.org\",\"x\")", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)")


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_in_every_csv(fixture_catalog):
    llava = fixture_catalog.papers["llava-1-5"]
    row = Result.model_validate({"variant": FORMULAS[2], "benchmark": "vqav2", "split": "test-dev",
                                 "metric": "accuracy", "value": -0.5, "setting": "zero-shot", "note": FORMULAS[3],
                                 "evaluator": FORMULAS[0], "source": {"arxiv": "2310.03744v2", "locator": "Table 4"}})
    authors = llava.authors.model_copy(update={"names": list(FORMULAS)})
    fixture_catalog.papers["llava-1-5"] = llava.model_copy(update={
        "title": FORMULAS[0], "short_name": FORMULAS[1], "authors": authors, "results": [row]})
    try:
        for fmt in ("csv", "results-csv"):
            for cells in csv.reader(io.StringIO(export_catalog(fixture_catalog, fmt))):
                for cell in cells:
                    assert not cell.startswith(("=", "+", "@", "\t", "\r")), (fmt, cell)
                    assert not cell.startswith("-") or cell == "-0.5", (fmt, cell)
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_catalog(fixture_catalog, "csv")))}
        assert rows["llava-1-5"]["title"] == "'" + FORMULAS[0]  # the text is all there, shown as text
        [result] = csv.DictReader(io.StringIO(export_catalog(fixture_catalog, "results-csv")))
        assert (result["variant"], result["note"], result["value"]) == ("'" + FORMULAS[2], "'" + FORMULAS[3], "-0.5")
    finally:
        fixture_catalog.papers["llava-1-5"] = llava


@pytest.mark.parametrize("value, neutral", [("=1+1", "'=1+1"), ("@x", "'@x"), ("+x", "'+x"), ("-x", "'-x"),
                                            ("\tx", "'\tx"), ("-0.5", "-0.5"), ("+3", "+3"), ("1e-3", "1e-3"),
                                            ("plain", "plain"), (12, 12)])
def test_the_owasp_rule_leaves_plain_numbers_and_text_alone(value, neutral):
    assert neutralise_cell(value) == neutral


# ---------------------------------------------------------------- BibTeX keys

def _papers(fixture_catalog, titles_and_names: list[tuple[str, str]]):
    base = fixture_catalog.papers["llava"]
    return [base.model_copy(update={
        "id": f"paper-{index}", "title": title, "date": dt.date(2024, 1, 1 + index),
        "authors": base.authors.model_copy(update={"names": [name]})})
        for index, (title, name) in enumerate(titles_and_names)]


def test_bibtex_keys_are_unique_when_a_suffix_meets_another_papers_base_key(fixture_catalog):
    papers = _papers(fixture_catalog, [("Visual One", "Ann Smith"), ("Visual Two", "Bo Smith"),
                                       ("Visual Three", "Cy Smith"), ("Visualb Four", "Di Smith"),
                                       ("Ωμέγα", "Ed Smith"), ("Ωμέγα Δύο", "Fa Smith"), ("B Seven", "Gu Smith")])
    keys = citation_keys(papers)
    assert len(set(keys.values())) == len(papers), keys
    entries = [line for line in bibliography(papers).splitlines() if line.startswith("@")]
    assert len(set(entries)) == len(papers)
    assert keys["paper-0"] == "smith2024visual"  # the earliest keeps its base key


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["Visual", "Visualb", "Visualc", "B", "C", "Ωμέγα", "Visualbb"]),
                          st.sampled_from(["Smith", "Smithb"])), min_size=1, max_size=30))
def test_bibtex_keys_are_unique_across_any_export(fixture_catalog, pairs):
    papers = _papers(fixture_catalog, [(f"{word} Models", f"Ann {name}") for word, name in pairs])
    keys = citation_keys(papers)
    assert len(set(keys.values())) == len(papers)


# ---------------------------------------------------------------- nested braces

def test_a_thousand_nested_braces_are_a_latex_error_not_a_recursion_error():
    for text in ("{" * 1000 + "x" + "}" * 1000, "\\'" * 1000 + "e", "\\emph" * 2000 + "{x}"):
        with pytest.raises(LatexError, match="nested deeper than"):
            latex_to_text(text)
    assert latex_to_text("{" * 20 + "x" + "}" * 20) == "x"


def test_import_bibtex_reports_an_entry_with_a_thousand_nested_braces(catalog_copy, tmp_path):
    bib = tmp_path / "deep.bib"
    bib.write_text("@article{deep2024,\n  title = {" + "{" * 1000 + "x" + "}" * 1000 + "},\n"
                   "  author = {Smith, Ann},\n  year = {2024},\n}\n", encoding="utf-8")
    result = vlkb("import-bibtex", str(bib), "--catalog", str(catalog_copy.root), "--dry-run")
    assert "entry 'deep2024' not imported" in result.stderr and "nested deeper than" in result.stderr


# ---------------------------------------------------------------- vlkb new

@pytest.mark.parametrize("extra, message", [
    (["--builds-on", "example-vlm"], "a paper cannot build on itself"),
    (["--venue", "arxiv", "--venue-year", "2024"], "venue_year is for published venues"),
    (["--leaf", LEAF], "a taxonomy leaf is listed twice"),
])
def test_vlkb_new_reports_a_rule_across_fields_instead_of_an_index_error(catalog_copy, extra, message):
    result = vlkb("new", "--id", "example-vlm", "--title", "Example-VLM: A Fictional Test Record",
                  "--date", "2024-01-31", "--leaf", LEAF, "--catalog", str(catalog_copy.root), "--stdout", *extra)
    assert result.returncode == 1 and f"vlkb new: record: {message}" in result.stderr


# ---------------------------------------------------------------- vlkb export filters

@pytest.fixture
def export_catalog_copy(catalog_copy):
    (catalog_copy.root / "components").mkdir(exist_ok=True)
    for component in ("clip-vit-l-14-336", "vicuna-7b-v1-5"):
        shutil.copy(REPO_ROOT / "catalog" / "components" / f"{component}.yaml", catalog_copy.root / "components")
    return catalog_copy


@pytest.mark.parametrize("option, value, suggestion", [
    ("--component", "clip-vit-l-14", "clip-vit-l-14-336"), ("--benchmark", "vqa-v2", "vqav2"),
    ("--venue", "nips", "neurips"), ("--kind", "modle", "model"),
    ("--leaf", "vision-to-text/image-to-tex", "vision-to-text/image-to-text"),
])
def test_an_unknown_export_filter_fails_with_did_you_mean(export_catalog_copy, option, value, suggestion):
    result = vlkb("export", "--format", "csv", "--catalog", str(export_catalog_copy.root), option, value)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{option.split('/')[0]}" in result.stderr and f"did you mean '{suggestion}'?" in result.stderr


def test_a_known_export_filter_with_no_match_still_exports_a_header(export_catalog_copy):
    result = vlkb("export", "--format", "csv", "--catalog", str(export_catalog_copy.root), "--kind", "survey")
    assert result.returncode == 0 and result.stdout.startswith("id,")


# ---------------------------------------------------------------- vlkb fmt

def test_fmt_refuses_a_record_whose_id_differs_from_its_file_name(catalog_copy):
    path = catalog_copy.path("papers/llava.yaml")
    before = path.read_bytes()
    path.write_bytes(before.replace(b"id: llava\n", b"id: llava-other\n"))
    for args in ([], ["--check"]):
        result = vlkb("fmt", *args, str(path))
        assert result.returncode == 1 and "not formatted, fix it first" in result.stderr
        assert "1 already canonical" not in result.stderr and "differs from the file name" in result.stderr


def test_fmt_refuses_a_record_with_a_problem_across_records(catalog_copy):
    path = catalog_copy.path("papers/llava.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("venue: neurips", "venue: nowhere-conf"),
                    encoding="utf-8")
    before = path.read_bytes()
    result = vlkb("fmt", str(path))
    assert result.returncode == 1 and "unknown venue id 'nowhere-conf'" in result.stderr
    assert path.read_bytes() == before


# ---------------------------------------------------------------- vlkb repro list

def test_repro_list_shows_the_committed_ledgers_verdicts_without_runs(tmp_path):
    pytest.importorskip("torch", reason="the reproduction zoo needs torch")
    ledger = json.loads((REPO_ROOT / "reproductions" / "ledger" / "architecture.json").read_text(encoding="utf-8"))
    model = ledger["checks"][0]["model"]
    result = vlkb("repro", "list", "--out", str(tmp_path / "no-runs"))
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith(model + " "))
    assert "not run" not in line and "matched" in line and "(ledger)" in line


def test_repro_list_prefers_a_run_over_the_ledger(tmp_path):
    pytest.importorskip("torch", reason="the reproduction zoo needs torch")
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps({"checks": [{"model": "qwen-vl", "verdict": "diverged"}],
                                  "models": [{"model": "qwen-vl"}]}), encoding="utf-8")
    runs = tmp_path / "runs"
    runs.mkdir()
    (runs / "qwen-vl.json").write_text(json.dumps({"kind": "architecture", "model": "qwen-vl",
                                                    "checks": [{"verdict": "matched"}]}), encoding="utf-8")
    result = vlkb("repro", "list", "--out", str(runs), "--ledger", str(ledger))
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith("qwen-vl "))
    assert line.endswith("1 matched, 0 diverged")
    (runs / "qwen-vl.json").unlink()
    line = next(line for line in vlkb("repro", "list", "--out", str(runs), "--ledger", str(ledger)).stdout
                .splitlines() if line.strip().startswith("qwen-vl "))
    assert line.endswith("0 matched, 1 diverged (ledger)")


# ---------------------------------------------------------------- vlkb diff

def test_diff_names_a_link_out_of_the_catalog_without_reading_it(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(FIXTURE_CATALOG, tmp_path / "catalog")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(git + args, cwd=tmp_path, check=True, capture_output=True)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text((FIXTURE_CATALOG / "papers" / "llava.yaml").read_text(encoding="utf-8")
                       .replace("Visual Instruction Tuning", "Secret Words"), encoding="utf-8")
    (tmp_path / "catalog" / "papers" / "secret.yaml").symlink_to(outside)
    result = vlkb("diff", "HEAD", cwd=tmp_path)
    assert result.returncode == 0 and "Secret Words" not in result.stdout
    assert "unreadable" in result.stdout and "secret.yaml" in result.stdout
