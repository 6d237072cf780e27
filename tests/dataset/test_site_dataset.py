"""The dataset on the site: JSON-LD on paper pages (schema.org ScholarlyArticle) that record text cannot break,
the data page's version beside every download, its releases and tables, and the analysis page."""

from __future__ import annotations

import json
import re
from tests.paths import REPO_ROOT
from vlkb.checks.validation import validate_catalog
from vlkb.outputs.releases import Release
from vlkb.site.dataset_pages import dataset_section, paper_jsonld, scholarly_article
from vlkb.site.data_pages import Download, data_page

_LD = re.compile(r'<script type="application/ld\+json" data-search-exclude="true">(.*?)</script>', re.DOTALL)


def test_a_paper_page_carries_a_scholarly_article_that_parses_and_names_the_paper():
    catalog, problems = validate_catalog(REPO_ROOT / "tests" / "fixtures" / "catalog")
    paper = catalog.papers["llava"]
    found = _LD.findall(paper_jsonld(paper, catalog))
    assert len(found) == 1
    article = json.loads(found[0])
    assert article["@type"] == "ScholarlyArticle" and article["name"] == paper.title
    assert article["author"][0] == {"@type": "Person", "name": paper.authors.names[0]}
    assert "https://arxiv.org/abs/2304.08485" in article["sameAs"]


def test_record_text_cannot_end_the_json_ld_element():
    catalog, _ = validate_catalog(REPO_ROOT / "tests" / "fixtures" / "catalog")
    paper = catalog.papers["llava"].model_copy(update={"title": "</script><script>alert(1)</script> & <!--"})
    block = paper_jsonld(paper, catalog)
    assert block.count("</script>") == 1 and "<script>alert" not in block and "<!--" not in block
    assert json.loads(_LD.findall(block)[0])["name"] == paper.title
    assert scholarly_article(paper, catalog)["headline"] == paper.title[:110]


def test_the_data_page_names_the_version_of_every_download_and_lists_the_releases_and_tables():
    downloads = [Download("data/vlkb.json", "vlkb.json", "Every record", 10),
                 Download("data/papers.parquet", "papers.parquet", "Papers", 20)]
    page = data_page(downloads, version="9.8.7")
    assert page.body_html.count("<td>9.8.7</td>") == 2 and "<th scope=\"col\">Version</th>" in page.body_html
    releases = [Release("9.8.7", __import__("datetime").date(2026, 12, 3), "Notes <b>here</b>")]
    section = dataset_section(page.src_uri, "9.8.7", releases, downloads, "2026-12-03")
    assert "<code>v9.8.7</code>" in section and "Notes &lt;b&gt;here&lt;/b&gt;" in section
    assert 'id="t-columns-results"' in section and "CC BY 4.0" in section and "MIT" in section
    dataset = json.loads(_LD.findall(section)[0])
    assert dataset["@type"] == "Dataset" and dataset["version"] == "9.8.7"
    assert [d["contentUrl"] for d in dataset["distribution"]] == ["vlkb.json", "papers.parquet"]
