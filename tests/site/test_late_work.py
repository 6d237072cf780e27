"""The downloads and the graph page, made by a forked process during the build or in place: the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

import vlkb.site.late_work as late_work
from site_helpers import FIXTURE_CATALOG
from vlkb.catalog import load_catalog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog():
    loaded, problems = load_catalog(FIXTURE_CATALOG)
    assert not problems
    return loaded


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix not in (".pickle", ".txt")}


def test_the_forked_process_and_the_build_itself_make_the_same_downloads_and_graph_page(catalog):
    forked = late_work.LateWork(catalog, REPO, background=True)
    in_place = late_work.LateWork(catalog, REPO, background=False)
    try:
        assert forked.result() == in_place.result()
        assert files_under(forked.folder) == files_under(in_place.folder)
        written = files_under(forked.folder)
        assert sorted(written) == sorted(forked.planned)  # mkdocs was told of exactly these files
        assert {d.path: d.size for d in forked.result().downloads} == {k: len(v) for k, v in written.items()}
        assert forked.result().graph_page.charts
    finally:
        forked.close()
        in_place.close()
    assert not forked.folder.exists() and not in_place.folder.exists()


def test_a_failure_in_the_forked_process_reaches_the_build_with_its_traceback(catalog, monkeypatch):
    def broken(*args):
        raise ValueError("export exploded")

    monkeypatch.setattr(late_work, "make_late_work", broken)
    work = late_work.LateWork(catalog, REPO, background=True)
    try:
        with pytest.raises(RuntimeError, match="(?s)downloads and the graph page failed.*export exploded"):
            work.result()
    finally:
        work.close()
