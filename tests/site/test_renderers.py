"""The pure renderers, tested without mkdocs: escaping, links, tables, charts, cross-references."""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_helpers import HOSTILE
from tests.paths import REPO_ROOT
from vlkb.site.benchmark_pages import benchmark_page
from vlkb.site.common import page_url, rel
from vlkb.site.csp import add_content_security_policy, theme_script_hashes
from vlkb.site.html import esc, json_for_script, link, safe_href
from vlkb.site.index import SiteIndex, size_bucket
from vlkb.stated_counts import stated_count
from vlkb.site.inputs import complete_inputs
from vlkb.site.pages import site_pages
from vlkb.site.paper_page import paper_page
from vlkb.site.taxonomy_pages import sunburst
from vlkb.checks.validation import validate_catalog

REPO = REPO_ROOT


def _index(root: Path) -> SiteIndex:
    catalog, problems = validate_catalog(root)
    assert not problems
    return SiteIndex(catalog)


def test_links_with_other_schemes_render_as_plain_text():
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("JaVaScRiPt:alert(1)") is None
    assert safe_href("data:text/html,<b>") is None
    assert safe_href("https://example.org/a b") is None
    assert link("javascript:alert(1)", "<x>") == "&lt;x&gt;"
    assert link('https://example.org/?q="><script>', "t").startswith('<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;"')


def test_json_in_script_element_cannot_close_it():
    text = json_for_script({"label": "</script><script>alert(1)</script>", "amp": "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["label"] == "</script><script>alert(1)</script>"


def test_relative_links_between_pages():
    assert page_url("index.md") == "" and page_url("papers/llava.md") == "papers/llava/"
    assert page_url("taxonomy/a/b/index.md") == "taxonomy/a/b/"
    assert rel("papers/llava.md", "benchmarks/vqav2/") == "../../benchmarks/vqav2/"
    assert rel("index.md", "papers/llava/") == "papers/llava/"
    assert rel("papers/llava.md", "") == "../../"
    assert rel("data/index.md", "data/vlkb.json") == "vlkb.json"


def test_stated_counts_and_size_buckets():
    assert stated_count("7B") == 7e9 and stated_count("304M") == 3.04e8 and stated_count("123") == 123
    assert stated_count(None) is None and size_bucket(None) == "unknown"
    assert size_bucket(7e9) == "3B-10B" and size_bucket(72e9) == "over 30B" and size_bucket(1.8e9) == "up to 3B"


def test_paper_page_shows_architecture_results_lineage_and_record(site_catalog):
    index = _index(site_catalog)
    page = paper_page(index, index.catalog.papers["llava-1-5"], bibtex=lambda p, c: "@misc{x,\n  title={T}\n}")
    md = page.body_html
    assert "<h1" in md and "Improved Baselines with Visual Instruction Tuning" in md
    assert 'href="../../components/clip-vit-l-14-336/"' in md and "576" in md
    assert 'href="../../benchmarks/vqav2/"' in md and "70.5" in md
    assert 'href="../llava/"' in md  # builds on
    assert "catalog/papers/llava-1-5.yaml" in md and page.edit_path == "catalog/papers/llava-1-5.yaml"
    assert "Copy BibTeX" in md and "\n\n" not in md.split("BibTeX</h2>")[-1].split("## ")[0].strip()
    older = paper_page(index, index.catalog.papers["llava"]).body_html
    assert 'href="../llava-1-5/"' in older  # built upon by


def test_generated_markdown_never_carries_record_text_unescaped(hostile_catalog):
    index = _index(hostile_catalog)
    for page in site_pages(index.catalog, complete_inputs(index.catalog, REPO)):
        for payload in ("<script>", "<img src=x", "<svg onload", '"><img'):
            assert payload not in page.body_html, (page.src_uri, payload)
        # a blank line would end the raw HTML block and hand the rest to markdown
        for chunk in page.body_html.split("\n\n"):
            assert not chunk.startswith("[click me]"), page.src_uri


def test_leaf_page_lists_its_papers_in_a_sortable_table(site_catalog):
    index = _index(site_catalog)
    pages = {p.src_uri: p for p in site_pages(index.catalog, complete_inputs(index.catalog, REPO))}
    leaf = pages["taxonomy/vision-to-text/image-to-text/general-domain/general-ability/index.md"]
    assert 'class="vlkb-table vlkb-sortable vlkb-fit"' in leaf.body_html  # sortable, and every column in view
    for paper_id in ("llava", "llava-1-5", "blip-2", "qwen2-vl"):
        assert f'href="../../../../../papers/{paper_id}/"' in leaf.body_html
    assert "papers/llava.md" in pages and "timeline.md" in pages and "graph.md" in pages


def test_benchmark_page_flags_sources_that_disagree_and_charts_the_best_score(site_catalog):
    index = _index(site_catalog)
    page = benchmark_page(index, index.catalog.benchmarks["vqav2"])
    assert "Sources that disagree" in page.body_html and "disputed" in page.body_html
    figure = json.loads(re.search(r'<script type="application/json" id="best-vqav2-data">(.*?)</script>',
                                  page.body_html).group(1))
    assert figure["data"][0]["y"] == [60.25, 71.0]  # running best: the older paper, then the newer one
    assert page.charts


def test_chart_labels_are_escaped_because_plotly_reads_them_as_html(hostile_catalog):
    index = _index(hostile_catalog)
    figure = sunburst(index, "taxonomy/index.md")
    assert esc(HOSTILE) in figure["data"][0]["labels"]
    assert all("<script" not in label for label in figure["data"][0]["labels"])


def test_same_catalog_renders_the_same_pages(site_catalog):
    first = [(p.src_uri, p.body_html) for p in site_pages(_index(site_catalog).catalog, complete_inputs(_index(site_catalog).catalog, REPO))]
    second = [(p.src_uri, p.body_html) for p in site_pages(_index(site_catalog).catalog, complete_inputs(_index(site_catalog).catalog, REPO))]
    assert first == second


def test_csp_allows_theme_scripts_by_hash_but_never_scripts_in_the_content():
    content = "<p>x</p><script>alert(1)</script>"
    page = f'<html><head><meta charset="utf-8"><script>theme()</script></head><body>{content}</body></html>'
    hashes = theme_script_hashes(page, content)
    assert len(hashes) == 1
    out = add_content_security_policy(page, content)
    assert out.index("Content-Security-Policy") < out.index("<script>theme()")
    assert "'unsafe-inline'" not in out.split("script-src")[1].split(";")[0]


def test_csp_hashes_every_theme_script_around_the_content_and_none_inside_it():
    import base64
    import hashlib

    def source(body: str) -> str:
        return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"

    content = '<h1>t</h1><script>inside()</script><SCRIPT type="text/javascript">also_inside()</SCRIPT>'
    page = ('<html><head><meta charset="utf-8"><script>first()</script><script src="a.js"></script>'
            '<script type="application/json">{"data": 1}</script></head><body>'
            f'<article>{content}</article><SCRIPT>last()</Script><script>first()</script>'
            '<script>\n</script></body></html>')
    assert theme_script_hashes(page, content) == [source("first()"), source("last()")]
    assert theme_script_hashes(page, "") == [source("first()"), source("inside()"), source("also_inside()"),
                                             source("last()")]  # no content given: the whole page is the theme's
    assert theme_script_hashes(page, "<p>not on this page</p>") == []  # content not found: fail closed


def test_generated_pages_render_without_markdown_and_defer_what_search_skips():
    import pytest

    from vlkb.site.page_body import render_generated, restore_deferred

    markdown = ('<div>a &lt;b&gt;</div>\n\n## Results {#results}\n\n'
                '<div class="vlkb-scroll" data-search-exclude="true"><table></table></div>\n\n')
    rendered = render_generated(markdown)
    assert rendered.toc == [(2, "results", "Results")]
    assert "a &lt;b&gt;" in rendered.html and "<table>" not in rendered.html and "<h2" not in rendered.html
    final = restore_deferred(rendered.html, rendered.deferred)
    assert final.count("<table>") == 1 and final.index('<h2 id="results">Results</h2>') < final.index("<table>")
    with pytest.raises(ValueError):
        render_generated("## A heading with no anchor\n\n")


def test_ledger_rows_link_only_allowed_sources_and_escape_the_rest(site_catalog):
    from vlkb.site.data_pages import ledger_page

    index = _index(site_catalog)
    entries = [{"catalog_id": "llava-1-5", "model": "<b>m</b>", "quantity": "total_parameters", "stated": "7B",
                "computed": 7062902784, "difference": 62902784, "verdict": "matched",
                "source": "javascript:alert(1) (model card)", "command": "python -m x <y>"},
               {"catalog_id": "llava", "model": "m2", "verdict": "diverged", "source": "https://example.org/a card"}]
    md = ledger_page(index, entries).body_html
    assert "&lt;b&gt;m&lt;/b&gt;" in md and 'href="javascript' not in md and "7,062,902,784" in md
    assert '<a href="https://example.org/a"' in md and 'href="../../papers/llava-1-5/"' in md
    page = paper_page(index, index.catalog.papers["llava-1-5"], verdicts=entries[:1])
    assert "Reproduced numbers" in page.body_html and "matched" in page.body_html


def test_the_architecture_card_shows_computed_counts_beside_the_stated_ones(site_catalog):
    index = _index(site_catalog)
    checks = [{"catalog_id": "llava-1-5", "model": "test-7b", "quantity": "total_parameters", "stated": "7B",
               "computed": 7062902784, "difference": 62902784, "verdict": "matched"},
              {"catalog_id": "llava-1-5", "model": "test-7b", "quantity": "visual_tokens", "stated": "576",
               "computed": 576, "difference": 0, "verdict": "matched"},
              {"catalog_id": "llava-1-5", "model": "another-model", "quantity": "visual_tokens", "stated": "1",
               "computed": 2, "difference": 1, "verdict": "diverged"}]
    html = paper_page(index, index.catalog.papers["llava-1-5"], verdicts=checks).body_html
    card = html[html.index('class="vlkb-card"'):]
    card = card[:card.index("</section>")]
    assert "<dt>Parameters</dt><dd>7B <small>(stated)</small><br>" in card
    assert "computed 7,062,902,784: matched against 7B" in card and "computed 576: matched against 576" in card
    assert "AnyRes (a grid of crops plus a downscaled view)" in card
    assert "diverged" not in card, "another model's check on this card"
    assert "<code>test-7b</code>" in card


def test_serve_watches_the_catalog_so_a_record_edit_rebuilds(site_catalog, monkeypatch):
    import importlib

    monkeypatch.setenv("VLKB_CATALOG", str(site_catalog))
    hooks = importlib.import_module("vlkb.site.hooks")

    class Config(dict):
        config_file_path = str(REPO_ROOT / "mkdocs.yml")
        extra = {"vlkb": {"catalog": "catalog"}}

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = hooks.on_serve(Server(), Config(), builder=None)
    assert server.watched == [str(site_catalog.resolve())]


def test_relative_links_match_posix_relpath_for_every_pair_of_site_paths():
    import itertools
    import posixpath

    sources = ["index.md", "about.md", "papers/llava.md", "taxonomy/index.md", "taxonomy/a/b/c.md", "data/index.md"]
    targets = ["", "papers/llava/", "papers/", "data/vlkb.json", "taxonomy/a/", "taxonomy/a/b/c/", "assets/x.js"]
    for source, target in itertools.product(sources, targets):
        here = page_url(source) or "."
        expected = posixpath.relpath(target or ".", here.rstrip("/") or ".")
        if target.endswith("/") or target == "":
            expected = expected.rstrip("/") + "/" if expected != "." else "./"
        assert rel(source, target) == expected, (source, target)


def test_components_are_grouped_by_family_with_the_explorer_listing_their_papers(site_catalog):
    from vlkb.site.component_pages import component_pages

    overview = component_pages(_index(site_catalog))[0].body_html
    encoders = overview[overview.index('id="t-vision-encoder"'):]
    encoders = encoders[:encoders.index("</table>")]
    assert "<td>CLIP</td>" in encoders and 'href="clip-vit-l-14-336/"' in encoders
    assert 'href="../explore/?encoder=CLIP">1 paper</a>' in encoders
    assert "Vicuna" in overview[overview.index('id="t-language-model"'):]


def test_a_long_list_of_results_moves_to_its_own_page_linked_both_ways(site_catalog: Path, monkeypatch):
    import vlkb.site.paper_page as paper_page_module
    from vlkb.site.pages import page_names

    index = _index(site_catalog)
    paper = index.catalog.papers["llava-1-5"]
    assert paper_page_module.results_page_src(paper) is None  # a few results stay on the paper page
    inline = paper_page(index, paper).body_html
    monkeypatch.setattr(paper_page_module, "RESULTS_PAGE_FROM", 1)  # as if the list were long
    assert "papers/llava-1-5/results.md" in page_names(index.catalog)  # the build lists the page up front
    pages = {p.src_uri: p for p in site_pages(index.catalog, complete_inputs(index.catalog, REPO))}
    moved, own = pages["papers/llava-1-5.md"].body_html, pages["papers/llava-1-5/results.md"].body_html
    assert 'id="t-results"' in inline and 'id="t-results"' not in moved and 'id="t-results"' in own
    assert 'href="results/"' in moved and 'href="../"' in own  # each links the other
    assert 'href="../../../benchmarks/vqav2/"' in own  # links from the page's own place
    assert "2 results of this paper" in moved


def test_the_record_section_says_where_the_date_and_venue_were_read(site_catalog: Path):
    record = site_catalog / "papers" / "llava-1-5.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nvenue: ", "\ndate_source:\n  url: https://arxiv.org/abs/2310.03744v1\n"
                                   "  note: \"'[v1] Thu, 5 Oct 2023' <script>x</script>\"\nvenue_source:\n"
                                   "  url: https://openaccess.thecvf.com/CVPR2024\n  locator: proceedings index\nvenue: ", 1),
                      encoding="utf-8")
    index = _index(site_catalog)
    record_section = paper_page(index, index.catalog.papers["llava-1-5"]).body_html.split("Record file")[1]
    assert "<dt>Date from</dt>" in record_section and 'href="https://arxiv.org/abs/2310.03744v1"' in record_section
    assert "&lt;script&gt;" in record_section and "<script>" not in record_section
    assert "<dt>Venue from</dt>" in record_section and "(proceedings index)" in record_section
    plain = paper_page(index, index.catalog.papers["llava"]).body_html.split("Record file")[1]
    assert "Date from" not in plain  # no source recorded, no row
