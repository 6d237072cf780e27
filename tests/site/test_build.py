"""Real `mkdocs build --strict` runs of the fixture catalog: pages, repeatable bytes, offline, escaping."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_helpers import REPO_ROOT, build_site, make_hostile

pytestmark = pytest.mark.slow

_REF = re.compile(r'\b(?:href|src)="([^"]*)"')


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_strict_build_makes_every_kind_of_page(built_site: Path):
    for page in ("index.html", "taxonomy/index.html", "papers/llava-1-5/index.html", "benchmarks/vqav2/index.html",
                 "components/clip-vit-l-14-336/index.html", "timeline/index.html", "graph/index.html",
                 "data/index.html", "data/quality/index.html", "data/reproductions/index.html",
                 "taxonomy/vision-to-text/image-to-text/general-domain/general-ability/index.html",
                 "assets/vendor/plotly.min.js", "data/vlkb.json", "data/vlkb.bib", "data/results.csv"):
        assert (built_site / page).is_file(), page
    for folder in (built_site, built_site / "data", built_site / "data" / "schema"):  # a web server can read it
        assert folder.stat().st_mode & 0o005 == 0o005, oct(folder.stat().st_mode)


def test_generated_pages_are_never_written_into_site_src(built_site: Path):
    files = sorted(p.relative_to(REPO_ROOT / "site_src").as_posix() for p in (REPO_ROOT / "site_src").rglob("*")
                   if p.is_file())
    assert files == ["about.md", "assets/css/vlkb.css", "assets/js/vlkb-explore.js", "assets/js/vlkb-graph.js", "assets/js/vlkb.js"]


def test_paper_pages_stay_light_and_out_of_the_navigation(built_site: Path):
    html = (built_site / "papers" / "llava-1-5" / "index.html").read_text(encoding="utf-8")
    assert len(html.encode()) < 60_000
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "papers/llava-1-5/" not in home.split('<main')[0]  # not in the nav


def test_plotly_loads_only_on_pages_with_charts(built_site: Path):
    assert "plotly.min.js" in (built_site / "taxonomy" / "index.html").read_text(encoding="utf-8")
    assert "plotly.min.js" in (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "plotly.min.js" not in (built_site / "papers" / "blip-2" / "index.html").read_text(encoding="utf-8")


def test_no_page_refers_to_another_server_for_a_resource(built_site: Path):
    for path in _html_files(built_site):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag, (path, tag)


def test_every_link_inside_the_site_resolves(built_site: Path):
    for path in _html_files(built_site):
        if path.name == "404.html":  # served from any depth, so the theme writes its links from the root
            continue
        for ref in _REF.findall(path.read_text(encoding="utf-8")):
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith(("#", "//")) or not parts.path:
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (path.relative_to(built_site), ref)


def test_no_deferred_placeholder_leaks_into_any_page_or_the_search_index(built_site: Path):
    from vlkb.site.page_body import DEFERRED

    prefix = DEFERRED.split("{", 1)[0]  # "<!--VLKBDEFERRED"
    written = [p for p in sorted(built_site.rglob("*")) if p.suffix in (".html", ".json", ".xml")]
    assert any(p.name == "search_index.json" for p in written)
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert prefix not in text and "VLKBDEFERRED" not in text, path.relative_to(built_site)


def test_every_page_has_a_content_security_policy(built_site: Path):
    for path in _html_files(built_site):
        html = path.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert policy, path
        assert "script-src 'self'" in policy.group(1) and "unsafe-inline" not in policy.group(1).split(";")[1]


def test_the_same_catalog_builds_the_same_bytes(site_catalog: Path, tmp_path: Path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_site(site_catalog, first).returncode == 0
    assert build_site(site_catalog, second).returncode == 0
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    assert Path("sitemap.xml.gz") in files_one and Path("search/search_index.json") in files_one
    different = [f for f in files_one if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_a_catalog_with_problems_stops_the_build_and_names_them(site_catalog: Path, tmp_path: Path):
    record = site_catalog / "papers" / "blip-2.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("venue: arxiv", "venue: nowhere-conf"),
                      encoding="utf-8")
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode != 0
    assert "blip-2.yaml" in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_javascript_link_in_a_record_stops_the_build(site_catalog: Path, tmp_path: Path):
    record = site_catalog / "papers" / "llava.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "project: https://llava-vl.github.io/", "project: javascript:alert(1)"), encoding="utf-8")
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode != 0 and "scheme" in result.stderr + result.stdout


def test_hostile_text_is_escaped_in_every_built_page(site_catalog: Path, tmp_path: Path):
    make_hostile(site_catalog)
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for path in _html_files(site):
        html = path.read_text(encoding="utf-8")
        for payload in ("<script>window.__pwned", "<img src=x onerror", "<svg onload", 'href="javascript:'):
            assert payload not in html, (path, payload)
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        assert "<" not in title, path
        description = re.search(r'<meta name="description" content="([^"]*)">', html)
        assert description is None or "<" not in description.group(1), path
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>window" not in index and "<img src=x" not in index and "<svg onload" not in index


def test_edit_links_point_at_the_record_yaml(site_catalog: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VLKB_EDIT_URL_BASE", "https://example.org/vlkb/edit/main")
    result = build_site(site_catalog, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "papers" / "llava" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/vlkb/edit/main/catalog/papers/llava.yaml"' in html


def test_headings_go_down_one_level_at_a_time(built_site: Path):
    for path in _html_files(built_site):
        html = path.read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])\b", article)]
        if not levels:
            continue
        assert levels[0] == 1, path
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (path.relative_to(built_site), levels)
