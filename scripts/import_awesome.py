#!/usr/bin/env python3
"""Bootstrap catalog/papers from the awesome-VLLMs list snapshot (issue 3); re-runnable, deterministic.

    python scripts/import_awesome.py --out catalog/papers

Inputs: the list snapshot (../shared/sources/awesome-vllms/README.md), verification data
(scripts/bootstrap/authors/), enrichment (scripts/bootstrap/enrichment/). After the bootstrap the YAML
records are the source of truth: re-running replaces every record in --out, so edit records, not this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts" / "bootstrap")]  # vlkb, and the bootstrap code beside its inputs

from awesome_import.importer import run_import  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", type=Path, default=REPO.parent / "shared/sources/awesome-vllms/README.md")
    parser.add_argument("--verification", type=Path, default=REPO / "scripts/bootstrap/authors")
    parser.add_argument("--enrichment", type=Path, default=REPO / "scripts/bootstrap/enrichment")
    parser.add_argument("--manual-fixes", type=Path, default=REPO / "scripts/bootstrap/manual_fixes.yaml")
    parser.add_argument("--summaries", type=Path, default=REPO / "scripts/bootstrap/summaries.yaml")
    parser.add_argument("--v1-dates", type=Path, default=REPO / "scripts/bootstrap/v1_dates.yaml")
    parser.add_argument("--venues", type=Path, default=REPO / "catalog/venues.yaml")
    parser.add_argument("--out", type=Path, required=True, help="folder for the paper records")
    parser.add_argument("--added", type=dt.date.fromisoformat, default=dt.date(2026, 11, 26),
                        help="the 'added' date of the records (fixed so re-runs write the same bytes)")
    args = parser.parse_args()
    if not args.list.is_file():
        print(f"list snapshot not found: {args.list}", file=sys.stderr)
        return 2
    report = run_import(args.list, args.verification, args.enrichment, args.venues, args.out, args.added,
                        args.manual_fixes, args.summaries, args.v1_dates)
    print(f"{report.rows} list rows -> {report.records} records written to {args.out} "
          f"({report.enriched} enriched, {report.from_enrichment} added from enrichment)")
    for line in report.invalid:
        print(f"not written: {line}", file=sys.stderr)
    for line in report.unresolved_lineage:
        print(f"lineage not resolved: {line}", file=sys.stderr)
    return 1 if report.invalid else 0


if __name__ == "__main__":
    raise SystemExit(main())
