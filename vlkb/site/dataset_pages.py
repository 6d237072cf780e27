"""The catalog as a dataset on the site: the data page's version, releases, licences, tables and examples,
its schema.org `Dataset` JSON-LD, and the schema.org `ScholarlyArticle` JSON-LD of each paper page.

JSON-LD goes in `<script type="application/ld+json">` blocks: data, never run (browsers execute only
JavaScript types, and vlkb/site/csp.py hashes no script inside the page content). Their text is written by
`json_for_script`, so record text cannot end the element. Pure: no files read, no mkdocs.
"""

from __future__ import annotations

from typing import Any

from vlkb.loading.catalog import Catalog
from vlkb.outputs.croissant import CODE_LICENSE, DATA_LICENSE, DESCRIPTION, SURVEY, dataset_citation
from vlkb.outputs.releases import Release
from vlkb.outputs.tables import TABLES
from vlkb.schema import Paper
from vlkb.site.common import rel
from vlkb.site.html import SEARCH_EXCLUDE, block, esc, heading, internal, json_for_script, link, table

PYTHON_EXAMPLE = """\
import vlkb

kb = vlkb.load()                   # the catalog of a clone; or vlkb.load("folder/with/the/parquet/files")
print(kb.version, kb.tables)
results = kb.results               # pandas DataFrame, one row per benchmark result
mmbench = results[(results.benchmark == "mmbench") & (results.provenance == "reported")]
print(mmbench.merge(kb.architectures, on=["paper", "variant"])[["variant", "visual_tokens", "value"]].head())
"""
"""The data page's Python example (tests/dataset/test_docs_examples.py runs it)."""

DUCKDB_EXAMPLE = """\
import duckdb

# in the folder of the downloaded Parquet files
print(duckdb.sql(\"\"\"
    SELECT p.half_year, a.representation, count(DISTINCT a.paper) AS papers
    FROM 'actions.parquet' a JOIN 'papers.parquet' p ON p.id = a.paper
    GROUP BY ALL ORDER BY ALL
\"\"\"))
"""
"""The data page's DuckDB example, over the Parquet downloads (tests/dataset/test_docs_examples.py runs it)."""


def code_block(text: str, language: str | None = None) -> str:
    """A <pre> block on one line: its blank lines kept as &#10; (a blank line would end the page-body chunk)."""
    attribute = f' class="language-{language}"' if language else ""
    return f"<pre><code{attribute}>{esc(text).replace(chr(10), '&#10;')}</code></pre>"


def jsonld(data: dict[str, Any]) -> str:
    """A JSON-LD block, kept out of the search index."""
    return block(f'<script type="application/ld+json" {SEARCH_EXCLUDE}>{json_for_script(data)}</script>')


def scholarly_article(paper: Paper, catalog: Catalog) -> dict[str, Any]:
    """schema.org ScholarlyArticle of a paper record: what search engines and reference managers read."""
    venue = next((v for v in (catalog.venues.venues if catalog.venues else []) if v.id == paper.venue), None)
    article: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": paper.title[:110],
        "name": paper.title, "datePublished": paper.date_label,
        "author": [{"@type": "Person", "name": name} for name in paper.authors.names],
    }
    if paper.short_name:
        article["alternateName"] = paper.short_name
    if paper.summary:
        article["abstract"] = paper.summary
    same_as = [url for url in (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None,
                               f"https://doi.org/{paper.doi}" if paper.doi else None) if url]
    if paper.links.paper:
        article["url"] = paper.links.paper
    if same_as:
        article["sameAs"] = same_as
    identifiers = [{"@type": "PropertyValue", "propertyID": kind, "value": value}
                   for kind, value in (("arXiv", paper.arxiv), ("DOI", paper.doi)) if value]
    if identifiers:
        article["identifier"] = identifiers
    if venue is not None and venue.id != "arxiv":
        article["isPartOf"] = {"@type": "PublicationEvent" if venue.type == "conference" else "Periodical",
                               "name": venue.full_name}
    if paper.links.code:
        article["codeRepository"] = paper.links.code
    article["keywords"] = list(paper.taxonomy)
    return article


def paper_jsonld(paper: Paper, catalog: Catalog) -> str:
    return jsonld(scholarly_article(paper, catalog))


def _dataset_jsonld(version: str, downloads: list[Any], date: str | None) -> dict[str, Any]:
    """schema.org Dataset (the part of Croissant that dataset search reads), with every download."""
    formats = {".json": "application/json", ".csv": "text/csv", ".bib": "application/x-bibtex",
               ".graphml": "application/graphml+xml", ".jsonl": "application/jsonl", ".yaml": "application/yaml",
               ".parquet": "application/x-parquet"}
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset", "name": "vlkb", "description": DESCRIPTION,
        "version": version, "license": DATA_LICENSE, "isBasedOn": SURVEY, "citation": dataset_citation(version),
        "creator": {"@type": "Organization", "name": "vlkb contributors"},
        "distribution": [{"@type": "DataDownload", "name": d.label, "contentUrl": d.path.removeprefix("data/"),
                          "encodingFormat": formats.get("." + d.label.rsplit(".", 1)[-1], "application/octet-stream")}
                         for d in downloads],
    }
    if date:
        data["dateModified"] = date
    return data


def dataset_section(src: str, version: str, releases: list[Release], downloads: list[Any],
                    date: str | None = None) -> str:
    """The data page's blocks after the downloads: version, releases, licences, the tables, the examples."""
    parts = [heading(2, "Version and licence", "version"),
             block(f"<p>The downloads above are vlkb <strong>{esc(version)}</strong> as built from the catalog "
                   f"of this site{f' (data last changed {esc(date)})' if date else ''}. The data (records, exports, "
                   f"tables) is under {link(DATA_LICENSE, 'CC BY 4.0')}: use it for anything, naming vlkb and the "
                   f"version. The code is under the {link(CODE_LICENSE, 'MIT licence')}. Cite as:</p>",
                   code_block(dataset_citation(version))),
             heading(2, "Releases", "releases")]
    if releases:
        rows = [[link(r.url, r.version) if r.url else esc(r.version), esc(r.date.isoformat()),
                 f"<code>{esc(r.tag)}</code>", esc(r.notes)] for r in releases]
        parts.append(block("<p>Each release is a bundle attached to the GitHub release of its tag: every export, "
                           "the Parquet tables and their Croissant metadata, each file named with the version, "
                           "a SHA256SUMS file and a changelog of the records added and changed since the "
                           "previous release.</p>"))
        parts.append(table(["Version", "Date", "Tag", "What"], rows, caption="Releases", table_id="releases",
                           sortable=False))
    else:
        parts.append(block("<p>No release yet.</p>"))
    parts += [heading(2, "Tables", "tables"),
              block("<p>The same records as flat tables, as Parquet files above, in Python (<code>vlkb.load()</code>)"
                    " and described for loaders in "
                    f"{internal(rel(src, 'data/croissant.json'), 'croissant.json')} (Croissant 1.0). Columns "
                    "are only ever added, never renamed or retyped.</p>")]
    for name, spec in TABLES.items():
        rows = [[f"<code>{esc(c.name)}</code>", esc(c.type), esc(c.description)] for c in spec.columns]
        parts.append(table(["Column", "Type", "What"], rows, caption=f"{name}: {spec.description} "
                           f"Key: {', '.join(spec.key)}.", table_id=f"columns-{name}", sortable=False))
    parts += [heading(2, "In Python and DuckDB", "examples"),
              block("<p>With vlkb installed from a clone (<code>pip install -e .</code>):</p>",
                    code_block(PYTHON_EXAMPLE, "python"),
                    "<p>Or with DuckDB on the Parquet downloads, without vlkb:</p>",
                    code_block(DUCKDB_EXAMPLE, "python")),
              jsonld(_dataset_jsonld(version, downloads, date))]
    return "".join(parts)
