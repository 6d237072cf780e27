"""Run the whole bootstrap: list + verification + enrichment -> validated records in a folder.

Deterministic: the same inputs write the same bytes (rows in file order, ids assigned in that order,
the canonical YAML writer). Enrichment files (scripts/bootstrap/enrichment/*.yaml) add architectures,
results, lineage and summaries to listed papers (matched by arXiv id) or add whole records for
representative models the list lacks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from vlkb.contrib.awesome_tables import parse_rows
from awesome_import.build_records import apply_manual_fixes, assign_ids, build_record, group_rows
from awesome_import.verification import load_verification
from vlkb.contrib.canonical_yaml import dump_record
from vlkb.schema import Paper, Venues

ENRICHED_FIELDS = ("architecture", "results", "builds_on", "summary")


@dataclass
class ImportReport:
    rows: int = 0
    records: int = 0
    from_enrichment: int = 0
    enriched: int = 0
    invalid: list[str] = field(default_factory=list)
    unresolved_lineage: list[str] = field(default_factory=list)


def run_import(readme: Path, verification_dir: Path, enrichment_dir: Path | None, venues_file: Path,
               out_dir: Path, added: dt.date, manual_fixes: Path | None = None,
               summaries: Path | None = None, v1_dates: Path | None = None) -> ImportReport:
    """Write one record per paper into `out_dir` (created; existing .yaml files there are replaced)."""
    venues = Venues.model_validate(yaml.safe_load(venues_file.read_text(encoding="utf-8")))
    rows = parse_rows(readme)
    checks = load_verification(verification_dir)
    drafts = group_rows(rows, checks)
    dates = {}
    if v1_dates and v1_dates.is_file():
        dates = {str(arxiv): (entry["date"], entry["source"])
                 for arxiv, entry in (yaml.safe_load(v1_dates.read_text(encoding="utf-8")) or {}).items()}
    records = [build_record(draft, venues, added, dates) for draft in drafts]
    if manual_fixes and manual_fixes.is_file():
        apply_manual_fixes(drafts, records, yaml.safe_load(manual_fixes.read_text(encoding="utf-8")) or [])
    ids = assign_ids(drafts, records)
    by_id: dict[str, dict[str, Any]] = {}
    for record_id, record in zip(ids, records):
        by_id[record_id] = {"id": record_id, **record}
    report = ImportReport(rows=len(rows))
    if enrichment_dir and enrichment_dir.is_dir():
        _merge_enrichment(by_id, enrichment_dir, report)
    if summaries and summaries.is_file():
        for record_id, text in (yaml.safe_load(summaries.read_text(encoding="utf-8")) or {}).items():
            if record_id in by_id and not by_id[record_id].get("summary"):
                by_id[record_id]["summary"] = " ".join(str(text).split())
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.yaml"):
        stale.unlink()
    for record_id in sorted(by_id):
        try:
            paper = Paper.model_validate(by_id[record_id])
        except ValidationError as error:
            report.invalid.append(f"{record_id}: {error.errors()[0]['loc']} {error.errors()[0]['msg']}")
            continue
        (out_dir / f"{record_id}.yaml").write_text(dump_record(paper, "paper"), encoding="utf-8")
        report.records += 1
    return report


def _merge_enrichment(by_id: dict[str, dict[str, Any]], folder: Path, report: ImportReport) -> None:
    by_arxiv = {record["arxiv"]: record_id for record_id, record in by_id.items() if record.get("arxiv")}
    pending_lineage: list[tuple[str, list[str]]] = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        arxiv = str(data["arxiv"]) if data.get("arxiv") else None
        target = by_arxiv.get(arxiv) if arxiv else None
        if target is None and data.get("id") in by_id and not data.get("title"):
            target = data["id"]
        if target is not None:
            record = by_id[target]
            for key in ENRICHED_FIELDS:
                if data.get(key):
                    record[key] = data[key]
            report.enriched += 1
        elif data.get("id") and data.get("title"):
            target = str(data["id"])
            if target in by_id:
                report.invalid.append(f"{path.name}: id '{target}' is already a listed paper; give arxiv to merge")
                continue
            by_id[target] = {key: value for key, value in data.items()}
            if arxiv:
                by_arxiv[arxiv] = target
            report.from_enrichment += 1
        else:
            report.invalid.append(f"{path.name}: matches no listed paper (arxiv {arxiv}) and is not a full record")
            continue
        pending_lineage.append((target, list(by_id[target].get("builds_on") or [])))
    for target, refs in pending_lineage:
        resolved = []
        for ref in refs:
            ref = str(ref)
            parent = by_arxiv.get(ref.removeprefix("arxiv:")) if ref.startswith("arxiv:") else ref
            if parent and parent in by_id and parent != target:
                resolved.append(parent)
            else:
                report.unresolved_lineage.append(f"{target} -> {ref}")
        by_id[target]["builds_on"] = sorted(set(resolved), key=resolved.index)
