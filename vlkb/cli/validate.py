"""`vlkb validate [PATHS]`: every problem of the catalog at once, as text, JSON or GitHub annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vlkb.checks.validation import validate_paths


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check records against the schema and each other",
                                   description="Check catalog records; exit 1 if any problem is found.")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("catalog")],
                        help="catalog folder or record files (default: catalog)")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text",
                        help="text (file:line:col: field: message), json, or GitHub workflow annotations")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    report = validate_paths(args.paths)
    output = report.render(args.format)
    if output:
        print(output)
    print(report.summary(), file=sys.stderr)
    return 1 if report.problems else 0
