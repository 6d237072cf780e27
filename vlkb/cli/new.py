"""`vlkb new`: scaffold a paper record from the facts a contributor gives, then validate it.

Nothing is guessed: every value in the new file comes from an option, or, for the title, authors and
first-version date of an `--arxiv` paper left out, from arXiv's own listing (vlkb.contrib.arxiv_lookup).
The record is refused, naming the existing file, when its id, arXiv id or title is already in the catalog.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic import ValidationError

from vlkb.contrib.arxiv_lookup import LookupUnavailable, lookup
from vlkb.contrib.canonical_yaml import dump_record
from vlkb.loading.catalog import load_catalog
from vlkb.loading.titles import normalised_title
from vlkb.cli.fmt import schema_ref_for
from vlkb.schema import Authors, Links, Paper, Source
from vlkb.checks.validation import validate_catalog

_HINTS = {
    "id": " (lower-case letters and digits joined by single hyphens, e.g. llava-1-5)",
    "arxiv": " (the id without version, e.g. 2304.08485)",
    "doi": " (without https://doi.org/, e.g. 10.1109/TPAMI.2024.3369699)",
    "taxonomy": " (a leaf path of catalog/taxonomy.yaml)",
}
KINDS = ("model", "method", "benchmark", "dataset", "survey", "analysis", "framework")


def _day(text: str) -> dt.date:
    """argparse type: a real calendar date, with a message a contributor can act on."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a real date; write YYYY-MM-DD, e.g. 2023-04-17") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="scaffold a paper record",
        description="Write catalog/papers/<id>.yaml from the facts you give, with the schema line for editor "
                    "completion, and validate it. Refuses an id, arXiv id or title already in the catalog.",
        epilog="example: vlkb new --arxiv 2304.08485 --id llava --title 'Visual Instruction Tuning' "
               "--date 2023-04-17 --leaf vision-to-text/image-to-text/general-domain/general-ability")
    parser.add_argument("--id", required=True, help="record id: lower-case words joined by '-', e.g. llava-1-5")
    parser.add_argument("--title", help="the paper's title exactly as published (looked up when --arxiv is given)")
    parser.add_argument("--date", type=_day,
                        help="first public version, YYYY-MM-DD (arXiv v1 date; looked up when --arxiv is given)")
    parser.add_argument("--leaf", required=True, action="append", dest="leaves", metavar="LEAF",
                        help="taxonomy leaf path (repeat for several), e.g. vision-to-text/video-to-text/general-domain")
    parser.add_argument("--arxiv", help="arXiv id without version, e.g. 2304.08485; the title, authors and v1 date "
                                        "you leave out are read from arXiv's API (when the network is there)")
    parser.add_argument("--kind", choices=KINDS, default="model", help="what the paper mainly contributes (default: model)")
    parser.add_argument("--short-name", help="the name the field uses, e.g. LLaVA-1.5")
    parser.add_argument("--venue", default="arxiv", help="venue id from venues.yaml (default: arxiv)")
    parser.add_argument("--venue-year", type=int, help="year of the venue edition (not for arxiv)")
    parser.add_argument("--doi", help="DOI without https://doi.org/")
    parser.add_argument("--author", action="append", dest="authors", default=[], metavar="NAME",
                        help="an author, in order (repeat the option)")
    parser.add_argument("--authors-source", action="append", dest="authors_sources", default=[], metavar="URL",
                        help="page the author list was read from (e.g. the arXiv abstract page); repeat for two "
                             "agreeing pages")
    parser.add_argument("--authors-confirmed", action="store_true",
                        help="the list was read from an authoritative page (the paper, arXiv, proceedings)")
    parser.add_argument("--code", help="official code repository URL (sets code_status: released)")
    parser.add_argument("--project", help="project page URL")
    parser.add_argument("--paper-url", help="link to the paper (default: the arXiv abstract page)")
    parser.add_argument("--input", nargs="+", default=[], metavar="MODALITY", help="input modalities, e.g. image text")
    parser.add_argument("--output", nargs="+", default=[], metavar="MODALITY", help="output modalities, e.g. text")
    parser.add_argument("--summary", help="one or two sentences in your own words (never the abstract)")
    parser.add_argument("--review", action="append", default=[], metavar="TEXT",
                        help="an open question for reviewers, e.g. 'venue not yet confirmed' (repeatable)")
    parser.add_argument("--builds-on", nargs="+", default=[], metavar="ID", help="ids of records this work extends")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("--added", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--stdout", action="store_true", help="print the record instead of writing it")
    parser.set_defaults(run=run)


def _build(args: argparse.Namespace) -> Paper:
    paper_url = args.paper_url or (f"https://arxiv.org/abs/{args.arxiv}" if args.arxiv else None)
    if args.authors_confirmed and not args.authors_sources:
        raise SystemExit("vlkb new: --authors-confirmed needs --authors-source (the page the names were read from)")
    sources = [Source(url=url) for url in args.authors_sources]
    authors = Authors(names=args.authors, status="confirmed" if args.authors_confirmed else "unconfirmed",
                      sources=sources)
    links = Links(paper=paper_url, code=args.code, code_status="released" if args.code else "unknown",
                  project=args.project)
    return Paper(
        id=args.id, title=args.title, short_name=args.short_name, kind=args.kind, authors=authors, date=args.date,
        venue=args.venue, venue_year=args.venue_year, arxiv=args.arxiv, doi=args.doi, links=links,
        taxonomy=args.leaves, input_modalities=args.input, output_modalities=args.output, builds_on=args.builds_on,
        summary=args.summary, review=args.review, added=args.added or dt.date.today(),
    )


def _fill_from_arxiv(args: argparse.Namespace) -> str | None:
    """Fill the title, authors and date left out from arXiv's listing; an error message when that fails."""
    if not args.arxiv or (args.title and args.date and args.authors):
        return None if args.title and args.date else "give --title and --date (or --arxiv ID to look them up)"
    try:
        found = lookup(args.arxiv)
    except LookupUnavailable as error:
        if args.title and args.date:
            print(f"vlkb new: {error}; the authors stay as given", file=sys.stderr)
            return None
        return (f"{error}. Give the facts yourself, read on https://arxiv.org/abs/{args.arxiv}: vlkb new --arxiv "
                f"{args.arxiv} --id ID --title 'TITLE' --date YYYY-MM-DD --author 'NAME' [--author ...] "
                "--authors-source URL --authors-confirmed --leaf LEAF")
    filled = [name for name, missing in (("title", not args.title), ("date", not args.date),
                                         ("authors", not args.authors)) if missing]
    args.title = args.title or found.title
    args.date = args.date or found.first_version
    if not args.authors:  # arXiv's listing is the paper's own author list: authoritative
        args.authors, args.authors_confirmed = list(found.authors), True
        args.authors_sources = [found.abstract_url, *args.authors_sources]
    print(f"vlkb new: read {', '.join(filled)} from arXiv's listing of {args.arxiv}", file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    problem = _fill_from_arxiv(args)
    if problem:
        print(f"vlkb new: {problem}", file=sys.stderr)
        return 2
    try:
        paper = _build(args)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            # a rule across fields (its own id in --builds-on, the same --leaf twice) has no location
            where = ".".join(str(part) for part in item["loc"]) or "record"
            hint = _HINTS.get(str(item["loc"][0]), "") if item["loc"] else ""
            print(f"vlkb new: {where}: {item['msg'].removeprefix('Value error, ')}{hint}", file=sys.stderr)
        return 1
    if not (args.catalog / "taxonomy.yaml").is_file():
        print(f"vlkb new: {args.catalog} is not a catalog folder (no taxonomy.yaml); run it from the repository "
              "root or pass --catalog PATH", file=sys.stderr)
        return 2
    catalog, _ = load_catalog(args.catalog)
    path = args.catalog / "papers" / f"{paper.id}.yaml"
    clash = _existing(catalog, paper, args.catalog)
    if clash or path.exists():
        print(f"vlkb new: {clash or f'{path} already exists'}; edit that record instead", file=sys.stderr)
        return 1
    text = dump_record(paper, "paper", schema_ref_for(path, "paper", ""))
    if args.stdout:
        print(text, end="")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    _, problems = validate_catalog(args.catalog)
    mine = [p for p in problems if p.file.endswith(f"papers/{paper.id}.yaml")]
    if mine:
        path.unlink()
        for problem in mine:
            print(problem.as_text(), file=sys.stderr)
        print("vlkb new: not written; fix the options above and run it again", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    todo = []
    if not paper.authors.names:
        todo.append("authors (names in order, a source, status)")
    elif paper.authors.status == "unconfirmed":
        todo.append("confirm the authors on an authoritative page, then set status: confirmed")
    if paper.links.code_status == "unknown":
        todo.append("links.code / code_status")
    if not paper.input_modalities:
        todo.append("input_modalities / output_modalities")
    todo.append("architecture, results and summary where you have sources (see CONTRIBUTING.md)")
    print("next: " + "; ".join(todo), file=sys.stderr)
    return 0


def _existing(catalog, paper: Paper, root: Path) -> str | None:
    """Why `paper` is already in the catalog, naming the record, or None."""
    def where(record_id: str) -> str:
        return f"catalog record '{record_id}' ({root / 'papers' / (record_id + '.yaml')})"
    if paper.id in catalog.papers:
        return f"id '{paper.id}' is taken by {where(paper.id)}"
    title_key = normalised_title(paper.title)
    for other in catalog.papers.values():
        if paper.arxiv and other.arxiv == paper.arxiv:
            return f"arXiv {paper.arxiv} is already {where(other.id)}"
        if paper.doi and other.doi and other.doi.casefold() == paper.doi.casefold():
            return f"DOI {paper.doi} is already {where(other.id)}"
        if normalised_title(other.title) == title_key:
            return f"the title is already {where(other.id)}"
    return None
