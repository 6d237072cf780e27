"""`vlkb import-bibtex FILE.bib`: draft paper records from BibTeX entries.

Drafts hold only what the entries state; `vlkb validate` then lists, per file and line, the facts
still to fill in (the day of the first version, the kind, the taxonomy leaf). Duplicates of
catalog records and entries that fail to parse are reported with their line and not written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from vlkb.contrib.bibtex_in import import_bibtex
from vlkb.contrib.canonical_yaml import dump_record
from vlkb.loading.catalog import load_catalog
from vlkb.cli.fmt import schema_ref_for
from vlkb.cli.new import KINDS

MAX_BIB_BYTES = 5 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-bibtex", help="draft paper records from a .bib file",
        description="Turn BibTeX entries into draft records in catalog/papers/. Duplicates of catalog records "
                    "and broken entries are reported with their line, not written.")
    parser.add_argument("bib", type=Path, metavar="FILE.bib", help="the BibTeX file")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("--leaf", help="taxonomy leaf for every imported entry (else each draft needs one)")
    parser.add_argument("--kind", choices=KINDS, help="kind for every imported entry (else each draft needs one)")
    parser.add_argument("--authoritative-url", metavar="URL",
                        help="where this .bib was downloaded from, when that page is authoritative for authors "
                             "(the publisher's or arXiv's own export); then authors are written as confirmed")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    parser.add_argument("--added", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        raw = args.bib.read_bytes()
    except OSError as error:
        print(f"{args.bib}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    if len(raw) > MAX_BIB_BYTES:
        print(f"{args.bib}: {len(raw)} bytes is over the {MAX_BIB_BYTES}-byte limit; split the file", file=sys.stderr)
        return 1
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        print(f"{args.bib}:{line}: not valid UTF-8; save the file as UTF-8", file=sys.stderr)
        return 1
    catalog, problems = load_catalog(args.catalog)
    if catalog.taxonomy is None:
        print(f"{args.catalog}: not a catalog (taxonomy.yaml missing or broken)", file=sys.stderr)
        return 1
    if args.leaf and args.leaf not in catalog.taxonomy.leaves():
        print(f"--leaf {args.leaf}: not a leaf of {args.catalog}/taxonomy.yaml", file=sys.stderr)
        return 1
    if args.authoritative_url and not re.match(r"^https?://[^\s/]+\.[^\s]+$", args.authoritative_url):
        print(f"--authoritative-url {args.authoritative_url}: give the http(s) address of the page", file=sys.stderr)
        return 2
    report = import_bibtex(text, catalog, source_name=args.bib.name, today=args.added or dt.date.today(),
                           leaf=args.leaf, kind=args.kind, authoritative_url=args.authoritative_url)
    for draft in report.drafts:
        path = args.catalog / "papers" / f"{draft.record.id}.yaml"
        if path.exists():  # never overwrite, even a file the catalog could not load
            print(f"{args.bib}:{draft.line}: entry '{draft.entry_key}' not written: {path} exists", file=sys.stderr)
            continue
        if not args.dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_record(draft.record, "paper", schema_ref_for(path, "paper", "")),
                            encoding="utf-8", newline="\n")
        needs = f" (fill in: {', '.join(draft.missing)})" if draft.missing else ""
        print(f"{'would write' if args.dry_run else 'wrote'} {path} from {args.bib}:{draft.line} "
              f"@{draft.entry_key}{needs}")
    for skipped in sorted(report.skipped, key=lambda s: s.line):
        print(f"{args.bib}:{skipped.line}: entry '{skipped.entry_key}' not imported: {skipped.reason}", file=sys.stderr)
    failures = [s for s in report.skipped if not s.reason.startswith("duplicate of")]
    duplicates = len(report.skipped) - len(failures)
    print(f"{len(report.drafts)} draft(s), {duplicates} duplicate(s), {len(failures)} entr(y/ies) failed; "
          f"next: complete each draft (its review: list says what to check), then run vlkb fmt and vlkb validate",
          file=sys.stderr)
    return 1 if failures else 0
