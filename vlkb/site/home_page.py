"""The home page: what vlkb is, live counts from the records, newest additions, when the data changed."""

from __future__ import annotations

from collections import Counter

from vlkb.site.common import rel, taxonomy_url
from vlkb.site.page_body import GeneratedPage
from vlkb.site.html import block, esc, heading, internal
from vlkb.site.index import SiteIndex, paper_href, paper_name

NEWEST = 10


def home_page(index: SiteIndex, ledger: list[dict] | None = None, claims: list[dict] | None = None,
              decided: int = 0) -> GeneratedPage:
    """`ledger` is the reproduction ledger's checks (reproductions/ledger/architecture.json), `claims` the compute
    claims (ledger/compute_claims.json), `decided` the miniature comparisons an evidence-scale run decided."""
    src = "index.md"
    catalog = index.catalog
    per_stream = Counter(s for p in catalog.papers.values() for s in index.streams(p))
    streams = catalog.taxonomy.streams if catalog.taxonomy else []
    changed = index.data_last_changed.isoformat() if index.data_last_changed else "no records yet"
    counts = [("Papers", len(catalog.papers)), ("Benchmarks", len(catalog.benchmarks)),
              ("Components", len(catalog.components)), ("Benchmark results", index.result_count()),
              ("Third-party re-evaluations", sum(len(v) for v in index.re_evaluations.values())),
              ("Architecture numbers re-computed", len(ledger or [])),
              ("of them matched", sum(1 for c in ledger or [] if c.get("verdict") == "matched")),
              ("Compute claims re-computed", len(claims or [])),
              ("Miniature comparisons decided (supported or refuted)", decided)]
    tiles = "".join(f'<div class="vlkb-tile"><span class="vlkb-count">{n}</span> {esc(k)}</div>' for k, n in counts)
    stream_items = "".join(f"<li>{internal(rel(src, taxonomy_url(s.id)), s.label)}: {per_stream.get(s.id, 0)} papers</li>"
                           for s in streams)
    newest = index.papers_sorted[:NEWEST]  # by the paper's own date: what is new in the field, not in vlkb
    new_items = "".join(f"<li>{internal(rel(src, paper_href(p.id)), paper_name(p))} "
                        f"<small><time>{esc(p.date_label)}</time></small></li>" for p in newest)
    parts = [
        block('<h1 id="vlkb">vlkb: a validated knowledge base of visual large language models</h1>',
              "<p>Every paper of the survey <em>Visual Large Language Models for Generalized and Specialized "
              "Applications</em> (arXiv 2501.02765) and its companion list, as checked records: authors, venue, "
              "links, place in the taxonomy, architecture and benchmark results, each fact with its source.</p>",
              f'<p class="vlkb-changed">Data last changed: <time>{esc(changed)}</time> '
              "(the newest date a record was added or verified).</p>"),
        heading(2, "In numbers", "counts"), block(f'<div class="vlkb-tiles">{tiles}</div>'),
        heading(2, "Papers per stream", "streams"), block(f"<ul>{stream_items}</ul>"),
        heading(2, "Newest papers", "newest"), block(f"<ul>{new_items}</ul>" if new_items else "<p>None yet.</p>"),
        heading(2, "Where to go", "explore"), block(
            "<ul>"
            f"<li>{internal(rel(src, 'explore/'), 'Explore every paper')} by stream, year, code, encoder and more</li>"
            f"<li>{internal(rel(src, 'compare/'), 'Compare models')} side by side</li>"
            f"<li>{internal(rel(src, 'taxonomy/'), 'Browse the taxonomy')}</li>"
            f"<li>{internal(rel(src, 'benchmarks/'), 'Compare results on benchmarks')}</li>"
            f"<li>{internal(rel(src, 'components/'), 'Vision encoders and language models')}</li>"
            f"<li>{internal(rel(src, 'timeline/'), 'Timeline')} and {internal(rel(src, 'graph/'), 'graph')}</li>"
            f"<li>{internal(rel(src, 'data/'), 'Download the data')} and read its "
            f"{internal(rel(src, 'data/quality/'), 'quality report')}</li></ul>"),
    ]
    return GeneratedPage(src_uri=src, title="vlkb", body_html="".join(parts),
                         description="A validated knowledge base of visual large language models")
