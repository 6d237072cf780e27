"""Checks across records: uniqueness, references, lineage, ranges and dates.

Each check names the record and the field it found wrong; none of them stops the others. Every check
reads papers as `PaperFacts` (`catalog.facts`), which the loader makes in every mode: a check that needs
another field adds it to `vlkb.loading.paper_facts`, so `vlkb validate` and the site build see the same.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import re
from collections import defaultdict
from typing import Any, Iterator

from vlkb.loading.catalog import Catalog
from vlkb.loading.problems import Problem
from vlkb.loading.paper_facts import PaperFacts, ResultFacts


ARXIV_GRACE_DAYS = 3
_ARXIV_MONTH = re.compile(r"^(\d{2})(\d{2})\.")
MAX_SUGGESTIONS_PER_RECORD = 20
"""'did you mean' hints per record: each compares a word with every id (difflib), so a record naming thousands
of unknown ids would cost seconds; past the limit the hint names the folder instead."""


class _Suggestions:
    """The 'did you mean' hints of one record, at most MAX_SUGGESTIONS_PER_RECORD of them."""

    def __init__(self) -> None:
        self.left = MAX_SUGGESTIONS_PER_RECORD

    def hint(self, word: str, choices: Any, otherwise: str) -> str:
        if self.left <= 0:
            return otherwise
        self.left -= 1
        close = difflib.get_close_matches(word, list(choices), n=1)
        return f"did you mean '{close[0]}'?" if close else otherwise


def arxiv_month(arxiv_id: str) -> dt.date | None:
    """First day of the month encoded in a new-style arXiv id (2310.03744 -> 2023-10-01)."""
    return _month_of_prefix(arxiv_id[:5])


def arxiv_v1_window(arxiv_id: str) -> tuple[dt.date, dt.date] | None:
    """The dates an arXiv v1 can have: the id's month, plus grace days before it (an id's month is
    that of arXiv's announcement cycle; a paper sent on 2024-11-30 can carry a 2412 id)."""
    return _window_of_prefix(arxiv_id[:5])


@functools.lru_cache(maxsize=1024)  # ids share a few hundred months; a large catalog asks once per paper
def _month_of_prefix(prefix: str) -> dt.date | None:
    match = _ARXIV_MONTH.match(prefix)
    if not match:
        return None
    return dt.date(2000 + int(match.group(1)), int(match.group(2)), 1)


@functools.lru_cache(maxsize=1024)
def _window_of_prefix(prefix: str) -> tuple[dt.date, dt.date] | None:
    month = _month_of_prefix(prefix)
    if month is None:
        return None
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return month - dt.timedelta(days=ARXIV_GRACE_DAYS), following - dt.timedelta(days=1)


def check_catalog(catalog: Catalog, today: dt.date | None = None) -> list[Problem]:
    """Every cross-record problem of a loaded catalog."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    problems += _unique_identifiers(catalog)
    leaves = catalog.taxonomy.leaves() if catalog.taxonomy else {}
    nodes = catalog.taxonomy.nodes() if catalog.taxonomy else {}
    for paper in catalog.facts.values():
        problems += list(_paper_references(catalog, paper, leaves, nodes))
        problems += list(_paper_dates(catalog, paper, today))
    problems += _lineage_cycles(catalog)
    problems += list(_registry_references(catalog))
    return problems


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _where(catalog: Catalog, folder: str, record_id: str, path: tuple[Any, ...], message: str,
           hint: str = "") -> Problem:
    doc = catalog.document_for(folder, record_id)
    if doc is None:
        return Problem(f"{folder}/{record_id}.yaml", 1, 1, ".".join(map(str, path)), message, hint)
    return doc.problem(path, message, hint)


def _unique_identifiers(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    keys = {
        "arxiv": lambda p: p.arxiv,
        "doi": lambda p: p.doi.casefold() if p.doi else None,
        "title": lambda p: p.title_key,
    }
    for field, key in keys.items():
        owners: dict[str, list[str]] = defaultdict(list)
        for paper in catalog.facts.values():
            value = key(paper)
            if value:
                owners[value].append(paper.id)
        for ids in owners.values():
            for owner in ids if len(ids) > 1 else []:
                others = ", ".join(f"'{other}'" for other in ids if other != owner)
                problems.append(_where(catalog, "papers", owner, (field,), f"same {field} as record {others}",
                                       "one paper gets one record: merge them, or fix the wrong value"))
    return problems


def _paper_references(catalog: Catalog, paper: PaperFacts, leaves: dict, nodes: dict) -> Iterator[Problem]:
    where = lambda path, message, hint="": _where(catalog, "papers", paper.id, path, message, hint)  # noqa: E731
    suggest = _Suggestions()
    if catalog.taxonomy is not None:
        for index, leaf in enumerate(paper.taxonomy):
            if leaf in leaves:
                continue
            if leaf in nodes:
                below = sorted(p for p in leaves if p.startswith(leaf + "/"))
                yield where(("taxonomy", index), f"'{leaf}' is a category, not a leaf",
                            f"choose a leaf below it, e.g. {below[0]}")
            else:
                yield where(("taxonomy", index), f"unknown taxonomy leaf '{leaf}'",
                            suggest.hint(leaf, leaves, "see catalog/taxonomy.yaml"))
    if catalog.venues is not None:
        known = catalog.venues.ids
        if paper.venue not in known:
            resolved, how = catalog.venues.resolve(paper.venue)
            hint = f"write '{resolved}' (it is {'an alias' if how == 'alias' else 'a misspelling'})" if resolved \
                else f"known venues: {', '.join(sorted(known))}; add a new one to catalog/venues.yaml"
            yield where(("venue",), f"unknown venue id '{paper.venue}'", hint)
    for index, parent in enumerate(paper.builds_on):
        if parent not in catalog.facts and ("papers", parent) not in catalog.broken:
            yield where(("builds_on", index), f"builds_on names '{parent}', which is not in the catalog",
                        suggest.hint(parent, catalog.facts, "use a paper id from catalog/papers/"))
    uses = [(("architecture", index, field), getattr(arch, field), wanted) for index, arch in enumerate(paper.architecture)
            for field, wanted in (("vision_encoder", "vision-encoder"), ("language_model", "language-model"))
            if getattr(arch, field) is not None]
    for path, ref, wanted in uses + [(use.field, use.component, use.wanted) for use in paper.component_uses]:
        component = catalog.components.get(ref)
        if component is None and ("components", ref) in catalog.broken:
            continue
        if component is None:
            yield where(path, f"unknown component '{ref}'", "add it to catalog/components/ or use an existing id")
        elif component.type != wanted:
            yield where(path, f"'{ref}' is {_a(component.type)}, not {_a(wanted)}")
    for index, result in enumerate(paper.results):
        yield from _result_problems(catalog, paper, index, result, suggest)


def _result_problems(catalog: Catalog, paper: PaperFacts, index: int, result: ResultFacts,
                     suggest: _Suggestions) -> Iterator[Problem]:
    where = lambda path, message, hint="": _where(catalog, "papers", paper.id, path, message, hint)  # noqa: E731
    benchmark = catalog.benchmarks.get(result.benchmark)
    if benchmark is None and ("benchmarks", result.benchmark) in catalog.broken:
        return
    if benchmark is None:
        yield where(("results", index, "benchmark"), f"unknown benchmark '{result.benchmark}'",
                    suggest.hint(result.benchmark, catalog.benchmarks, "add it to catalog/benchmarks/"))
        return
    metric = benchmark.metric(result.metric)
    if metric is None:
        yield where(("results", index, "metric"), f"benchmark '{benchmark.id}' has no metric '{result.metric}'",
                    f"its metrics: {', '.join(m.id for m in benchmark.metrics)}")
    elif not metric.min <= result.value <= metric.max:
        yield where(("results", index, "value"),
                    f"{result.value} is outside {metric.id}'s range [{metric.min:g}, {metric.max:g}]",
                    "check the number and the metric (a 0-1 ratio written as a percent?)")
    if benchmark.splits and result.split not in benchmark.splits:
        if benchmark.suites:
            yield where(("results", index, "split"), f"benchmark '{benchmark.id}' has no suite or split '{result.split}'",
                        f"its suites: {', '.join(s.id for s in benchmark.suites)}; "
                        f"other splits: {', '.join(x for x in benchmark.splits if not benchmark.suite(x)) or 'none'}")
        else:
            yield where(("results", index, "split"), f"benchmark '{benchmark.id}' has no split '{result.split}'",
                        f"its splits: {', '.join(benchmark.splits)}")
    if metric is not None and result.direction is not None:
        stated = result.direction == "higher-is-better"
        if stated != metric.higher_is_better:
            yield where(("results", index, "direction"),
                        f"the row says {result.direction}, but {benchmark.id}'s metric {metric.id} is "
                        f"{'higher' if metric.higher_is_better else 'lower'}-is-better",
                        "check the metric id (a different metric?) or the benchmark's metric definition")


def _paper_dates(catalog: Catalog, paper: PaperFacts, today: dt.date) -> Iterator[Problem]:
    where = lambda path, message, hint="": _where(catalog, "papers", paper.id, path, message, hint)  # noqa: E731
    for field in ("date", "added", "verified"):
        value = getattr(paper, field)
        if value is not None and value > today:
            yield where((field,), f"{field} {value} is in the future", "dates record what already happened")
    window = arxiv_v1_window(paper.arxiv) if paper.arxiv else None
    month = arxiv_month(paper.arxiv) if window else None
    if window and paper.date < window[0]:
        yield where(("date",), f"date {paper.date} is before the arXiv month of {paper.arxiv} ({month:%Y-%m})",
                    "use the date of arXiv v1, which is never earlier than the id's month")
    elif window and paper.date > window[1]:
        yield where(("date",), f"date {paper.date} is after the arXiv month of {paper.arxiv} ({month:%Y-%m}),"
                    " so it is not the v1 date", "use the arXiv v1 date; if only the month is known, write "
                    f"date: {month.isoformat()} and date_precision: month")
    if paper.verified and paper.verified < paper.date:
        yield where(("verified",), "verified before the paper appeared")
    if paper.venue_year is not None and paper.venue_year < paper.date.year - 1:
        yield where(("venue_year",), f"venue_year {paper.venue_year} is long before the paper's date {paper.date}",
                    "venue_year is the year of the venue edition that published it")


def _lineage_cycles(catalog: Catalog) -> list[Problem]:
    # Peel off papers with no unpeeled parent (Kahn's algorithm, linear); only what remains can lie on a
    # cycle, and only that remainder goes to networkx to name the cycles.
    parents = {pid: [p for p in paper.builds_on if p in catalog.facts] for pid, paper in catalog.facts.items()}
    children: dict[str, list[str]] = defaultdict(list)
    waiting = {pid: len(ps) for pid, ps in parents.items()}
    for pid, ps in parents.items():
        for parent in ps:
            children[parent].append(pid)
    ready = [pid for pid, count in waiting.items() if count == 0]
    while ready:
        done = ready.pop()
        for child in children[done]:
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    remaining = sorted(pid for pid, count in waiting.items() if count > 0)
    if not remaining:
        return []
    import networkx as nx  # here, not at the top: importing it is a tenth of validating 10k records

    graph = nx.DiGraph()
    graph.add_edges_from((pid, parent) for pid in remaining for parent in parents[pid] if parent in waiting
                         and waiting[parent] > 0)
    problems: list[Problem] = []
    for cycle in itertools.islice(nx.simple_cycles(graph), 50):
        first = min(cycle)
        turn = cycle.index(first)
        ordered = cycle[turn:] + cycle[:turn] + [first]
        problems.append(_where(catalog, "papers", first, ("builds_on",),
                               f"lineage cycle: {' -> '.join(ordered)}", "a paper cannot build on its descendants"))
    return problems


def _registry_references(catalog: Catalog) -> Iterator[Problem]:
    for folder, records in (("benchmarks", catalog.benchmarks), ("components", catalog.components)):
        for record in records.values():
            ref = getattr(record, "introduced_by", None)
            if ref and ref not in catalog.facts:
                yield _where(catalog, folder, record.id, ("introduced_by",),
                             f"introduced_by names '{ref}', which is not in the catalog", "use a paper id or leave it out")
