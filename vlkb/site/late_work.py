"""The part of the site no early page needs, made on the second core: the downloads and the graph page.

`mkdocs build` keeps one core busy. Of what vlkb adds to a plain build, a third is the exports, the
knowledge graph and importing networkx for them; yet only the data page (which lists the downloads and
their sizes) and the graph page need any of it, and both come late in the build order. `LateWork`
forks a process that writes every download into a temporary folder and renders the graph page while
mkdocs renders the rest; `result()` waits for it. Where forking is unsafe (`mkdocs serve` runs server
threads) or impossible, the same work runs in place, so both ways give the same bytes.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import pickle
import shutil
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

from vlkb.catalog import Catalog
from vlkb.site.common import GeneratedPage
from vlkb.site.data_pages import Download

EXPORTS = (
    ("json", "data/vlkb.json", "vlkb.json", "Every record as JSON"),
    ("csv", "data/papers.csv", "papers.csv", "One row per paper"),
    ("bibtex", "data/vlkb.bib", "vlkb.bib", "BibTeX of every paper"),
    ("results-csv", "data/results.csv", "results.csv", "One row per benchmark result"),
    ("graphml", "data/vlkb.graphml", "vlkb.graphml", "The knowledge graph as GraphML"),
)
"""(export format, site path, label, what it holds) of each download made from the catalog."""


@dataclass(frozen=True)
class LateResult:
    downloads: list[Download]
    missing: list[str]
    """Labels of downloads this build could not make (a module of vlkb that is not installed)."""
    graph_page: GeneratedPage


def _schemas(repo_root: Path) -> list[Path]:
    return sorted((repo_root / "catalog" / "schema").glob("*.schema.json"))


def planned_paths(repo_root: Path) -> list[str]:
    """Site paths of every download, known before any is made (mkdocs needs its file list early)."""
    exports = [path for _, path, _, _ in EXPORTS] if importlib.util.find_spec("vlkb.exports") else []
    return exports + [f"data/schema/{schema.name}" for schema in _schemas(repo_root)]


def make_late_work(catalog: Catalog, repo_root: Path, folder: Path) -> LateResult:
    """Write every download under `folder` by its site path, and render the graph page."""
    from vlkb.site.graph_page import graph_page  # networkx comes with these: only this process needs it

    downloads: list[Download] = []
    missing: list[str] = []
    made: list[tuple[str, str, str, bytes]] = []
    if importlib.util.find_spec("vlkb.exports"):
        from vlkb.exports import export_catalog

        made += [(path, label, what, export_catalog(catalog, fmt).encode("utf-8")) for fmt, path, label, what in EXPORTS]
    else:
        missing += [label for _, _, label, _ in EXPORTS]
    schemas = _schemas(repo_root)
    if not schemas:
        missing.append("JSON Schema")
    made += [(f"data/schema/{schema.name}", schema.name, f"JSON Schema of {schema.name.split('.')[0]} records",
              schema.read_bytes()) for schema in schemas]
    for path, label, what, content in made:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        downloads.append(Download(path, label, what, len(content)))
    graph = None
    if importlib.util.find_spec("vlkb.graph"):
        from vlkb.graph import knowledge_graph

        graph = knowledge_graph(catalog)
    return LateResult(downloads, missing, graph_page(graph))


class LateWork:
    """The late part of one build: started when the build lists its files, waited for when first needed."""

    def __init__(self, catalog: Catalog, repo_root: Path, *, background: bool) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="vlkb-late-"))
        self.planned = planned_paths(repo_root)
        self._result: LateResult | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if background and "fork" in multiprocessing.get_all_start_methods():
            # fork: the child shares the loaded catalog instead of receiving it pickled
            self._process = multiprocessing.get_context("fork").Process(
                target=self._child, args=(catalog, repo_root), daemon=True)
            self._process.start()
        else:
            self._result = make_late_work(catalog, repo_root, self.folder)

    def _child(self, catalog: Catalog, repo_root: Path) -> None:
        try:
            result = make_late_work(catalog, repo_root, self.folder)
            (self.folder / "result.pickle").write_bytes(pickle.dumps(result))
        except BaseException:  # noqa: BLE001 - reported to the build, which stops with it
            (self.folder / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
            os._exit(1)
        os._exit(0)  # skip the exit handlers this process inherited from the build

    def result(self) -> LateResult:
        """The downloads and the graph page; raises RuntimeError with the child's traceback if it failed."""
        if self._result is None:
            assert self._process is not None
            self._process.join()
            error = self.folder / "error.txt"
            if self._process.exitcode != 0 or not (self.folder / "result.pickle").is_file():
                detail = error.read_text(encoding="utf-8") if error.is_file() else f"exit code {self._process.exitcode}"
                raise RuntimeError(f"building the downloads and the graph page failed:\n{detail}")
            self._result = pickle.loads((self.folder / "result.pickle").read_bytes())
        return self._result

    def path_of(self, site_path: str) -> Path:
        """Where the download for `site_path` is (or will be) written."""
        return self.folder / site_path

    def close(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        shutil.rmtree(self.folder, ignore_errors=True)
