"""`vlkb diff BASE_REF`: records added, removed and changed since a git ref, as markdown.

The base version of each file is read with `git show REF:path`; the working tree is the other side.
In a pull-request workflow: `vlkb diff origin/main >> "$GITHUB_STEP_SUMMARY"`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from vlkb.contrib.record_diff import RecordChange, compare, render_markdown
from vlkb.loading.problems import Problem
from vlkb.loading.safe_yaml import load_yaml_bytes, read_record_bytes

RECORD_GLOBS = ("papers/", "benchmarks/", "components/")
REGISTRIES = ("taxonomy.yaml", "venues.yaml")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="markdown summary of record changes against a git ref",
        description="Compare the catalog in the working tree with BASE_REF, record by record and field by field, "
                    "and print markdown for a pull-request comment or job summary.")
    parser.add_argument("base", metavar="BASE_REF", help="git ref to compare against, e.g. origin/main")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("-o", "--output", type=Path, help="append the markdown to this file (e.g. $GITHUB_STEP_SUMMARY)")
    parser.set_defaults(run=run)


def _git(args: list[str], cwd: Path) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout


def _is_record(relative: str) -> bool:
    return relative in REGISTRIES or (relative.endswith(".yaml") and relative.startswith(RECORD_GLOBS)
                                      and relative.count("/") == 1)


def _parse(raw: bytes, name: str) -> tuple[Any, bool]:
    doc = load_yaml_bytes(raw, name)
    return doc.data, doc.data is not None


def catalog_changes(base: str, catalog: Path) -> list[RecordChange]:
    """Every record file that differs between `base` and the working tree, as data."""
    catalog = catalog.resolve()
    top = Path(_git(["rev-parse", "--show-toplevel"], catalog).decode().strip()).resolve()
    prefix = catalog.relative_to(top).as_posix()
    listed = _git(["ls-tree", "-r", "--name-only", "-z", base, "--", prefix], top).decode().split("\0")
    base_files = {p[len(prefix) + 1:] for p in listed if p.startswith(prefix + "/")}
    work_files = {p.relative_to(catalog).as_posix() for p in catalog.rglob("*.yaml") if p.is_file()}
    # only files git sees as different (tracked edits, deletions) or new (untracked) are read and compared
    touched = _git(["diff", "--name-only", "--no-renames", "-z", base, "--", prefix], top).decode().split("\0")
    touched += _git(["ls-files", "--others", "--exclude-standard", "-z", "--", prefix], top).decode().split("\0")
    candidates = {p[len(prefix) + 1:] for p in touched if p.startswith(prefix + "/")}
    candidates |= base_files ^ work_files
    changes: list[RecordChange] = []
    for relative in sorted(f for f in candidates if _is_record(f)):
        display = f"{prefix}/{relative}"
        old_raw = _git(["show", f"{base}:{prefix}/{relative}"], top) if relative in base_files else None
        new_raw = read_record_bytes(catalog / relative, display, catalog) if relative in work_files else None
        if isinstance(new_raw, Problem):  # a link out of the catalog or a special file: named, never read
            changes.append(RecordChange(display, "unreadable"))
            continue
        if old_raw == new_raw:
            continue
        old, old_ok = _parse(old_raw, display) if old_raw is not None else (None, True)
        new, new_ok = _parse(new_raw, display) if new_raw is not None else (None, True)
        if not (old_ok and new_ok):
            changes.append(RecordChange(display, "unreadable"))
        elif old_raw is None:
            changes.append(RecordChange(display, "added", _title(new), compare({}, new)))
        elif new_raw is None:
            changes.append(RecordChange(display, "removed", _title(old)))
        else:
            fields = compare(old, new)
            if fields:  # formatting-only edits are no change
                changes.append(RecordChange(display, "changed", _title(new), fields))
    return changes


def _title(data: Any) -> str:
    if isinstance(data, dict):
        return str(data.get("title") or data.get("name") or "")
    return ""


def run(args: argparse.Namespace) -> int:
    try:
        changes = catalog_changes(args.base, args.catalog)
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip() if error.stderr else str(error)
        print(f"vlkb diff: git failed: {message}", file=sys.stderr)
        print("hint: fetch the base first (git fetch origin main) and run inside the repository", file=sys.stderr)
        return 2
    text = render_markdown(changes, args.base)
    if args.output:
        with args.output.open("a", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0
