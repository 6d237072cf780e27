"""`vlkb release VERSION`: the release bundle, a flat folder of files each named with the version.

    vlkb-0.1.0/
      vlkb-0.1.0.json, vlkb-0.1.0-papers.csv, vlkb-0.1.0.bib, ...    every export of the site's Downloads
      vlkb-0.1.0-papers.parquet, ...                                  every table as Parquet
      vlkb-0.1.0-croissant.json                                       Croissant 1.0 metadata of those files
      vlkb-0.1.0-paper.schema.json, ...                               the JSON Schemas of the records
      CHANGELOG.md      records added, changed and removed since the previous release tag (`vlkb diff`)
      LICENSE-DATA.txt  CC BY 4.0 (catalog/LICENSE); CITATION.cff with the version
      SHA256SUMS        `sha256sum -c SHA256SUMS` checks every other file

Flat, because a GitHub release holds a flat list of assets (the Pages workflow attaches this folder on a
tag v{VERSION}). The version must be listed in catalog/RELEASES.yaml, so the data page lists what is
released. The bundle's bytes depend only on the catalog, the version and the previous tag.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "release", help="write the release bundle: every export, Parquet, Croissant, checksums, changelog",
        description="Write the release bundle of VERSION into OUTPUT/vlkb-VERSION: every export and table, named "
                    "with the version, SHA256SUMS, and CHANGELOG.md of the records changed since the previous "
                    "release tag.")
    parser.add_argument("version", metavar="VERSION", help="MAJOR.MINOR.PATCH, listed in catalog/RELEASES.yaml")
    parser.add_argument("--catalog", type=Path, default=Path("catalog"), help="catalog folder (default: catalog)")
    parser.add_argument("-o", "--output", type=Path, default=Path("dist"), help="parent folder (default: dist)")
    parser.add_argument("--since", metavar="REF",
                        help="compare with this git ref (default: the newest tag v* older than VERSION)")
    parser.set_defaults(run=run)


def previous_tag(version: str, cwd: Path) -> str | None:
    """The newest tag vX.Y.Z below `version`, or None (no git, or a first release)."""
    from vlkb.outputs.releases import VERSION_PATTERN, version_key

    try:
        listed = subprocess.run(["git", "tag", "--list", "v*"], cwd=cwd, check=True, capture_output=True,
                                text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    older = [t for t in listed if VERSION_PATTERN.match(t[1:]) and version_key(t[1:]) < version_key(version)]
    return max(older, key=lambda t: version_key(t[1:])) if older else None


def changelog(version: str, catalog_root: Path, since: str | None, counts: dict[str, int]) -> str:
    """Markdown: what the release holds, and the records added, changed and removed since `since`."""
    lines = [f"# vlkb {version}", "", "Holds " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".", ""]
    if since is None:
        return "\n".join(lines + ["The first release: every record is new.", ""])
    from vlkb.cli.diff import catalog_changes

    changes = catalog_changes(since, catalog_root)
    lines += [f"Since {since}: " + ", ".join(f"{sum(c.status == s for c in changes)} {s}"
                                            for s in ("added", "changed", "removed")) + ".", ""]
    for status in ("added", "changed", "removed", "unreadable"):
        chosen = [c for c in changes if c.status == status]
        if not chosen:
            continue
        lines += [f"## {status.capitalize()}", ""]
        for change in chosen:
            fields = f" ({', '.join(sorted({f.field.split('.')[0].split('[')[0] for f in change.fields}))})" \
                if status == "changed" and change.fields else ""
            title = f": {change.title}" if change.title else ""
            lines.append(f"- `{change.path}`{title}{fields}")
        lines.append("")
    return "\n".join(lines)


def write_bundle(catalog, catalog_root: Path, version: str, folder: Path, since: str | None,
                 repo_root: Path) -> list[Path]:
    """Write the bundle into `folder` (emptied first); the files written, SHA256SUMS last."""
    from vlkb.outputs.exports import PARQUET_FORMATS, dataset_files, export_bytes
    from vlkb.site.page_source import EXPORTS
    from vlkb.outputs.releases import bundle_name

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    prefix = f"vlkb-{version}-"
    tables = dataset_files(catalog, version=version, file_prefix=prefix)
    files: dict[str, bytes] = {}
    for fmt, _, label, _ in EXPORTS:
        if fmt in PARQUET_FORMATS or fmt == "croissant":
            continue
        files[bundle_name(label, version)] = export_bytes(catalog, fmt)
    files.update((name, data) for name, data in tables.items() if name != "croissant.json")
    files[f"{prefix}croissant.json"] = tables["croissant.json"]
    for schema in sorted((catalog_root / "schema").glob("*.schema.json")):
        files[f"{prefix}{schema.name}"] = schema.read_bytes()
    counts = {"papers": len(catalog.papers), "benchmarks": len(catalog.benchmarks),
              "components": len(catalog.components)}
    files["CHANGELOG.md"] = changelog(version, catalog_root, since, counts).encode("utf-8")
    licence = catalog_root / "LICENSE"
    if licence.is_file():
        files["LICENSE-DATA.txt"] = licence.read_bytes()
    citation = repo_root / "CITATION.cff"
    if citation.is_file():
        text = citation.read_text(encoding="utf-8")
        files["CITATION.cff"] = "\n".join(f'version: "{version}"' if line.startswith("version:") else line
                                          for line in text.splitlines()).encode("utf-8") + b"\n"
    written = []
    for name in sorted(files):
        (folder / name).write_bytes(files[name])
        written.append(folder / name)
    sums = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return written + [folder / "SHA256SUMS"]


def run(args: argparse.Namespace) -> int:
    from vlkb.checks.validation import validate_catalog
    from vlkb.outputs.releases import VERSION_PATTERN, read_releases

    if not VERSION_PATTERN.match(args.version):
        print(f"vlkb release: {args.version!r} is not MAJOR.MINOR.PATCH (e.g. 0.2.0; the tag is v0.2.0)", file=sys.stderr)
        return 2
    try:
        releases = read_releases(args.catalog)
    except ValueError as error:
        print(f"vlkb release: {error}", file=sys.stderr)
        return 2
    if args.version not in {r.version for r in releases}:
        print(f"vlkb release: {args.version} is not in {args.catalog / 'RELEASES.yaml'}; add it (version, date, "
              "notes) so the data page lists the release", file=sys.stderr)
        return 2
    catalog, problems = validate_catalog(args.catalog)
    if problems:
        print(f"{args.catalog}: {len(problems)} problem(s); run `vlkb validate {args.catalog}` and fix them "
              "before releasing", file=sys.stderr)
        return 1
    repo_root = args.catalog.resolve().parent
    since = args.since or previous_tag(args.version, repo_root)
    folder = args.output / f"vlkb-{args.version}"
    try:
        written = write_bundle(catalog, args.catalog, args.version, folder, since, repo_root)
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip() if error.stderr else str(error)
        print(f"vlkb release: git failed comparing with {since}: {message}", file=sys.stderr)
        return 2
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files ({total / 1e6:.1f} MB) to {folder}"
          + (f"; changes since {since}" if since else "; first release"), file=sys.stderr)
    return 0
