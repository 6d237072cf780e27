"""`vlkb export --format FMT [filters] [-o FILE]`: the catalog or a filtered part, in a format tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vlkb.outputs.exports import FORMATS, Selection, export_catalog
from vlkb.checks.validation import validate_catalog


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write the catalog as BibTeX, CSV, JSON or GraphML",
        description="Export the whole catalog or the papers the filters select. Filters combine with AND.",
        epilog="example: vlkb export --format bibtex --leaf vision-to-text/video-to-text --year-from 2024 -o video.bib")
    parser.add_argument("--format", required=True, choices=FORMATS,
                        help="bibtex, csv (one row per paper), json, graphml (knowledge graph), "
                             "results-csv (one row per benchmark result)")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    group = parser.add_argument_group("filters")
    where = group.add_mutually_exclusive_group()
    where.add_argument("--stream", dest="taxonomy", metavar="STREAM", help="a stream id, e.g. vision-to-action")
    where.add_argument("--leaf", dest="taxonomy", metavar="PATH",
                       help="a taxonomy path: a leaf, or a category to take every leaf below it")
    group.add_argument("--venue", help="venue id, e.g. cvpr or arxiv")
    group.add_argument("--year", type=int, help="year of the first public version")
    group.add_argument("--year-from", type=int, help="first year, inclusive")
    group.add_argument("--year-to", type=int, help="last year, inclusive")
    group.add_argument("--kind", help="paper kind: model, method, benchmark, dataset, survey, analysis, framework")
    code = group.add_mutually_exclusive_group()
    code.add_argument("--has-code", dest="has_code", action="store_const", const=True, help="only papers with code")
    code.add_argument("--no-code", dest="has_code", action="store_const", const=False,
                      help="only papers without released code")
    group.add_argument("--component", help="papers using this component id (vision encoder or language model)")
    group.add_argument("--benchmark", help="papers with results on this benchmark id")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog, problems = validate_catalog(args.catalog)
    if problems:
        print(f"{args.catalog}: {len(problems)} problem(s); run `vlkb validate {args.catalog}` and fix them "
              "before exporting", file=sys.stderr)
        return 1
    if args.taxonomy and catalog.taxonomy and args.taxonomy.strip("/") not in catalog.taxonomy.nodes():
        print(f"--leaf/--stream {args.taxonomy}: no such node in {args.catalog}/taxonomy.yaml", file=sys.stderr)
        return 2
    selection = Selection(
        taxonomy=args.taxonomy.strip("/") if args.taxonomy else None, venue=args.venue,
        year_from=args.year if args.year is not None else args.year_from,
        year_to=args.year if args.year is not None else args.year_to,
        kind=args.kind, has_code=args.has_code, component=args.component, benchmark=args.benchmark,
    )
    text = export_catalog(catalog, args.format, selection)
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
