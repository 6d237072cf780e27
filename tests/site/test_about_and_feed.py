"""The About page says where the code is, how to cite the version read and which releases exist, and the
site publishes an Atom feed of newly added papers, linked from every page; the feed repeats byte for byte."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.site.site_helpers import build_site
from vlkb import __version__
from vlkb.loading.catalog import load_catalog
from vlkb.site.feed import atom_feed

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_lists_the_newest_added_papers_with_their_pages(site_catalog: Path):
    catalog, _ = load_catalog(site_catalog)
    feed = ET.fromstring(atom_feed(catalog))
    assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}id").text.startswith("tag:")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(catalog.papers))
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    first = entries[0]
    paper_id = first.find(f"{ATOM}id").text.rsplit(":", 1)[1]
    assert first.find(f"{ATOM}link").get("href") == f"papers/{paper_id}/"
    assert first.find(f"{ATOM}title").text and first.find(f"{ATOM}author/{ATOM}name").text
    assert atom_feed(catalog) == atom_feed(catalog)


def test_hostile_text_in_a_record_stays_text_in_the_feed(hostile_catalog: Path):
    catalog, _ = load_catalog(hostile_catalog)
    document = atom_feed(catalog)
    ET.fromstring(document)  # still well-formed XML
    assert b"<script" not in document


def test_the_about_page_links_the_repository_cites_the_version_and_lists_releases(site_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("VLKB_REPOSITORY_URL", "https://github.com/example/vlkb")
    (site_catalog / "RELEASES.yaml").write_text(
        'releases:\n  - version: "0.1.0"\n    date: 2026-12-03\n    notes: First release.\n', encoding="utf-8")
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    about = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/vlkb"' in about
    assert f"@misc{{vlkb_{__version__.replace('.', '_')}" in about and f"version = {{{__version__}}}" in about
    assert 'id="changelog"' in about and "<strong>0.1.0</strong>, 2026-12-03: First release." in about
    assert 'href="../feed.xml"' in about
    assert (tmp_path / "site" / "feed.xml").is_file()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="vlkb: new papers" href="feed.xml">' in home
    paper = (tmp_path / "site" / "papers" / "llava-1-5" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="vlkb: new papers" href="../../feed.xml"' in paper
