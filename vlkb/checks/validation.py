"""Validation as a whole: load, check across records, and keep the problems of the paths asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vlkb.loading.catalog import Catalog, display_path, find_catalog_root, load_catalog
from vlkb.checks.cross_records import check_catalog
from vlkb.loading.problems import Problem, cap_per_file, format_problems


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    catalogs: list[Catalog] = field(default_factory=list)
    paper_files: set[str] = field(default_factory=set)
    """Every paper file the report speaks for, loaded or not (a broken record is a paper record too)."""

    def render(self, style: str) -> str:
        return format_problems(self.problems, style)

    def summary(self) -> str:
        with_problems = {p.file for p in self.problems}
        papers = sum(len(c.facts) for c in self.catalogs)
        if self.problems:
            # a record that loaded but fails a check across records is not valid either, and one that did
            # not load still counts among the paper records
            clean = len(self.paper_files - with_problems)
            return (f"{len(self.problems)} problem(s) in {len(with_problems)} file(s); "
                    f"{clean} of {len(self.paper_files)} paper record(s) without problems")
        benchmarks = sum(len(c.benchmarks) for c in self.catalogs)
        components = sum(len(c.components) for c in self.catalogs)
        return f"ok: {papers} papers, {benchmarks} benchmarks, {components} components"


def validate_catalog(root: Path, today: dt.date | None = None,
                     facts_only: bool = False) -> tuple[Catalog, list[Problem]]:
    """Load one catalog folder and run every check; the catalog holds only the records that loaded."""
    catalog, problems = load_catalog(root, facts_only)
    problems += check_catalog(catalog, today)
    return catalog, cap_per_file(sorted(set(problems)))


def validate_paths(paths: list[Path], today: dt.date | None = None) -> ValidationReport:
    """Validate the catalogs that hold `paths`, reporting only problems inside those paths."""
    report = ValidationReport()
    wanted: dict[Path, list[Path]] = {}
    for path in paths:
        if not path.exists():
            report.problems.append(Problem(str(path), 1, 1, "", "no such file or folder"))
            continue
        root = find_catalog_root(path)
        if root is None:
            report.problems.append(Problem(str(path), 1, 1, "", "not inside a catalog (no taxonomy.yaml above it)",
                                           "run vlkb validate on the catalog folder or a record in it"))
            continue
        wanted.setdefault(root, []).append(path)
    for root, asked in wanted.items():
        catalog, problems = validate_catalog(root, today, facts_only=True)
        report.catalogs.append(catalog)
        files = {name for (folder, _), name in [*catalog.record_files.items(), *catalog.broken_files.items()]
                 if folder == "papers"}
        if any(p.resolve() == root.resolve() for p in asked):
            report.problems += problems
            report.paper_files |= files
            continue
        prefixes = [display_path(p, root) for p in asked]
        inside = lambda file: any(file == x or file.startswith(x.rstrip("/") + "/") for x in prefixes)  # noqa: E731
        report.problems += [p for p in problems if inside(p.file)]
        report.paper_files |= {file for file in files if inside(file)}
    return report
