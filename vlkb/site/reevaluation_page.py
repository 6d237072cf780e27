"""The evidence ledger: every independent re-evaluation next to the number it checks, and vlkb's own
re-computations in the same vocabulary (a stated number, a measured one, the gap and its verdict)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from vlkb.site.common import rel, source_html
from vlkb.site.html import block, chart, esc, filter_select, heading, internal, sort_key_cell, table
from vlkb.site.index import SiteIndex, paper_href, paper_name
from vlkb.site.page_body import GeneratedPage
from vlkb.site.reevaluations import TIERS

SRC = "data/re-evaluations.md"


def evidence_page(index: SiteIndex, ledger: list[dict[str, Any]] | None) -> GeneratedPage:
    found = [pair for found_in_paper in index.re_evaluations.values() for pair in found_in_paper]
    parts = [block('<h1 id="evidence">Reported vs re-evaluated</h1>',
                   "<p>Numbers the authors reported, next to what others measured when they ran the released model: "
                   "evaluation harnesses, users in public issues, later papers that re-ran baselines. Gaps come from "
                   "the harness, answer parsing, the judge model, the prompt and the split; each row says which it "
                   "knows. Tiers: within 2.5 points, within 5, more than 5, read on a 0-100 scale (a metric with "
                   "another range, such as MME's 0-2000, is scaled to it).</p>")]
    tiers = Counter(pair.tier for pair in found)
    parts.append(block("<p>" + "; ".join(f"<strong>{tiers.get(name, 0)}</strong> {esc(name)}" for _, name in TIERS)
                       + f" of {len(found)} re-evaluations.</p>"))
    if found:
        benchmarks = sorted({pair.re_evaluated.benchmark for pair in found})
        figure = {"data": [{"type": "scatter", "mode": "markers", "x": [pair.re_evaluated.benchmark for pair in found],
                            "y": [pair.scaled_difference for pair in found],
                            "text": [esc(f"{pair.re_evaluated.variant}, {pair.re_evaluated.re_evaluation.harness}")
                                     for pair in found],
                            "hovertemplate": "%{text}<br>%{x}: %{y:+}<extra></extra>"}],
                  "layout": {"height": 360, "margin": {"l": 60, "r": 10, "t": 10, "b": 80},
                             "xaxis": {"title": {"text": "benchmark"}, "categoryorder": "array",
                                       "categoryarray": benchmarks},
                             "yaxis": {"title": {"text": "re-evaluated minus reported (points of 100)"}, "zeroline": True}}}
        parts += [heading(2, "Differences per benchmark", "differences"),
                  chart("re-evaluation-differences", figure,
                        alt="Dot chart of each re-evaluation's difference to the reported number, per benchmark, on a 0-100 "
                            "scale of the metric's range; "
                            "the table below lists every one.")]
        rows = []
        for pair in found:
            done, claimed, how = pair.re_evaluated, pair.reported, pair.re_evaluated.re_evaluation
            bench = index.catalog.benchmarks.get(done.benchmark)
            rows.append([internal(rel(SRC, paper_href(pair.paper.id)), paper_name(pair.paper)), esc(done.variant),
                         esc(bench.name if bench else done.benchmark), esc(done.split),
                         sort_key_cell(esc(claimed.value), claimed.value), sort_key_cell(esc(done.value), done.value),
                         sort_key_cell(f"{pair.difference:+g}", pair.difference), esc(pair.tier), esc(how.harness),
                         esc(how.judge or "—"), esc(how.by), esc(how.date.isoformat() if how.date else "—"),
                         source_html(claimed.source), source_html(done.source)])
        filters = (filter_select("Harness", 8, sorted({pair.re_evaluated.re_evaluation.harness for pair in found}))
                   + filter_select("Benchmark", 2, sorted({r[2] for r in rows}))
                   + filter_select("Model", 0, sorted({paper_name(pair.paper) for pair in found}))
                   + filter_select("Tier", 7, [name for _, name in TIERS]))
        parts += [heading(2, "Every re-evaluation", "ledger"),
                  table(["Model", "Variant", "Benchmark", "Split", "Reported", "Re-evaluated", "Difference", "Tier",
                         "Harness", "Judge", "By", "Date", "Reported in", "Re-evaluated in"], rows,
                        caption=f"{len(rows)} re-evaluations", table_id="re-evaluations", filters=filters)]
    else:
        parts.append(block("<p>No re-evaluation is recorded yet.</p>"))
    checks = ledger or []
    verdicts = Counter(str(entry.get("verdict")) for entry in checks)
    parts += [heading(2, "vlkb's own re-computations", "own"),
              block(f"<p>The reproductions rebuild each recorded architecture and compare what papers state with what "
                    f"they compute: {', '.join(f'{n} {esc(v)}' for v, n in sorted(verdicts.items())) or 'none yet'}, "
                    f"of {len(checks)} checked numbers. Every one, with its cause where it diverges, is in the "
                    f"{internal(rel(SRC, 'data/reproductions/'), 'reproduction ledger')}.</p>")]
    return GeneratedPage(src_uri=SRC, title="Reported vs re-evaluated", body_html="".join(parts), charts=bool(found),
                         description="Paper numbers next to independent re-evaluations", toc=False)
