"""The evidence ledger: every independent re-evaluation next to the number it checks, and vlkb's own
re-computations in the same vocabulary (a stated number, a measured one, the gap and its verdict)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from vlkb.site.common import rel, source_html
from vlkb.site.data_pages import count_text
from vlkb.site.html import block, chart, esc, filter_select, heading, internal, sort_key_cell, table
from vlkb.site.index import SiteIndex, paper_href, paper_name
from vlkb.site.page_body import GeneratedPage
from vlkb.site.miniature_section import device_label, interval_text
from vlkb.site.reevaluations import TIERS

SRC = "data/re-evaluations.md"


def evidence_page(index: SiteIndex, ledger: list[dict[str, Any]] | None,
                  compute_claims: list[dict[str, Any]] | None = None,
                  miniatures: list[dict[str, Any]] | None = None) -> GeneratedPage:
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
    parts += own_evidence(index, ledger or [], compute_claims or [], miniatures or [])
    return GeneratedPage(src_uri=SRC, title="Reported vs re-evaluated", body_html="".join(parts), charts=bool(found),
                         description="Paper numbers next to independent re-evaluations", toc=False)


OWN_KINDS = {"architecture": "architecture re-computation", "compute": "compute claim",
             "miniature": "claim tested in miniature"}


def own_evidence(index: SiteIndex, checks: list[dict[str, Any]], claims: list[dict[str, Any]],
                 miniatures: list[dict[str, Any]] = ()) -> list[str]:
    """vlkb's own checks as ledger rows in the re-evaluations' vocabulary: what a paper states, what vlkb
    computed, the difference and the verdict, with the command that reruns it."""
    rows = []
    for kind, entries in (("architecture", checks), ("compute", claims)):
        for entry in entries:
            paper_id = entry.get("catalog_id") or entry.get("paper")
            paper = index.catalog.papers.get(paper_id) if isinstance(paper_id, str) else None
            first = internal(rel(SRC, paper_href(paper.id)), paper_name(paper)) if paper else esc(paper_id or "—")
            what = " ".join(filter(None, (entry.get("quantity"), entry.get("setting") and f"({entry['setting']})")))
            computed, difference = entry.get("computed"), entry.get("difference")
            rows.append([first, esc(OWN_KINDS[kind]), esc(entry.get("model") or entry.get("id") or ""), esc(what),
                         esc(entry.get("stated", "")),
                         sort_key_cell(count_text(computed), computed),
                         sort_key_cell(f"{difference:+,}" if isinstance(difference, int) else esc(difference or ""),
                                       difference),
                         esc(entry.get("verdict", "")), esc(entry.get("cause") or ""), "meta device (exact)",
                         f"<code>{esc(entry.get('command', ''))}</code>"])
    for result in miniatures:  # the evidence runs that read_miniature_results keeps
        device = device_label(result)
        for comparison in result.get("comparisons", []):
            interval = comparison.get("interval") or {}
            measured = (f"{interval_text(interval)}, {interval.get('n', '?')} seeds"
                        if {"mean", "low", "high"} <= set(interval) else "")
            rows.append(["—", esc(OWN_KINDS["miniature"]), esc(result.get("miniature", "")),
                         esc(comparison.get("claim", "")), esc(f"margin {comparison.get('margin', '')}"),
                         sort_key_cell(esc(measured), interval.get("mean")), "",
                         esc(comparison.get("verdict", "")),
                         esc(comparison.get("if_refuted", "") if comparison.get("verdict") == "refuted" else ""),
                         esc(device), f"<code>{esc('python bench/miniatures_cpu_evidence.py')}</code>"
                         if result.get("config_name") == "cpu-evidence" else "<code>bash scripts/gpu_miniatures.sh</code>"])
    verdicts = Counter(row[7] for row in rows)
    summary = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items())) or "none yet"
    parts = [heading(2, "vlkb's own evidence", "own"),
             block(f"<p>The reproductions rebuild each recorded architecture and recompute the compute savings "
                   f"efficiency papers claim; each stated number stands next to the computed one at the precision it "
                   f"is stated: {esc(summary)}, of {len(rows)} checks. Counts are exact (the model built on "
                   f"torch's meta device), so the device does not change them; claims tested in miniature give the "
                   f"measured effect with its 95% interval against a preregistered margin, and name the device that "
                   f"ran them. Arms and per-seed results are on the "
                   f"{internal(rel(SRC, 'data/reproductions/'), 'reproduction ledger')}.</p>")]
    if rows:
        filters = filter_select("Kind", 1, sorted({r[1] for r in rows})) + filter_select("Verdict", 7, sorted(verdicts))
        parts.append(table(["Paper", "Kind", "Model", "Quantity", "Stated", "Computed", "Difference", "Verdict",
                            "Cause", "Device", "Command"], rows, caption=f"{len(rows)} own checks",
                           table_id="own-evidence", filters=filters))
    return parts
