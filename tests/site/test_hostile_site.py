"""Property (issue 18): a catalog of hostile records builds a site in which no output file holds live markup,
a foreign script, or a javascript: or data: link; and the Content-Security-Policy fails closed.

Every page is parsed and compared with the build of the same catalog without the payloads: escaped text adds
no element, no attribute and no script; the search index and the downloads are read back the same way.
Bounded: a few derandomized examples, one build each (about three seconds on the fixture catalog).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import site_helpers
from site_helpers import FIXTURE_CATALOG, build_site, extend_catalog, make_hostile

pytestmark = pytest.mark.slow

MARKUP = ["<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>", "<svg/onload=alert(1)>",
          "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "</script><script>alert(1)</script>",
          "<!--", "-->", "<iframe src=//evil.example/>", '<a href="javascript:alert(1)">x</a>', "\"'><b>bold</b>",
          "{{ config.site_name }}", "{% raw %}", "&lt;script&gt;", "<style>body{display:none}</style>",
          "<base href=//evil.example/>", "<meta http-equiv=refresh content=0;url=//evil.example>",
          "[x](javascript:alert(1))", "![x](data:image/svg+xml,<svg onload=alert(1)>)", "<math><mi "
          "xlink:href=javascript:alert(1)>x</mi></math>", "`code`", "**bold**", "| cell |", "\\", "${alert(1)}",
          "</textarea>", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "]]>", "<![CDATA[x"]
PIECES = st.sampled_from(MARKUP) | st.text("<>\"'&=/:;`{}|\\!#[]() abcXYZé漢", min_size=1, max_size=12)
HOSTILE_TEXT = st.builds(lambda first, parts: first + " ".join(parts).strip() + " x",
                         st.sampled_from(["=", "@", "+", "-", "x "]),  # starts a spreadsheet would run as formulas
                         st.lists(PIECES, min_size=2, max_size=5))
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
_BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)


class _Markup(HTMLParser):
    """The elements, attributes, links and scripts of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[tuple[tuple[str, str | None], ...], str]] = []
        self._script: tuple[tuple[str, str | None], ...] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in _URL_ATTRIBUTES and value:
                self.links.append((tag, name, value))
        if tag == "script":
            self._script, self._body = tuple(attrs), []

    def handle_data(self, data):
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._body)))
            self._script = None


def markup(text: str) -> _Markup:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser


_JAVASCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript",
                     "application/ecmascript")


def _executable(scripts):
    """The scripts a browser runs: no type or a JavaScript type; data blocks (JSON, JSON-LD) are not run."""
    return [(attrs, body) for attrs, body in scripts
            if (dict(attrs).get("type") or "").strip().lower() in _JAVASCRIPT_TYPES]


def _site_text_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".csv", ".bib", ".graphml", ".xml")}


@functools.cache
def clean_build() -> dict[str, str]:
    """The text files of the same catalog's site without the payloads (a function, not a fixture, so that a
    failing example does not print the whole site)."""
    folder = Path(tempfile.mkdtemp(prefix="vlkb-clean-site-"))
    try:
        root = folder / "catalog"
        shutil.copytree(FIXTURE_CATALOG, root)
        extend_catalog(root)
        result = build_site(root, folder / "site")
        assert result.returncode == 0, result.stderr
        return _site_text_files(folder / "site")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _search_markup(files: dict[str, str]) -> list[_Markup]:
    return [markup(doc.get("title", "") + doc.get("text", "")) for doc in json.loads(files["search/search_index.json"])["docs"]]


def _assert_no_live_markup(path: str, found: _Markup, tags: set[str], attributes: set[str]) -> None:
    assert found.tags <= tags, (path, found.tags - tags)
    assert found.attributes <= attributes, (path, found.attributes - attributes)
    assert not any(name.startswith("on") for name in found.attributes), path
    for tag, name, value in found.links:
        assert not _BAD_SCHEME.match(value) or (tag == "img" and value.startswith("data:image/")), (path, value)


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.generate])  # no shrinking: each example is a site build
@given(hostile=HOSTILE_TEXT)
def test_no_output_file_of_a_hostile_catalog_holds_live_markup_foreign_scripts_or_bad_links(
        tmp_path_factory, monkeypatch, hostile):
    clean = clean_build()
    root = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(FIXTURE_CATALOG, root)
    extend_catalog(root)
    monkeypatch.setattr(site_helpers, "HOSTILE", hostile[:500])
    make_hostile(root)
    result = build_site(root, root.parent / "site")
    assert result.returncode == 0, result.stderr
    files = _site_text_files(root.parent / "site")
    assert set(files) == set(clean)

    clean_pages = {path: markup(text) for path, text in clean.items() if path.endswith(".html")}
    tags = set().union(*(m.tags for m in clean_pages.values()))
    attributes = set().union(*(m.attributes for m in clean_pages.values()))
    for path, text in files.items():
        if not path.endswith(".html"):
            continue
        found = markup(text)
        _assert_no_live_markup(path, found, tags, attributes)
        assert _executable(found.scripts) == _executable(clean_pages[path].scripts), path  # no foreign script
        for attrs, _ in found.scripts:
            source = dict(attrs).get("src") or ""
            assert not re.match(r"^(?:[a-z]+:)?//", source), (path, source)
        for attrs, body in found.scripts:
            if (dict(attrs).get("type") or "").endswith("json"):
                json.loads(body)  # a data block that parses whole: no payload broke out of it

    clean_search = _search_markup(clean)
    search_tags = set().union(*(m.tags for m in clean_search))
    search_attributes = set().union(*(m.attributes for m in clean_search))
    for found in _search_markup(files):
        _assert_no_live_markup("search/search_index.json", found, search_tags, search_attributes)

    document = json.loads(files["data/vlkb.json"])
    for url in re.findall(r'"(?:url|paper|code|project)": "([^"]*)"', files["data/vlkb.json"]):
        assert url.startswith(("https://", "http://")), url
    assert document["papers"]
    for name in ("data/papers.csv", "data/results.csv"):
        for cells in csv.reader(io.StringIO(files[name])):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells), (name, cells)
            assert not any(cell.startswith("-") and not re.match(r"^-[\d.]+(?:e-?\d+)?$", cell) for cell in cells)
    library = bibtexparser.parse_string(files["data/vlkb.bib"])
    assert not library.failed_blocks and len(library.entries) == len(document["papers"])
    graph = ET.fromstring(files["data/vlkb.graphml"].encode("utf-8"))
    assert not any(element.tag.rsplit("}", 1)[-1] in ("script", "a", "iframe") for element in graph.iter())
    ET.fromstring(files["sitemap.xml"].encode("utf-8"))


def test_the_policy_fails_closed_when_the_content_is_not_in_the_page():
    from vlkb.site.csp import add_content_security_policy, theme_script_hashes

    page = ('<html><head><meta charset="utf-8"><script>theme()</script></head>'
            "<body><p>rewritten content</p><script>alert(1)</script></body></html>")
    assert theme_script_hashes(page, "<p>the content as rendered</p>") == []
    policy = re.search(r'content="([^"]*)"', add_content_security_policy(page, "<p>the content as rendered</p>"))
    assert "script-src 'self';" in policy.group(1) and "sha256" not in policy.group(1)
