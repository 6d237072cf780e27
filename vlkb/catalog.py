"""Read a catalog folder into validated records, collecting every problem instead of stopping.

Files are read in sorted order with the file name as the id (the habit of bids-specification), so
the same folder always gives the same catalog, and every later stage (checks, renderers, exports)
starts from one `Catalog` object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from vlkb.problems import Problem
from vlkb.record_errors import validate_document
from vlkb.safe_yaml import LoadedYaml, load_yaml_file
from vlkb.schema import Benchmark, Component, Paper, Taxonomy, Venues

RECORD_FOLDERS: dict[str, type[BaseModel]] = {"papers": Paper, "benchmarks": Benchmark, "components": Component}
REGISTRY_FILES: dict[str, type[BaseModel]] = {"taxonomy.yaml": Taxonomy, "venues.yaml": Venues}
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class Catalog:
    """Every valid record of one catalog folder, plus where each came from."""

    root: Path
    papers: dict[str, Paper] = field(default_factory=dict)
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    components: dict[str, Component] = field(default_factory=dict)
    taxonomy: Taxonomy | None = None
    venues: Venues | None = None
    documents: dict[str, LoadedYaml] = field(default_factory=dict)
    """Loaded documents by path relative to the catalog's parent (as errors show them)."""
    record_files: dict[tuple[str, str], str] = field(default_factory=dict)
    """(folder, id) -> the document key of the file that holds the record."""

    def document_for(self, folder: str, record_id: str) -> LoadedYaml | None:
        key = self.record_files.get((folder, record_id))
        return self.documents.get(key) if key else None


def display_path(path: Path, root: Path) -> str:
    """The path as a contributor sees it in the repository: `catalog/papers/llava.yaml`."""
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def load_catalog(root: Path) -> tuple[Catalog, list[Problem]]:
    """Load every record under `root`; a broken file yields problems and never stops the others."""
    catalog = Catalog(root=root)
    problems: list[Problem] = []
    for filename, model in REGISTRY_FILES.items():
        path = root / filename
        name = display_path(path, root)
        if not path.is_file():
            problems.append(Problem(name, 1, 1, "", f"{filename} is missing from the catalog",
                                    f"every catalog needs {filename}"))
            continue
        doc = load_yaml_file(path, name)
        catalog.documents[name] = doc
        record, found = validate_document(doc, model)
        problems += found
        setattr(catalog, filename.removesuffix(".yaml"), record)
    for folder, model in RECORD_FOLDERS.items():
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            problems += _load_record(catalog, folder, model, path)
    return catalog, problems


def _load_record(catalog: Catalog, folder: str, model: type[BaseModel], path: Path) -> list[Problem]:
    name = display_path(path, catalog.root)
    if path.name.startswith(".") or path.is_dir():
        return []
    if path.suffix != ".yaml":
        hint = "rename it to .yaml" if path.suffix == ".yml" else "only .yaml records belong here"
        return [Problem(name, 1, 1, "", f"unexpected file in {folder}/", hint)]
    doc = load_yaml_file(path, name)
    catalog.documents[name] = doc
    record, problems = validate_document(doc, model)
    if record is None:
        return problems
    record_id = record.id  # type: ignore[attr-defined]
    if record_id != path.stem:
        return problems + [doc.problem(("id",), f"id '{record_id}' differs from the file name '{path.stem}'",
                                       f"rename the file to {record_id}.yaml or set id: {path.stem}")]
    getattr(catalog, folder)[record_id] = record
    catalog.record_files[(folder, record_id)] = name
    return problems


def find_catalog_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds taxonomy.yaml."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for candidate in [current, *current.parents]:
        if (candidate / "taxonomy.yaml").is_file():
            return candidate
    return None
