"""The lineage graph page and each paper page's neighbourhood: the renderers' output (placement by date, every
builds-on edge, filters, links, escaping) and the page in a real headless chromium (find, filter, click).

The fixture catalog is the site tests' one plus a test paper in a second stream and of a second kind that
builds on LLaVA-1.5 and uses its vision encoder; its facts are test inputs, marked TEST VALUE.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from browser import Browser, SiteServer, missing_reason
from site_helpers import FIXTURE_CATALOG, HOSTILE, build_site, extend_catalog, make_hostile
from vlkb.checks.validation import validate_catalog
from vlkb.outputs.graph import knowledge_graph
from vlkb.site import lineage
from vlkb.site.graph_page import _view_note, graph_page
from vlkb.site.index import SiteIndex
from vlkb.site.paper_page import paper_page

TEST_PAPER = "test-robot-policy"


def add_test_paper(root: Path) -> Path:
    """A vision-to-action method that builds on LLaVA-1.5 and shares its CLIP encoder and Vicuna model."""
    record = {
        "id": TEST_PAPER, "title": "TEST RECORD: a robot policy on LLaVA-1.5", "short_name": "TestBot",
        "kind": "method",
        "authors": {"names": ["Test Author"], "status": "unconfirmed",
                    "sources": [{"url": "https://example.org/test-record"}]},
        "date": dt.date(2024, 3, 1), "venue": "corl", "venue_year": 2024,
        "taxonomy": ["vision-to-action/embodied-ai/manipulation"],
        "input_modalities": ["image", "text"], "output_modalities": ["text"],
        "architecture": [{"variant": "TestBot-7B", "vision_encoder": "clip-vit-l-14-336", "projector": "mlp",
                          "language_model": "vicuna-7b-v1-5", "note": "TEST VALUE",
                          "sources": [{"arxiv": "2310.03744v2", "locator": "Table 1"}]}],
        "builds_on": ["llava-1-5"], "added": dt.date(2026, 12, 4),
    }
    (root / "papers" / f"{TEST_PAPER}.yaml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
    return root


def make_catalog(base: Path, hostile: bool = False) -> Path:
    root = extend_catalog(Path(shutil.copytree(FIXTURE_CATALOG, base / "catalog")))
    if hostile:
        make_hostile(root)
    return add_test_paper(root)


def load_index(root: Path) -> SiteIndex:
    catalog, problems = validate_catalog(root)
    assert not problems, problems
    return SiteIndex(catalog)


@pytest.fixture
def index(tmp_path: Path) -> SiteIndex:
    return load_index(make_catalog(tmp_path))


def page_data(body: str) -> dict:
    found = re.search(r'<script type="application/json" id="lineage-data">(.*?)</script>', body)
    assert found, "the graph page carries its data as inline JSON"
    return json.loads(found.group(1))


# ---- the renderer ---------------------------------------------------------------------------------------

def test_papers_are_placed_left_to_right_by_date_in_a_lane_per_stream(index):
    data = lineage.lineage_data(knowledge_graph(index.catalog))
    papers = data["papers"]
    assert sorted(papers["id"]) == sorted(index.catalog.papers)
    lanes = [lane["id"] for lane in data["lanes"]]
    assert lanes[:2] == ["vision-to-text", "vision-to-action"]  # the survey's streams lead, in its order
    for i, pid in enumerate(papers["id"]):
        record = index.catalog.papers[pid]
        assert papers["date"][i] == record.date.isoformat()
        assert lanes[papers["lane"][i]] == index.streams(record)[0]
        assert data["kinds"][papers["kind"][i]]["id"] == record.kind
        assert 0 <= papers["row"][i] < data["lanes"][papers["lane"][i]]["rows"]
    for lane in range(len(lanes)):  # inside a lane, a row holds papers far enough apart in time
        for row in set(papers["row"]):
            days = sorted(dt.date.fromisoformat(papers["date"][i]) for i in range(len(papers["id"]))
                          if papers["lane"][i] == lane and papers["row"][i] == row)
            assert all((b - a).days >= lineage.ROW_GAP_DAYS for a, b in zip(days, days[1:]))


def test_rows_pack_papers_apart_and_stop_at_the_cap(monkeypatch):
    day = dt.date(2024, 1, 1)
    assert lineage._pack_rows([day, day, day + dt.timedelta(days=lineage.ROW_GAP_DAYS)]) == [0, 1, 0]
    monkeypatch.setattr(lineage, "MAX_ROWS", 2)
    assert lineage._pack_rows([day] * 4) == [0, 1, 0, 1]


def test_the_chart_opens_without_a_lone_early_paper_and_says_so():
    days = [dt.date(2019, 4, 3), dt.date(2022, 4, 15), dt.date(2023, 1, 2)]
    opening = lineage._opening_view(days)
    assert opening["before_view"] == 1
    assert opening["view"] == [(days[1] - dt.timedelta(days=lineage.VIEW_MARGIN_DAYS)).isoformat(),
                               (days[2] + dt.timedelta(days=lineage.VIEW_MARGIN_DAYS)).isoformat()]
    assert lineage._opening_view(days[1:])["before_view"] == 0 and lineage._opening_view([])["view"] is None
    data = {"before_view": 1, "view": opening["view"], "papers": {"id": ["b", "a"], "date": ["2022-04-15", "2019-04-03"]}}
    assert "1 earlier paper (from 2019) sits more than a year before the rest" in _view_note(data)


def test_every_builds_on_edge_is_drawn(index):
    data = lineage.lineage_data(knowledge_graph(index.catalog))
    ids = data["papers"]["id"]
    drawn = {(ids[child], ids[parent]) for child, parent in data["edges"]}
    recorded = {(p.id, parent) for p in index.catalog.papers.values() for parent in p.builds_on}
    assert drawn == recorded and (TEST_PAPER, "llava-1-5") in drawn and ("llava-1-5", "llava") in drawn


def test_graph_page_has_filters_a_find_box_and_links_to_paper_pages(index):
    page = graph_page(knowledge_graph(index.catalog))
    body = page.body_html
    assert page.charts and page.src_uri == "graph.md"
    for lane in ("vision-to-text", "vision-to-action"):
        assert f'<input type="checkbox" data-lane="{lane}" checked>' in body
    for kind in ("model", "method"):
        assert f'<input type="checkbox" data-kind="{kind}" checked>' in body
    assert 'id="lineage-find"' in body and 'id="lineage-linked"' in body and 'id="lineage-reset"' in body
    assert 'class="vlkb-chart vlkb-lineage" id="lineage"' in body and 'data-root="../"' in body
    assert "data-figure" not in body  # vlkb.js leaves the chart to vlkb-graph.js
    links = re.findall(r'<tr><td><a href="\.\./papers/([a-z0-9-]+)/">', body)
    assert sorted(links) == ["llava-1-5", TEST_PAPER]  # the table of every builds-on link, child first
    assert 'href="../papers/llava/"' in body and "2 builds-on links" in body
    assert page_data(body)["edges"] == lineage.lineage_data(knowledge_graph(index.catalog))["edges"]


def test_the_graph_page_needs_the_graph():
    with pytest.raises(ValueError, match="knowledge graph"):
        graph_page(None)


def test_hostile_names_are_escaped_on_the_graph_page(tmp_path):
    catalog = load_index(make_catalog(tmp_path, hostile=True)).catalog
    body = graph_page(knowledge_graph(catalog)).body_html
    for payload in ("<script>", "<img src=x", "<svg onload", '"><img'):
        assert payload not in body
    assert html.escape(HOSTILE, quote=True) in body  # the link table shows it as text
    data = page_data(body)
    assert HOSTILE in data["papers"]["name"]  # raw in the JSON (vlkb-graph.js escapes it for plotly)
    assert HOSTILE in [lane["label"] for lane in data["lanes"]]


# ---- a paper page's neighbourhood -------------------------------------------------------------------------

def test_paper_page_shows_builds_on_built_upon_by_and_shared_components(index):
    body = paper_page(index, index.catalog.papers["llava-1-5"]).body_html
    section = body.split("{#lineage}")[1]
    assert '<div class="vlkb-neighbourhood">' in section
    builds_on, _, upon = section.partition("Built upon by")
    assert 'href="../llava/">LLaVA</a> <small>2023</small>' in builds_on
    assert f'href="../{TEST_PAPER}/">TestBot</a> <small>2024</small>' in upon.split("Shares components with")[0]
    shared = section.split("<h3>Shares components with</h3>")[1]
    assert 'href="../../components/clip-vit-l-14-336/">' in shared and "(vision encoder), also in 1 other paper:" in shared
    assert 'href="../../components/vicuna-7b-v1-5/">' in shared and "(language model)" in shared
    assert f'href="../{TEST_PAPER}/"' in shared
    assert 'href="../../graph/?find=llava-1-5"' in section


def test_shared_components_list_a_few_papers_and_link_the_rest(index, monkeypatch):
    monkeypatch.setattr(lineage, "SHARED_SHOWN", 0)
    html_out = lineage.neighbourhood_html(index, "papers/llava-1-5.md", index.catalog.papers["llava-1-5"])
    assert 'and <a href="../../components/clip-vit-l-14-336/#users">1 more</a>' in html_out
    assert f'href="../{TEST_PAPER}/"' not in html_out.split("Shares components with")[1]


def test_a_paper_without_lineage_or_architecture_says_so(index):
    html_out = lineage.neighbourhood_html(index, "papers/blip-2.md", index.catalog.papers["blip-2"])
    assert html_out.count("<p>None recorded.</p>") == 2 and "Shares components with" not in html_out


# ---- the page in a real browser -----------------------------------------------------------------------------

def browser_only(test):
    """Marks a test that drives Debian's chromium at 1280x900 (tests/site/browser.py), skipped without it."""
    for mark in (pytest.mark.browser, pytest.mark.slow,
                 pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or "")):
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("graph-site")
    result = build_site(make_catalog(base), base / "site")
    assert result.returncode == 0, result.stderr
    server = SiteServer(base / "site")
    opened = Browser()
    yield opened, server
    opened.close()
    server.close()


def _open(browser: Browser, server: SiteServer, path: str) -> None:
    browser.drain()
    browser.driver.get(server.base + path)
    browser.wait_for("return document.readyState === 'complete'")
    browser.wait_for("return document.querySelector('#lineage[data-rendered] .main-svg') !== null")


def _clean(browser: Browser) -> None:
    errors, foreign = browser.drain()
    assert errors == [] and foreign == [], (errors, foreign)


NODES = "return document.getElementById('lineage').data.find(t => t.name === 'papers').customdata"
FOUND = "return document.getElementById('lineage').data.find(t => t.name === 'found').customdata"


@browser_only
def test_graph_finds_filters_and_opens_papers_in_a_browser(served):
    browser, server = served
    _open(browser, server, "graph/")
    assert browser.js("return window.outerWidth") == 1280  # Browser's --window-size=1280,900
    assert sorted(browser.js(NODES)) == sorted(f"../papers/{p}/" for p in
                                               ("blip-2", "llava", "llava-1-5", "qwen2-vl", TEST_PAPER))
    assert browser.js("return document.querySelectorAll('#lineage .scatterlayer .point').length") >= 5

    find = browser.driver.find_element("css selector", "#lineage-find")
    find.send_keys("LLaVA-1.5")  # typed: an exact name highlights the paper at once
    browser.wait_for("return document.getElementById('lineage').data.find(t => t.name === 'found').x.length === 1")
    assert browser.js(FOUND) == ["../papers/llava-1-5/"]
    assert "LLaVA-1.5" in browser.js("return document.getElementById('lineage-status').textContent")
    assert browser.js("return location.search") == "?find=llava-1-5"
    low, high = browser.js("return document.getElementById('lineage').layout.xaxis.range")
    assert str(low)[:10] < "2023-10-05" < str(high)[:10]  # centred on its date

    browser.driver.find_element("css selector", 'input[data-lane="vision-to-action"]').click()
    browser.wait_for(f"return !document.getElementById('lineage').data.find(t => t.name === 'papers')"
                     f".customdata.includes('../papers/{TEST_PAPER}/')")
    ticks = browser.js("return document.getElementById('lineage').layout.yaxis.ticktext")
    assert "Vision-to-action" not in ticks and "Vision-to-text" in ticks
    browser.driver.find_element("css selector", 'input[data-lane="vision-to-action"]').click()
    browser.wait_for(f"return document.getElementById('lineage').data.find(t => t.name === 'papers')"
                     f".customdata.includes('../papers/{TEST_PAPER}/')")
    browser.driver.find_element("css selector", 'input[data-kind="model"]').click()
    assert browser.js(NODES) == [f"../papers/{TEST_PAPER}/"]  # only the method is left
    _clean(browser)

    # a real click on the point of LLaVA opens its page
    browser.driver.find_element("css selector", "#lineage-reset").click()
    browser.driver.find_element("css selector", 'input[data-kind="model"]').click()
    browser.wait_for(NODES.replace("customdata", "customdata.length === 5"))
    browser.js("document.getElementById('lineage').scrollIntoView({block: 'center'})")
    offset = browser.js("""
        const gd = document.getElementById('lineage'), trace = gd.data.findIndex(t => t.name === 'papers');
        const i = gd.data[trace].customdata.indexOf('../papers/llava/'), point = gd.calcdata[trace][i];
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
        return [xa._offset + xa.c2p(point.x) - box.width / 2, ya._offset + ya.c2p(point.y) - box.height / 2];""")
    from selenium.webdriver.common.action_chains import ActionChains

    chart = browser.driver.find_element("css selector", "#lineage")
    ActionChains(browser.driver).move_to_element_with_offset(chart, int(offset[0]), int(offset[1])).pause(0.5).click().perform()
    browser.wait_for("return location.pathname.endsWith('/papers/llava/')")
    _clean(browser)


@browser_only
def test_paper_page_links_to_itself_on_the_graph_in_a_browser(served):
    browser, server = served
    browser.drain()
    browser.driver.get(server.base + "papers/llava-1-5/")
    browser.wait_for("return document.readyState === 'complete'")
    shared = browser.js("return document.querySelector('.vlkb-neighbourhood').parentNode.textContent")
    assert "Built upon by" in shared and "TestBot" in shared and "Shares components with" in shared
    browser.driver.find_element("link text", "Show it on the lineage graph").click()
    browser.wait_for("return document.querySelector('#lineage[data-rendered] .main-svg') !== null")
    browser.wait_for("return document.getElementById('lineage').data.find(t => t.name === 'found').x.length === 1")
    assert browser.js(FOUND) == ["../papers/llava-1-5/"]
    assert browser.js("return document.getElementById('lineage-find').value") == "LLaVA-1.5"
    _clean(browser)

