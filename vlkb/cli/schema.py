"""`vlkb schema [--out DIR] [--check]`: export the records' JSON Schemas (committed under catalog/schema/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vlkb.outputs.json_schema import SCHEMA_MODELS, schema_text, write_schemas


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="write the JSON Schemas of the records")
    parser.add_argument("--out", type=Path, default=Path("catalog/schema"), help="folder to write into (default: catalog/schema)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the folder differs from the models")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = [name for name in SCHEMA_MODELS
                 if not (args.out / f"{name}.schema.json").is_file()
                 or (args.out / f"{name}.schema.json").read_text(encoding="utf-8") != schema_text(name)]
        for name in stale:
            print(f"{args.out / (name + '.schema.json')} is out of date", file=sys.stderr)
        if stale:
            print(f"fix: vlkb schema --out {args.out}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(path)
    return 0
