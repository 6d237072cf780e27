"""The built site in a real headless chromium: charts drawn, tables sort and filter, search works,
no console error, no request leaves localhost, and hostile record text stays text."""

from __future__ import annotations

import html

from pathlib import Path

import pytest

from browser import Browser, SiteServer, missing_reason
from site_helpers import FIXTURE_CATALOG, HOSTILE, build_site, extend_catalog, make_hostile

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or "")]

LEAF = "taxonomy/vision-to-text/image-to-text/general-domain/general-ability/"


def _site(tmp_path_factory, hostile: bool) -> Path:
    import shutil

    base = tmp_path_factory.mktemp("hostile" if hostile else "plain")
    catalog = extend_catalog(Path(shutil.copytree(FIXTURE_CATALOG, base / "catalog")))
    if hostile:
        make_hostile(catalog)
    result = build_site(catalog, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def browser():
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    served = SiteServer(_site(tmp_path_factory, hostile=False))
    yield served
    served.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    served = SiteServer(_site(tmp_path_factory, hostile=True))
    yield served
    served.close()


def visit(browser: Browser, server: SiteServer, path: str) -> None:
    browser.drain()
    browser.driver.get(server.base + path)
    browser.wait_for("return document.readyState === 'complete'")


def assert_clean(browser: Browser) -> None:
    errors, foreign = browser.drain()
    assert errors == [], errors
    assert foreign == [], foreign


def charts_drawn(browser: Browser, expected: int) -> None:
    browser.wait_for(f"return document.querySelectorAll('.vlkb-chart[data-rendered] .main-svg').length >= {expected}")
    assert browser.js("return document.querySelectorAll('.vlkb-chart').length") == expected


@pytest.mark.parametrize("path, charts", [("", 0), ("papers/llava-1-5/", 0), (LEAF, 0),
                                          ("benchmarks/vqav2/", 1), ("timeline/", 3), ("taxonomy/", 1),
                                          ("graph/", 1), ("components/clip-vit-l-14-336/", 1), ("data/quality/", 0)])
def test_page_renders_its_charts_without_errors_or_outside_requests(browser, server, path, charts):
    visit(browser, server, path)
    if charts:
        charts_drawn(browser, charts)
    assert browser.js("return document.querySelector('article h1').textContent.length") > 0
    assert_clean(browser)


def _first_column(browser: Browser) -> list[str]:
    return browser.js("return Array.from(document.querySelectorAll('#t-papers tbody tr'))"
                      ".filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())")


def test_leaf_table_sorts_and_filters(browser, server):
    visit(browser, server, LEAF)
    browser.js("document.querySelector('#t-papers thead th button').click()")
    ascending = _first_column(browser)
    assert ascending == sorted(ascending, key=str.lower) and len(ascending) == 4
    browser.js("document.querySelector('#t-papers thead th button').click()")
    assert _first_column(browser) == ascending[::-1]
    browser.js("const box = document.querySelector('.vlkb-filter-text'); box.value = 'qwen';"
               "box.dispatchEvent(new Event('input'))")
    assert _first_column(browser) == ["Qwen2-VL"]
    assert_clean(browser)


def test_leaderboard_filters_by_model_size_and_flags_disagreement(browser, server):
    visit(browser, server, "benchmarks/vqav2/")
    rows = "return Array.from(document.querySelectorAll('#t-leaderboard tbody tr')).filter(r => !r.hidden).length"
    assert browser.js(rows) == 3
    browser.js("const s = document.querySelector('select[data-column=\"7\"]'); s.value = '3B-10B';"
               "s.dispatchEvent(new Event('change'))")
    assert browser.js(rows) == 2
    assert "disputed" in browser.js("return document.querySelector('#t-leaderboard').textContent")
    assert_clean(browser)


def test_sunburst_click_opens_the_node_page(browser, server):
    visit(browser, server, "taxonomy/")
    charts_drawn(browser, 1)
    browser.js("const el = document.querySelector('.vlkb-chart'); const i = el.data[0].ids.indexOf(arguments[0]);"
               "el.emit('plotly_sunburstclick', {points: [{customdata: el.data[0].customdata[i]}]})",
               LEAF.strip("/").removeprefix("taxonomy/"))
    browser.wait_for("return location.pathname.endsWith('/general-ability/')")
    assert_clean(browser)


@pytest.mark.parametrize("query, expected", [("LLaVA", "LLaVA"), ("2310.03744", "Improved Baselines"),
                                             ("Savarese", "BLIP-2")])
def test_search_finds_papers_by_name_arxiv_id_and_author(browser, server, query, expected):
    visit(browser, server, "")
    browser.js("document.querySelector('label[for=\"__search\"]').click()")
    field = browser.driver.find_element("css selector", "input.md-search__input")
    field.send_keys(query)
    browser.wait_for("return document.querySelectorAll('.md-search-result__item').length > 0")
    found = browser.js("return document.querySelector('.md-search-result__list').textContent")
    assert expected in found
    assert_clean(browser)


@pytest.mark.parametrize("path", ["", "papers/llava-1-5/", LEAF, "taxonomy/", "benchmarks/vqav2/", "timeline/",
                                  "components/vicuna-7b-v1-5/", "components/", "data/quality/", "graph/"])
def test_hostile_record_text_is_shown_literally_and_never_runs(browser, hostile_server, path):
    visit(browser, hostile_server, path)
    browser.js("return 0")
    charts = browser.js("return document.querySelectorAll('.vlkb-chart').length")
    if charts:
        charts_drawn(browser, charts)
    assert browser.js("return window.__pwned === undefined")
    assert browser.js("return document.querySelectorAll('article script:not([type=\"application/json\"]),"
                      " article img, article svg [onload], article [onerror]').length") == 0
    if path == "timeline/":  # the stream label shows only inside the charts (legend, axis)
        assert "<script>window.__pwned" in browser.js(
            "return Array.from(document.querySelectorAll('.vlkb-chart')).map(c => c.textContent).join(' ')")
    elif path != "graph/":  # graph labels appear on hover only
        assert HOSTILE in browser.js("return document.body.innerText.replace(/\\s+/g, ' ')")
    assert_clean(browser)


def test_hostile_title_shows_literally_in_heading_and_tab(browser, hostile_server):
    visit(browser, hostile_server, "papers/llava-1-5/")
    assert browser.js("return document.querySelector('article h1').textContent") == HOSTILE
    assert browser.driver.title.startswith(HOSTILE)
    assert browser.js("return window.__pwned === undefined")


def test_hostile_text_in_chart_labels_stays_text(browser, hostile_server):
    visit(browser, hostile_server, "taxonomy/")
    charts_drawn(browser, 1)
    # the chart's data holds the label escaped once (plotly reads labels as HTML, so it shows the text
    # literally); what plotly draws of it (it may shorten a long label to fit its wedge) is SVG text
    labels = browser.js("return Array.from(document.querySelectorAll('.vlkb-chart'))"
                        ".flatMap(div => (div.data || []).flatMap(trace => trace.labels || []))")
    assert html.escape(HOSTILE, quote=True) in labels
    assert browser.js("return document.querySelectorAll('.vlkb-chart script, .vlkb-chart img, .vlkb-chart foreignObject *').length") == 0
    assert browser.js("return window.__pwned === undefined")
    assert_clean(browser)


def test_hostile_text_in_search_results_stays_text(browser, hostile_server):
    visit(browser, hostile_server, "")
    browser.js("document.querySelector('label[for=\"__search\"]').click()")
    browser.driver.find_element("css selector", "input.md-search__input").send_keys("Second")
    browser.wait_for("return document.querySelectorAll('.md-search-result__item').length > 0")
    assert browser.js("return document.querySelectorAll('.md-search-result img, .md-search-result script').length") == 0
    assert "<script>window.__pwned" in browser.js("return document.querySelector('.md-search-result__list').textContent")
    assert browser.js("return window.__pwned === undefined")
    assert_clean(browser)
