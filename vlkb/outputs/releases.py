"""The committed list of data releases, catalog/RELEASES.yaml: what the data page lists and `vlkb release` checks.

A release is made by adding its entry here (version, date, notes), setting the same version in pyproject.toml
and vlkb/__init__.py, and pushing the tag `v{version}`: the Pages workflow then runs `vlkb release` and
attaches the bundle to the GitHub release. Nothing here reaches the network.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

RELEASES_FILE = "RELEASES.yaml"
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    notes: str
    url: str | None = None

    @property
    def tag(self) -> str:
        return f"v{self.version}"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def read_releases(catalog_root: Path) -> list[Release]:
    """The releases, newest first; ValueError naming the file and entry when one is malformed."""
    path = catalog_root / RELEASES_FILE
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("releases") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a mapping with a list under 'releases'")
    releases = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: release {number}"
        if not isinstance(entry, dict) or set(entry) - {"version", "date", "notes", "url"}:
            raise ValueError(f"{where}: expected the keys version, date, notes and optionally url")
        version, date, notes, url = entry.get("version"), entry.get("date"), entry.get("notes"), entry.get("url")
        if not isinstance(version, str) or not VERSION_PATTERN.match(version):
            raise ValueError(f"{where}: version must be quoted MAJOR.MINOR.PATCH, e.g. \"0.2.0\"; got {version!r}")
        if not isinstance(date, dt.date):
            raise ValueError(f"{where}: date must be written YYYY-MM-DD, unquoted")
        if not isinstance(notes, str) or not notes.strip():
            raise ValueError(f"{where}: notes must say what the release holds")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            raise ValueError(f"{where}: url must be an https:// address")
        releases.append(Release(version, date, notes.strip(), url))
    versions = [r.version for r in releases]
    if len(set(versions)) != len(versions):
        raise ValueError(f"{path}: a version is listed twice")
    return sorted(releases, key=lambda r: version_key(r.version), reverse=True)


def bundle_name(label: str, version: str) -> str:
    """`vlkb.json` -> `vlkb-0.1.0.json`; `papers.csv` -> `vlkb-0.1.0-papers.csv`."""
    return f"vlkb-{version}{label[4:]}" if label.startswith("vlkb.") else f"vlkb-{version}-{label}"
