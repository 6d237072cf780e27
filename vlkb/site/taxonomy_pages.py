"""The taxonomy overview (tree and sunburst) and one page per node listing its papers in a table."""

from __future__ import annotations

from vlkb.schema import Paper, TaxonomyNode
from vlkb.site.common import leaf_label, rel, taxonomy_url, venue_label
from vlkb.site.page_body import GeneratedPage
from vlkb.site.html import block, chart, esc, heading, internal, link, sort_key_cell, table
from vlkb.site.stream_trends import trend_table
from vlkb.site.index import SiteIndex, paper_href, paper_name


def taxonomy_pages(index: SiteIndex) -> list[GeneratedPage]:
    pages = [_overview(index)]
    for path, trail in sorted(index.nodes.items()):
        pages.append(_node_page(index, path, trail))
    return pages


def _overview(index: SiteIndex) -> GeneratedPage:
    src = "taxonomy/index.md"
    streams = index.catalog.taxonomy.streams if index.catalog.taxonomy else []

    def tree(node: TaxonomyNode, path: str) -> str:
        count = len(index.papers_under(path))
        item = f"{internal(rel(src, taxonomy_url(path)), node.label)} <small>({count})</small>"
        kids = "".join(tree(child, f"{path}/{child.id}") for child in node.children)
        return f"<li>{item}" + (f"<ul>{kids}</ul>" if kids else "") + "</li>"

    figure = sunburst(index, src)
    body = [
        block('<h1 id="taxonomy">Taxonomy</h1>',
              "<p>The survey's streams and their leaves (arXiv 2501.02765). Numbers count papers at or "
              "below each node. Click a segment of the chart to open its page.</p>"),
        heading(2, "Chart", "chart"),
        chart("taxonomy-sunburst", figure, alt="Sunburst chart of the taxonomy: streams in the centre, leaves "
              "outside, segment size by paper count. The same tree is listed below."),
        heading(2, "Tree", "tree"),
        block('<ul class="vlkb-tree">' + "".join(tree(s, s.id) for s in streams) + "</ul>"),
    ]
    return GeneratedPage(src_uri=src, title="Taxonomy", body_html="".join(body), charts=True,
                         description="The taxonomy of visual large language models")


def sunburst(index: SiteIndex, src: str) -> dict:
    """Plotly sunburst data: ids are node paths, labels escaped (plotly reads labels as HTML)."""
    ids, labels, parents, values, urls = [], [], [], [], []
    for path, trail in sorted(index.nodes.items()):
        ids.append(path)
        labels.append(esc(trail[-1].label))
        parents.append(path.rsplit("/", 1)[0] if "/" in path else "")
        values.append(len(index.papers_by_leaf.get(path, [])) if not trail[-1].children else 0)
        urls.append(rel(src, taxonomy_url(path)))
    return {"data": [{"type": "sunburst", "ids": ids, "labels": labels, "parents": parents, "values": values,
                      "customdata": urls, "branchvalues": "remainder", "hovertemplate": "%{label}: %{value}"
                      "<extra></extra>"}],  # no maxdepth: every leaf is drawn
            "layout": {"margin": {"l": 0, "r": 0, "t": 10, "b": 10}, "height": 520},
            "vlkb": {"click": "customdata"}}


def paper_rows(index: SiteIndex, src: str, papers: list[Paper]) -> list[list[str]]:
    rows = []
    for paper in papers:
        code = link(paper.links.code, "code") if paper.links.code else esc(paper.links.code_status)
        rows.append([
            internal(rel(src, paper_href(paper.id)), paper_name(paper)),
            esc(paper.title),
            esc(venue_label(index.catalog, paper)),
            sort_key_cell(f"<time>{esc(paper.date_label)}</time>", paper.date.isoformat()),
            code,
            esc(paper.kind),
        ])
    return rows


NEWEST_BELOW = 20
"""Papers an inner taxonomy node lists; its leaves list all of theirs."""

PAPER_HEADERS = ["Name", "Title", "Venue", "Date", "Code", "Kind"]


def _node_page(index: SiteIndex, path: str, trail: list[TaxonomyNode]) -> GeneratedPage:
    src = f"taxonomy/{path}/index.md"
    node = trail[-1]
    crumbs = " › ".join(internal(rel(src, taxonomy_url("/".join(n.id for n in trail[: i + 1]))), n.label)
                        for i, n in enumerate(trail[:-1]))
    papers = index.papers_under(path)
    parts = [block(f'<h1 id="node">{esc(node.label)}</h1>',
                   f'<p class="vlkb-crumbs">{internal(rel(src, "taxonomy/"), "Taxonomy")}'
                   + (f" › {crumbs}" if crumbs else "") + "</p>",
                   f"<p>{esc(node.description)}</p>" if node.description else "")]
    if node.children:
        items = "".join(f"<li>{internal(rel(src, taxonomy_url(f'{path}/{c.id}')), c.label)} "
                        f"<small>({len(index.papers_under(f'{path}/{c.id}'))})</small></li>" for c in node.children)
        parts += [heading(2, "Sub-categories", "sub-categories"), block(f"<ul>{items}</ul>")]
    for facts, label in (("action", "How models act over time"), ("generation", "How models generate over time")):
        trend = trend_table(papers, facts) if len(trail) == 1 else None  # on stream pages
        if trend:
            parts += [heading(2, label, f"trend-{facts}"), trend]
    if node.children and len(papers) > NEWEST_BELOW:
        # a stream holds most of the catalog: its page points down the tree instead of listing it all
        shown, caption = papers[:NEWEST_BELOW], f"The {NEWEST_BELOW} newest of {len(papers)} papers below"
    else:
        shown, caption = papers, f"{len(papers)} papers"
    parts += [heading(2, "Papers", "papers"),
              table(PAPER_HEADERS, paper_rows(index, src, shown), caption=caption,
                    table_id="papers", filters=_kind_filter(shown), fit=True) if shown
              else block("<p>No papers recorded here yet.</p>")]
    return GeneratedPage(src_uri=src, title=leaf_label(index.nodes, path), body_html="".join(parts),
                         description=f"Papers in {leaf_label(index.nodes, path)}",
                         edit_path=None, toc=False)  # wide paper tables need the TOC column's width


def _kind_filter(papers: list[Paper]) -> str:
    kinds = sorted({p.kind for p in papers})
    options = "".join(f'<option value="{esc(k)}">{esc(k)}</option>' for k in kinds)
    return (f'<label>Kind <select class="vlkb-filter" data-column="5"><option value="">all</option>'
            f"{options}</select></label>")
