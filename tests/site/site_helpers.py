"""Helpers of the site tests: the fixture catalog extended in a temporary folder (architecture, results,
a disagreement, components), a hostile variant of it, and a real mkdocs build.

Result values and variants written here are test inputs, never facts of the knowledge base; they
are marked `TEST VALUE` in their notes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.paths import FIXTURE_CATALOG, REPO_ROOT  # noqa: E402
REAL_COMPONENTS = ("clip-vit-l-14-336", "vicuna-7b-v1-5")
PAYLOADS = (
    "<script>window.__pwned='script'</script>",
    '"><img src=x onerror="window.__pwned=\'img\'">',
    "[click me](javascript:window.__pwned='md-link')",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "{{ config.site_name }} &lt;b&gt;entity&lt;/b&gt; **bold** `code`",
)
HOSTILE = " ".join(PAYLOADS)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _source(locator: str) -> dict:
    return {"arxiv": "2310.03744v2", "locator": locator}


def extend_catalog(root: Path) -> Path:
    """Add two real component records and test architecture/results rows to the fixture papers."""
    (root / "components").mkdir(exist_ok=True)
    for component in REAL_COMPONENTS:
        shutil.copy(REPO_ROOT / "catalog" / "components" / f"{component}.yaml", root / "components")
    paper = _load(root / "papers" / "llava-1-5.yaml")
    paper["architecture"] = [{"variant": "Test-7B", "reproduction": "test-7b", "resolution_scheme": "anyres",
                              "vision_encoder": "clip-vit-l-14-336", "projector": "mlp",
                              "language_model": "vicuna-7b-v1-5", "image_resolution": 336, "visual_tokens": 576,
                              "total_parameters": "7B", "note": "TEST VALUE", "sources": [_source("Table 1")]}]
    paper["results"] = [
        {"variant": "Test-7B", "benchmark": "vqav2", "split": "test-dev", "metric": "accuracy", "value": 70.5,
         "setting": "zero-shot", "provenance": "reported", "source": _source("Table 4"), "note": "TEST VALUE"},
        {"variant": "Test-7B", "benchmark": "vqav2", "split": "test-dev", "metric": "accuracy", "value": 71.0,
         "setting": "zero-shot", "provenance": "quoted", "source": _source("Table 5"), "note": "TEST VALUE"},
    ]
    _dump(root / "papers" / "llava-1-5.yaml", paper)
    older = _load(root / "papers" / "llava.yaml")
    older["results"] = [{"variant": "Old-13B", "benchmark": "vqav2", "split": "test-dev", "metric": "accuracy",
                         "value": 60.25, "setting": "zero-shot", "provenance": "reported",
                         "source": {"arxiv": "2304.08485v1", "locator": "Table 2"}, "note": "TEST VALUE"}]
    _dump(root / "papers" / "llava.yaml", older)
    return root


def make_hostile(root: Path) -> Path:
    """Put the payloads into every free-text field a page shows."""
    paper = _load(root / "papers" / "llava-1-5.yaml")
    paper["title"] = HOSTILE
    paper["short_name"] = HOSTILE
    paper["authors"]["names"] = [HOSTILE, "Second <b>Author</b>"]
    paper["summary"] = HOSTILE
    paper["review"] = [HOSTILE]
    paper["corrections"] = [{"field": HOSTILE, "was": HOSTILE, "now": HOSTILE, "reason": HOSTILE,
                             "source": {"url": "https://example.org/?q=<script>", "note": HOSTILE}}]
    for row in paper["results"]:
        row.update(variant=HOSTILE, evaluator=HOSTILE, note=HOSTILE)
        row["source"]["locator"] = HOSTILE
    paper["architecture"][0].update(variant=HOSTILE, note=HOSTILE)
    _dump(root / "papers" / "llava-1-5.yaml", paper)
    bench = _load(root / "benchmarks" / "vqav2.yaml")
    bench.update(name=HOSTILE, task=HOSTILE, description=HOSTILE[:600])
    bench["metrics"][0]["name"] = HOSTILE
    _dump(root / "benchmarks" / "vqav2.yaml", bench)
    component = _load(root / "components" / "vicuna-7b-v1-5.yaml")
    component.update(name=HOSTILE, family=HOSTILE)
    _dump(root / "components" / "vicuna-7b-v1-5.yaml", component)
    taxonomy = _load(root / "taxonomy.yaml")
    taxonomy["streams"][0]["label"] = HOSTILE
    taxonomy["streams"][0]["children"][0]["children"][0]["children"][0]["label"] = HOSTILE
    _dump(root / "taxonomy.yaml", taxonomy)
    return root


def build_site(catalog: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` of the repository's mkdocs.yml against `catalog`."""
    env = {**os.environ, "VLKB_CATALOG": str(catalog.resolve()), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                           str(REPO_ROOT / "mkdocs.yml"), "-d", str(site_dir)],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
