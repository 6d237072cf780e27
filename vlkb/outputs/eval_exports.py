"""Benchmark results in the formats other evaluation databases read.

- **Every Eval Ever** (evaleval/every_eval_ever, `every_eval_ever/schemas/eval.schema.json`, schema version
  0.3.0 at commit 9bce4136e789ec006c62582f5f9d107d20f8b398): one evaluation record per model variant and
  source kind. The authors' own numbers are `documentation` with `evaluator_relationship: first_party`;
  numbers quoted from another paper's table are `documentation` by a `third_party`; third-party runs of the
  released model (re-evaluated) and vlkb's own runs (reproduced) are `evaluation_run` by a `third_party`.
- **Hugging Face model-index** (the `model-index` block of a model card, the shape of huggingface_hub's
  `EvalResult`): one YAML document per paper, every row with `verified: false` (no row was run by the Hub);
  `dataset.type` is the benchmark's Hub dataset where its record names one, else the vlkb benchmark id.
  The Hub's newer `.eval_results/` files are written by `vlkb.outputs.hub_eval_results`.

Both are written as JSON lines or YAML text, deterministically: timestamps are the records' own dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import yaml

from vlkb.loading.catalog import Catalog
from vlkb.schema import Paper, Result

EEE_SCHEMA_VERSION = "0.3.0"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's safe dumper where PyYAML has it: the same text as safe_dump, four times faster."""
_KINDS = {"reported": ("documentation", "first_party"), "quoted": ("documentation", "third_party"),
          "re-evaluated": ("evaluation_run", "third_party"), "reproduced": ("evaluation_run", "third_party")}


def _epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def _source_text(result: Result) -> str:
    s = result.source
    where = f" ({s.locator})" if s.locator and not s.repository else ""
    return (s.web_url() or "") + where


def eee_records(catalog: Catalog, papers: list[Paper]) -> list[dict[str, Any]]:
    """Every Eval Ever records for the results of `papers`, in a fixed order."""
    records = []
    for paper in papers:
        groups: dict[tuple[str, str, str], list[Result]] = defaultdict(list)
        for result in paper.results:
            harness = result.re_evaluation.harness if result.re_evaluation else ""
            groups[(result.variant, result.provenance, harness)].append(result)
        for (variant, provenance, harness), results in sorted(groups.items()):
            source_type, relationship = _KINDS[provenance]
            how = results[0].re_evaluation
            library = {"name": harness or ("vlkb reproductions" if provenance == "reproduced" else "unknown"),
                       "version": (how.harness_version if how and how.harness_version else "unknown")}
            by = how.by if how else ("vlkb" if provenance == "reproduced" else f"authors of {paper.title}")
            checked = paper.verified or paper.added
            records.append({
                "schema_version": EEE_SCHEMA_VERSION,
                "evaluation_id": f"vlkb/{paper.id}/{variant}/{provenance}" + (f"/{harness}" if harness else ""),
                "retrieved_timestamp": _epoch(checked),
                "source_metadata": {
                    "source_name": f"vlkb record {paper.id}", "source_type": source_type,
                    "source_organization_name": by, "evaluator_relationship": relationship,
                    "additional_details": {"vlkb_provenance": provenance, "paper": paper.title,
                                           **({"arxiv": paper.arxiv} if paper.arxiv else {})}},
                "eval_library": library,
                "model_info": {"name": variant, "id": variant,
                               "additional_details": {"deployment_type": "unknown", "model_availability": "unknown"}},
                "evaluation_results": [_eee_result(catalog, result) for result in results],
            })
    return records


def _eee_result(catalog: Catalog, result: Result) -> dict[str, Any]:
    bench = catalog.benchmarks.get(result.benchmark)
    metric = bench.metric(result.metric) if bench else None
    config: dict[str, Any] = {"metric_id": f"{result.benchmark}/{result.metric}",
                              "metric_name": metric.name if metric else result.metric,
                              "lower_is_better": not metric.higher_is_better if metric else False,
                              "score_type": "continuous"}
    if metric:
        config.update(metric_unit=metric.unit, min_score=metric.min, max_score=metric.max)
    if result.re_evaluation and result.re_evaluation.judge:
        config["additional_details"] = {"judge": result.re_evaluation.judge}
    details = {"split": result.split, "setting": result.setting, "source": _source_text(result)}
    if result.note:
        details["note"] = result.note
    return {
        "evaluation_result_id": f"{result.benchmark}/{result.split}/{result.metric}",
        "evaluation_name": f"{bench.name if bench else result.benchmark} ({result.split})",
        "source_data": {"dataset_name": bench.name if bench else result.benchmark, "source_type": "other",
                        "additional_details": {"vlkb_benchmark": result.benchmark}},
        "metric_config": config,
        "score_details": {"score": result.value, "details": details},
    }


def eee_jsonl(catalog: Catalog, papers: list[Paper]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n" for record in eee_records(catalog, papers))


def model_index(catalog: Catalog, paper: Paper) -> dict[str, Any]:
    """The model-index block of one paper: every result row, unverified, with its source."""
    rows = []
    for result in paper.results:
        bench = catalog.benchmarks.get(result.benchmark)
        metric = bench.metric(result.metric) if bench else None
        rows.append({
            "task": {"type": bench.task if bench else "unknown"},
            "dataset": {"name": bench.name if bench else result.benchmark,
                        "type": bench.hub_dataset.id if bench and bench.hub_dataset else result.benchmark,
                        "split": result.split},
            "metrics": [{"type": result.metric, "name": metric.name if metric else result.metric,
                         "value": result.value, "verified": False}],
            "source": {"name": f"{result.provenance} ({result.variant})", "url": result.source.web_url()},
        })
    return {"model-index": [{"name": paper.short_name or paper.id, "results": rows}]}


def model_index_yaml(catalog: Catalog, papers: list[Paper]) -> str:
    """One YAML document per paper with results, separated by `---`."""
    documents = [yaml.dump(model_index(catalog, paper), Dumper=_DUMPER, sort_keys=False, allow_unicode=True)
                 for paper in papers if paper.results]
    return "---\n" + "---\n".join(documents) if documents else ""
