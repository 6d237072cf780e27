"""Hugging Face `.eval_results/` files: one folder per model variant, one YAML file per score.

The format is the Hub's (hub-docs `docs/hub/eval-results.md` at commit 064c75486afa079642c3a60c3f077835eed03a06,
read by huggingface_hub's `parse_eval_result_entries`): a YAML list of entries with `dataset.id` (a Hub
dataset), `dataset.task_id`, `value` and optionally `date`, `source` and `notes`. Only results on a benchmark
whose record names its Hub dataset (`hub_dataset`, sourced to the benchmark's own README) are written: a
number under a guessed dataset id would land on the wrong leaderboard.

Choices the format leaves to us, each stated in the file it shapes:
- `task_id` is `default`. The Hub defines tasks in the dataset's `eval.yaml`, which vlkb does not record;
  the split, metric and setting go into `notes`, and a contributor opening a PR edits `task_id` to the
  dataset's task. The Hub shows a result on a leaderboard only for datasets registered as benchmarks.
- One file per score (variant, benchmark, split, metric, provenance, harness), as the Hub asks for several
  scores on one benchmark; file names are `<benchmark>_<split>_<metric>[_<provenance>_<harness>].yaml`.
- `date` is when the number was published: the re-evaluation's date, else the paper's first version.
- `source.url` is the result's own source (the paper version or the file at a commit), `source.name`
  says what it is ("arXiv 2409.12191v2, Table 3"), so the Hub page links to the table the number stands in.

The archive is a zip with fixed timestamps and sorted entries: the same catalog gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import yaml

from vlkb.loading.catalog import Catalog
from vlkb.outputs.eval_exports import _DUMPER
from vlkb.schema import Paper, Result

TASK_ID = "default"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
README = """# vlkb results as Hugging Face `.eval_results/` files

One folder per model variant (`<paper>/<variant>/.eval_results/`), one YAML file per score, in the Hub's
format (https://huggingface.co/docs/hub/eval-results). Only benchmarks whose Hub dataset vlkb records with a
source are included. `task_id` is `default`: set it to the task the dataset's `eval.yaml` defines before
opening a pull request on the model's repository; split, metric, setting and who measured the number are in
`notes`, and `source` links to the table or file each number stands in.
"""


def slug(text: str) -> str:
    """A file-name-safe lower-case form: `LLaVA-1.5-7B` -> `llava-1.5-7b`."""
    return re.sub(r"[^a-z0-9.]+", "-", text.casefold()).strip("-.") or "unnamed"


def _source_name(result: Result) -> str:
    s = result.source
    if s.repository:
        return f"{s.repository} {s.path or ''} at {s.commit[:12] if s.commit else 'HEAD'}".replace("  ", " ")
    where = f"arXiv {s.arxiv}" if s.arxiv else "source"
    return f"{where}, {s.locator}" if s.locator else where


def _notes(result: Result) -> str:
    parts = [f"split {result.split}", f"metric {result.metric}", f"setting {result.setting}",
             f"provenance {result.provenance}"]
    how = result.re_evaluation
    if how:
        parts.append(f"run by {how.by} with {how.harness}" + (f" {how.harness_version}" if how.harness_version else ""))
        if how.judge:
            parts.append(f"judge {how.judge}")
    elif result.evaluator:
        parts.append(f"scored by {result.evaluator}")
    return "; ".join(parts) + " (from vlkb)"


def entry(paper: Paper, result: Result, dataset_id: str) -> dict[str, Any]:
    """One `.eval_results` entry for `result`."""
    how = result.re_evaluation
    day = how.date if how and how.date else paper.date
    data: dict[str, Any] = {"dataset": {"id": dataset_id, "task_id": TASK_ID}, "value": result.value,
                            "date": day.isoformat()}
    url = result.source.web_url()
    if url:
        data["source"] = {"url": url, "name": _source_name(result)}
    data["notes"] = _notes(result)
    return data


def _file_name(result: Result) -> str:
    parts = [result.benchmark, result.split, result.metric]
    if result.provenance != "reported":
        parts.append(result.provenance)
    if result.re_evaluation:
        parts.append(result.re_evaluation.harness)
    return "_".join(slug(p) for p in parts) + ".yaml"


def eval_results_files(catalog: Catalog, papers: list[Paper]) -> dict[str, str]:
    """Archive path -> YAML text, for every result of `papers` on a benchmark with a Hub dataset."""
    files: dict[str, list[dict[str, Any]]] = {}
    for paper in papers:
        for result in paper.results:
            bench = catalog.benchmarks.get(result.benchmark)
            if bench is None or bench.hub_dataset is None:
                continue
            path = f"{paper.id}/{slug(result.variant)}/.eval_results/{_file_name(result)}"
            files.setdefault(path, []).append(entry(paper, result, bench.hub_dataset.id))
    return {path: yaml.dump(entries, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000) for path, entries in sorted(files.items())}


def eval_results_zip(catalog: Catalog, papers: list[Paper]) -> bytes:
    """The files of `eval_results_files` and a README as one zip, byte for byte the same for one catalog."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, text in [("README.md", README), *eval_results_files(catalog, papers).items()]:
            info = zipfile.ZipInfo(f"vlkb-eval-results/{path}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
