"""The built site carries the dataset: the Parquet tables and their Croissant metadata among the downloads, the
data page's releases and JSON-LD, the analysis page, and a ScholarlyArticle on each paper page."""

from __future__ import annotations

import json
from pathlib import Path


def test_the_built_site_has_the_tables_croissant_and_the_analysis_page(built_site: Path):
    data = built_site / "data"
    for name in ("papers", "results", "architectures", "actions", "components", "benchmarks", "taxonomy", "authors"):
        assert (data / f"{name}.parquet").is_file(), name
    assert json.loads((data / "croissant.json").read_text(encoding="utf-8"))["conformsTo"].endswith("croissant/1.0")
    index = (data / "index.html").read_text(encoding="utf-8")
    assert "croissant.json" in index and "Releases" in index and "application/ld+json" in index
    analysis = (data / "action-heads" / "index.html").read_text(encoding="utf-8")
    assert "def action_heads_per_half_year" in analysis
    paper = (built_site / "papers" / "llava-1-5" / "index.html").read_text(encoding="utf-8")
    assert '"@type":"ScholarlyArticle"' in paper


def test_every_download_is_saved_under_a_name_with_its_version(built_site: Path):
    from vlkb import __version__

    index = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    assert f'href="vlkb.json" download="vlkb-{__version__}.json"' in index
    assert f'href="papers.parquet" download="vlkb-{__version__}-papers.parquet"' in index
    table = index[index.index('id="downloads"'):]
    table = table[:table.index("</table>")]
    assert table.count("<a ") == table.count(f'download="vlkb-{__version__}'), "a download without its version"
