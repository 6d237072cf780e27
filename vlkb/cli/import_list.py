"""`vlkb import-list FILE.md --source OWNER/REPO@COMMIT`: which rows of an awesome list the catalog lacks.

Reads the list's markdown tables (the companion list's format and BradyFU's), matches each row to the
catalog by arXiv id and normalised title, and prints the rows it lacks with their line. With `--draft
--leaf LEAF` it writes each missing row as an unconfirmed draft record; `vlkb validate` checks it and
its review note says what to confirm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from vlkb.cli.fmt import schema_ref_for
from vlkb.contrib.awesome_tables import parse_rows
from vlkb.contrib.canonical_yaml import dump_record
from vlkb.contrib.list_import import draft_id, draft_record, match_rows, row_date
from vlkb.loading.catalog import load_catalog
from vlkb.schema import Source

SOURCE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+)@([0-9a-f]{40})$")
MAX_LIST_BYTES = 20 * 1024 * 1024


def _source(text: str) -> tuple[str, str]:
    match = SOURCE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not OWNER/REPO@COMMIT with the full 40-digit commit")
    return match.group(1), match.group(2)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-list", help="rows of an awesome list that the catalog lacks",
        description="Match every table row of an awesome-list README to the catalog (by arXiv id, then by "
                    "normalised title) and report the rows it lacks; --draft writes them as unconfirmed records.",
        epilog="example: vlkb import-list README.md --source BradyFU/Awesome-Multimodal-Large-Language-Models@"
               "2d26f04c6756fa92babe8b4b3b3f167f838bf0df --draft --leaf vision-to-text/image-to-text/general-domain/"
               "general-ability --since 2026-01-01")
    parser.add_argument("list", type=Path, metavar="FILE.md", help="the list's README, as downloaded")
    parser.add_argument("--source", type=_source, required=True, metavar="OWNER/REPO@COMMIT",
                        help="where the file comes from: the list's repository and the full commit")
    parser.add_argument("--path", default="README.md", help="the file's path inside that repository (default: README.md)")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("--since", type=dt.date.fromisoformat, help="only rows dated on or after YYYY-MM-DD")
    parser.add_argument("--draft", action="store_true", help="write each missing row as a draft record")
    parser.add_argument("--leaf", help="taxonomy leaf for the drafts (required with --draft)")
    parser.add_argument("--added", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.list.is_file():
        print(f"{args.list}: no such file", file=sys.stderr)
        return 2
    if args.list.stat().st_size > MAX_LIST_BYTES:
        print(f"{args.list}: larger than {MAX_LIST_BYTES // (1024 * 1024)} MiB; is it a list README?", file=sys.stderr)
        return 2
    catalog, problems = load_catalog(args.catalog, facts_only=True)
    if args.draft and (catalog.taxonomy is None or args.leaf not in catalog.taxonomy.leaves()):
        known = "see catalog/taxonomy.yaml" if catalog.taxonomy is None else "e.g. " + sorted(catalog.taxonomy.leaves())[0]
        print(f"--draft needs --leaf with a taxonomy leaf ({known})", file=sys.stderr)
        return 2
    rows = parse_rows(args.list)
    if args.since:
        rows = [row for row in rows if (row_date(row) or (dt.date.min, ""))[0] >= args.since]
    matches = match_rows(rows, catalog)
    missing = [m for m in matches if m.record is None]
    for m in missing:
        arxiv = f"arXiv {m.arxiv}" if m.arxiv else "no arXiv link"
        print(f"{args.list}:{m.row.line}: not in the catalog: {m.row.title} ({arxiv}, {m.row.date or 'no date'})")
    by = {how: sum(m.how == how for m in matches) for how in ("arxiv", "title")}
    print(f"{len(matches)} row(s): {by['arxiv']} in the catalog by arXiv id, {by['title']} by title, {len(missing)} missing")
    if not args.draft:
        return 0
    repository, commit = args.source
    source = Source(repository=repository, path=args.path, commit=commit,
                    note="an awesome list: facts to confirm on the paper itself")
    taken = set(catalog.facts) | {stem for _, stem in catalog.broken}
    written = skipped = 0
    for m in missing:
        record_id = draft_id(m.row, taken)
        paper = draft_record(m, record_id, args.leaf, source, args.added or dt.date.today())
        if paper is None:
            print(f"{args.list}:{m.row.line}: not drafted: its date '{m.row.date}' is not YYYY-MM-DD or YYYY-MM",
                  file=sys.stderr)
            skipped += 1
            continue
        path = args.catalog / "papers" / f"{record_id}.yaml"
        text = dump_record(paper, "paper", schema_ref_for(path, "paper", ""))
        path.write_text(text, encoding="utf-8")
        taken.add(record_id)
        written += 1
        print(f"drafted {path.as_posix()}")
    print(f"{written} draft(s) written, {skipped} skipped; run vlkb validate, then confirm each draft's facts "
          "(its review note says which)")
    return 0
