"""`vlkb fmt [PATHS] [--check]`: write records in the canonical form of `vlkb.contrib.canonical_yaml`.

Only paper, benchmark and component records are formatted; taxonomy.yaml and venues.yaml are laid
out by hand and keep their comments. A record that does not validate is left alone and reported,
because its field order cannot be known; a rewrite that would not load back equal is refused. "Validate"
means what `vlkb validate` means: inside a catalog, a record with a problem across records (an unknown
benchmark, an id that differs from the file name) is left alone too.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from vlkb.contrib.canonical_yaml import FOLDER_KINDS, KIND_MODELS, default_schema_ref, dump_record, schema_line_of
from vlkb.loading.catalog import display_path, find_catalog_root
from vlkb.loading.problems import Problem, printable
from vlkb.loading.record_errors import validate_document
from vlkb.loading.safe_yaml import load_yaml_bytes, read_record_bytes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("fmt", help="write records in the canonical form",
                                   description="Rewrite paper, benchmark and component records in canonical form "
                                               "(key order, quoting, wrapping). With --check, change nothing and "
                                               "exit 1 if a file would change.")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("catalog")],
                        help="catalog folders or record files (default: catalog)")
    parser.add_argument("--check", action="store_true", help="report files that are not canonical; write nothing")
    parser.set_defaults(run=run)


def record_files(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """(file, kind) for every record under `paths`, sorted; plus complaints about paths that are not records."""
    found: dict[Path, str] = {}
    complaints: list[str] = []
    for path in paths:
        if path.is_dir():
            folders = [path] if path.name in FOLDER_KINDS else [path / name for name in FOLDER_KINDS]
            for folder in folders:
                if folder.is_dir():
                    for file in sorted(folder.glob("*.yaml")):
                        found[file] = FOLDER_KINDS[folder.name]
        elif path.is_file() and path.suffix == ".yaml" and path.parent.name in FOLDER_KINDS:
            found[path] = FOLDER_KINDS[path.parent.name]
        elif path.is_file() and path.name in ("taxonomy.yaml", "venues.yaml"):
            continue  # hand-laid registries, never rewritten
        elif not path.exists():
            complaints.append(f"{path}: no such file or folder")
        else:
            complaints.append(f"{path}: not a record (records live in papers/, benchmarks/ or components/)")
    return sorted(found.items()), complaints


def schema_ref_for(path: Path, kind: str, text: str) -> str:
    """The schema path seen from `path`: the nearest schema/ or catalog/schema/ folder above it, else kept."""
    here = path.resolve().parent
    for folder in here.parents:
        for inner in ("schema", "catalog/schema"):
            if (folder / inner / f"{kind}.schema.json").is_file():
                return "../" * len(here.relative_to(folder).parts) + f"{inner}/{kind}.schema.json"
    return schema_line_of(text) or default_schema_ref(kind)


def canonical_text(path: Path, kind: str, raw: bytes) -> tuple[str | None, str | None]:
    """(canonical text, None) or (None, why it cannot be formatted)."""
    doc = load_yaml_bytes(raw, str(path))
    record, problems = validate_document(doc, KIND_MODELS[kind])
    if record is None:
        first = problems[0].as_text() if problems else "not a valid record"
        return None, f"not formatted, fix it first ({len(problems)} problem(s); first: {first})"
    text = dump_record(record, kind, schema_ref_for(path, kind, raw.decode("utf-8", "replace")))
    again, _ = validate_document(load_yaml_bytes(text.encode("utf-8"), str(path)), KIND_MODELS[kind])
    if again != record:  # never write a file that would mean something else
        return None, "not formatted: the canonical form would not load back equal (a vlkb bug; please report it)"
    return text, None


def catalog_problems(files: list[Path]) -> dict[Path, list[Problem]]:
    """The problems `vlkb validate` reports in each of `files` that lies in a catalog (only those with any)."""
    roots: dict[Path, list[Path]] = {}
    for path in files:
        root = find_catalog_root(path)
        if root is not None:
            roots.setdefault(root, []).append(path)
    found: dict[Path, list[Problem]] = {}
    if not roots:
        return found
    from vlkb.checks.validation import validate_catalog  # here: a file outside any catalog needs none of it

    for root, paths in roots.items():
        _, problems = validate_catalog(root, facts_only=True)
        by_file: dict[str, list[Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.file, []).append(problem)
        for path in paths:
            mine = by_file.get(display_path(path, root))
            if mine:
                found[path] = mine
    return found


def run(args: argparse.Namespace) -> int:
    files, complaints = record_files(args.paths)
    for complaint in complaints:
        print(printable(complaint), file=sys.stderr)
    changed: list[Path] = []
    failed: list[tuple[Path, str]] = []
    invalid = catalog_problems([path for path, _ in files])
    for path, kind in files:
        if path in invalid:
            problems = invalid[path]
            failed.append((path, f"not formatted, fix it first ({len(problems)} problem(s); first: "
                                 f"{problems[0].as_text()})"))
            continue
        raw = read_record_bytes(path, str(path), find_catalog_root(path) or path.parent.parent)
        if isinstance(raw, Problem):
            failed.append((path, f"not formatted: {raw.message}"))
            continue
        text, why = canonical_text(path, kind, raw)
        if text is None:
            failed.append((path, why or ""))
            continue
        if text.encode("utf-8") == raw:
            continue
        changed.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8", newline="\n")
    for path, why in failed:
        print(f"{printable(str(path))}: {why}", file=sys.stderr)
    if args.check:
        for path in changed:
            print(f"{printable(str(path))}: not in canonical form")
        if changed:
            command = "vlkb fmt " + " ".join(shlex.quote(str(p)) for p in changed)
            print(f"{len(changed)} file(s) would be reformatted; fix with:\n  {command}", file=sys.stderr)
        else:
            print(f"ok: {len(files) - len(failed)} record(s) in canonical form", file=sys.stderr)
    else:
        for path in changed:
            print(f"formatted {printable(str(path))}")
        print(f"{len(changed)} file(s) reformatted, {len(files) - len(changed) - len(failed)} already canonical",
              file=sys.stderr)
    return 1 if (failed or complaints or (args.check and changed)) else 0
