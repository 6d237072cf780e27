"""`vlkb export --format FMT [filters] [-o FILE]`: the catalog or a filtered part, in a format tools read."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import get_args

from vlkb.outputs.exports import BINARY_FORMATS, FORMATS, Selection, export_bytes, export_catalog
from vlkb.checks.validation import validate_catalog
from vlkb.loading.catalog import Catalog
from vlkb.schema.paper import PaperKind


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write the catalog as BibTeX, CSV, JSON or GraphML",
        description="Export the whole catalog or the papers the filters select. Filters combine with AND.",
        epilog="example: vlkb export --format bibtex --leaf vision-to-text/video-to-text --year-from 2024 -o video.bib")
    parser.add_argument("--format", required=True, choices=FORMATS,
                        help="bibtex, csv (one row per paper), json, graphml (knowledge graph), "
                             "results-csv (one row per benchmark result), every-eval-ever (JSON lines), model-index (YAML), "
                             "eval-results (zip of Hugging Face .eval_results files, with -o), TABLE-parquet (a table as Parquet, "
                             "with -o), croissant (Croissant metadata of the Parquet tables)")
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
    group.add_argument("--id", dest="ids", action="append", default=[], metavar="ID",
                       help="this paper's record id (repeat for more), e.g. --id llava --id blip-2")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    catalog, problems = validate_catalog(args.catalog)
    if problems:
        print(f"{args.catalog}: {len(problems)} problem(s); run `vlkb validate {args.catalog}` and fix them "
              "before exporting", file=sys.stderr)
        return 1
    unknown = _unknown_filter(args, catalog) or _unknown_id(args, catalog)
    if unknown:
        print(f"vlkb export: {unknown}", file=sys.stderr)
        return 2
    selection = Selection(
        taxonomy=args.taxonomy.strip("/") if args.taxonomy else None, venue=args.venue,
        year_from=args.year if args.year is not None else args.year_from,
        year_to=args.year if args.year is not None else args.year_to,
        kind=args.kind, has_code=args.has_code, component=args.component, benchmark=args.benchmark,
        ids=tuple(args.ids),
    )
    if args.format in BINARY_FORMATS:  # binary: a file, never the terminal
        if not args.output:
            suffix = "zip" if args.format == "eval-results" else "parquet"
            print(f"vlkb export: {args.format} is binary; write it to a file with -o FILE.{suffix}", file=sys.stderr)
            return 2
        args.output.write_bytes(export_bytes(catalog, args.format, selection))
        print(f"wrote {args.output}", file=sys.stderr)
        return 0
    text = export_catalog(catalog, args.format, selection)
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _unknown_filter(args: argparse.Namespace, catalog: Catalog) -> str | None:
    """What is wrong with the first filter whose value names nothing in the catalog, or None.

    An unknown value would select no paper and print only a header: a typo (`--venue nips`) must not look
    like an empty result.
    """
    root = args.catalog.as_posix().rstrip("/")
    filters = [
        ("--leaf/--stream", args.taxonomy.strip("/") if args.taxonomy else None,
         catalog.taxonomy.nodes() if catalog.taxonomy else {}, f"a node of {root}/taxonomy.yaml"),
        ("--venue", args.venue, catalog.venues.ids if catalog.venues else (), f"a venue id of {root}/venues.yaml"),
        ("--kind", args.kind, get_args(PaperKind), "a paper kind (" + ", ".join(get_args(PaperKind)) + ")"),
        ("--component", args.component, catalog.components, f"a component id in {root}/components/"),
        ("--benchmark", args.benchmark, catalog.benchmarks, f"a benchmark id in {root}/benchmarks/"),
    ]
    for option, value, known, what in filters:
        if value is None or value in known:
            continue
        message = f"{option} {value}: not {what}"
        resolved = catalog.venues.resolve(value)[0] if option == "--venue" and catalog.venues else None
        close = [resolved] if resolved else difflib.get_close_matches(value, sorted(known), n=1) \
            or sorted(k for k in known if value in k)[:3]
        return message + (f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "")
    return None


def _unknown_id(args: argparse.Namespace, catalog: Catalog) -> str | None:
    """What is wrong with the first --id that names no paper record, or None."""
    for paper_id in getattr(args, "ids", []):
        if paper_id not in catalog.papers:
            close = difflib.get_close_matches(paper_id, sorted(catalog.papers), n=1)
            return (f"--id {paper_id}: not a paper id in {args.catalog.as_posix().rstrip('/')}/papers/"
                    + (f"; did you mean {close[0]!r}?" if close else ""))
    return None
