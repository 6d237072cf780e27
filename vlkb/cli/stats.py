"""`vlkb stats`: the data-quality report (counts per stream and leaf, completeness, review flags)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from vlkb.loading.problems import format_problems
from vlkb.outputs.quality import corrections_markdown, quality_report, stats_text
from vlkb.checks.validation import validate_catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="data-quality report of the catalog")
    parser.add_argument("catalog", nargs="?", type=Path, default=Path("catalog"), help="catalog folder")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--corrections", action="store_true",
                        help="print catalog/CORRECTIONS.md (the corrections made to the source list)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog, problems = validate_catalog(args.catalog)
    if problems:
        print(format_problems(problems, "text"), file=sys.stderr)
        print("the report covers only the records that validate", file=sys.stderr)
    if args.corrections:
        sys.stdout.write(corrections_markdown(catalog))
        return 0
    report = quality_report(catalog)
    print(json.dumps(asdict(report), indent=2, ensure_ascii=False) if args.format == "json" else stats_text(report))
    return 0
