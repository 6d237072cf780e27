"""Results as Hugging Face `.eval_results/` files: one folder per variant and one file per score, valid against
the Hub's format, only for benchmarks whose Hub dataset is recorded, and the same bytes for the same catalog."""

from __future__ import annotations

import io
import json
import zipfile

import jsonschema
import pytest
import yaml

from tests.paths import REPO_ROOT
from tests.site.test_reevaluations import REPORTED, RE_RUNS
from vlkb.checks.validation import validate_catalog
from vlkb.outputs.exports import export_bytes
from vlkb.outputs.hub_eval_results import eval_results_files

SCHEMA = json.loads((REPO_ROOT / "tests/fixtures/schemas/hf_eval_results/eval_results.schema.json").read_text(encoding="utf-8"))
HUB_DATASET = """hub_dataset:
  id: HuggingFaceM4/VQAv2
  source: {repository: example/vqav2, path: README.md, commit: 0123456789abcdef0123456789abcdef01234567, line: 3}
"""


def _catalog(catalog_copy, *, hub_dataset: bool = True):
    paper = catalog_copy.path("papers/llava-1-5.yaml")
    paper.write_text(paper.read_text(encoding="utf-8").rstrip("\n") + "\nresults:\n" + REPORTED.lstrip("\n")
                     + RE_RUNS.lstrip("\n"), encoding="utf-8")
    if hub_dataset:
        bench = catalog_copy.path("benchmarks/vqav2.yaml")
        text = bench.read_text(encoding="utf-8")
        bench.write_text(text.replace("\nsources:", "\n" + HUB_DATASET + "sources:", 1), encoding="utf-8")
    catalog, problems = validate_catalog(catalog_copy.root)
    assert problems == [], [p.as_text() for p in problems]
    return catalog


def test_each_score_is_its_own_file_under_its_variant_and_valid_against_the_hub_format(catalog_copy):
    catalog = _catalog(catalog_copy)
    files = eval_results_files(catalog, [catalog.papers["llava-1-5"]])
    assert sorted(files) == [
        "llava-1-5/llava-1.5-7b/.eval_results/vqav2_test-dev_accuracy.yaml",
        "llava-1-5/llava-1.5-7b/.eval_results/vqav2_test-dev_accuracy_re-evaluated_lmms-eval.yaml"]
    reported, rerun = (yaml.safe_load(files[p]) for p in sorted(files))
    for entries in (reported, rerun):
        jsonschema.validate(entries, SCHEMA)
    assert reported == [{
        "dataset": {"id": "HuggingFaceM4/VQAv2", "task_id": "default"}, "value": 78.5,
        "date": catalog.papers["llava-1-5"].date.isoformat(),
        "source": {"url": "https://github.com/haotian-liu/LLaVA/blob/c121f0432da27facab705978f83c4ada465e46fd/docs/MODEL_ZOO.md#L25",
                   "name": "haotian-liu/LLaVA docs/MODEL_ZOO.md at c121f0432da2"},
        "notes": "split test-dev; metric accuracy; setting other; provenance reported (from vlkb)"}]
    assert rerun[0]["value"] == 71.2 and rerun[0]["date"] == "2025-01-10"
    assert "run by lmms-eval maintainers with lmms-eval v0.3.0" in rerun[0]["notes"]


def test_the_hub_library_reads_the_files_back():
    hub = pytest.importorskip("huggingface_hub", reason="huggingface_hub (a dependency of transformers) not installed")
    from vlkb.loading.catalog import load_catalog

    catalog, _ = load_catalog(REPO_ROOT / "catalog")
    files = eval_results_files(catalog, [catalog.papers[i] for i in sorted(catalog.papers)])
    assert len(files) > 100
    for path, text in files.items():
        entries = yaml.safe_load(text)
        jsonschema.validate(entries, SCHEMA)
        parsed = hub.parse_eval_result_entries(entries)
        assert [e.value for e in parsed] == [e["value"] for e in entries], path
        bench = catalog.benchmarks[path.rsplit("/", 1)[1].split("_", 1)[0]]
        assert {e.dataset_id for e in parsed} == {bench.hub_dataset.id}, path


def test_benchmarks_without_a_hub_dataset_are_left_out(catalog_copy):
    catalog = _catalog(catalog_copy, hub_dataset=False)
    assert eval_results_files(catalog, [catalog.papers["llava-1-5"]]) == {}


def test_the_zip_is_deterministic(catalog_copy):
    catalog = _catalog(catalog_copy)
    first, second = export_bytes(catalog, "eval-results"), export_bytes(catalog, "eval-results")
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names[0] == "vlkb-eval-results/README.md" and len(names) == 3
