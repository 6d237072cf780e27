"""A worked analysis, computed from the data at build time: how vision-to-action models produce actions,
per half-year. Do models that act move from discrete action tokens (RT-2, OpenVLA) to continuous heads
(regression, diffusion, flow-matching experts such as pi0)? The survey (arXiv 2501.02765, Section 4)
describes both; this page counts what the records say.

The numbers come from `action_heads_per_half_year`, which reads the rows of the `papers` and `actions`
tables, the same rows as the Parquet downloads and `vlkb.load()`; the page prints that function's source,
so the analysis can be re-run in a notebook and gives the same table.
"""

from __future__ import annotations

import inspect
from collections import Counter
from typing import Any, Iterable

from vlkb.site.common import rel
from vlkb.site.dataset_pages import code_block
from vlkb.site.html import block, chart, esc, heading, internal, table
from vlkb.site.page_body import GeneratedPage

SRC = "data/action-heads.md"
FAMILIES = {"continuous-regression": "continuous", "diffusion": "continuous", "flow-matching": "continuous",
            "discrete-bins": "discrete", "language": "language or waypoints", "waypoints": "language or waypoints",
            "other": "other"}
"""Action representations (vlkb.schema.action) grouped: continuous heads, discrete tokens, text-like output."""
RUN_IT = """\
import vlkb
from vlkb.site.analysis_page import action_heads_per_half_year

kb = vlkb.load()
rows = action_heads_per_half_year(kb.table("papers").to_pylist(), kb.table("actions").to_pylist())
"""
"""The page's snippet to re-run the analysis (tests/dataset/test_docs_examples.py runs it)."""
ORDER = ("continuous", "discrete", "language or waypoints", "other")


def action_heads_per_half_year(papers: Iterable[dict[str, Any]],
                               actions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per half-year of the paper's date: papers with action facts, and how many use each family of action
    head. A paper counts once per family its variants use, so the families can add up to more than `papers`.

    `papers` and `actions` are rows of those tables: `kb.table("papers").to_pylist()` with `kb = vlkb.load()`.
    """
    half_year = {paper["id"]: paper["half_year"] for paper in papers}
    families: dict[str, set[str]] = {}
    for action in actions:
        families.setdefault(action["paper"], set()).add(FAMILIES[action["representation"]])
    counts: dict[str, Counter[str]] = {}
    for paper, used in families.items():
        period = counts.setdefault(half_year[paper], Counter())
        period["papers"] += 1
        period.update(used)
    return [{"half_year": period, "papers": c["papers"], **{family: c[family] for family in ORDER},
             "continuous_share": c["continuous"] / c["papers"], "discrete_share": c["discrete"] / c["papers"]}
            for period, c in sorted(counts.items())]


def analysis_page(papers: list[dict[str, Any]], actions: list[dict[str, Any]]) -> GeneratedPage:
    rows = action_heads_per_half_year(papers, actions)
    periods = [r["half_year"] for r in rows]
    figure = {
        "data": [{"type": "bar", "name": family, "x": periods, "y": [r[family] for r in rows]} for family in ORDER
                 if any(r[family] for r in rows)],
        "layout": {"height": 360, "barmode": "group", "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
                   "legend": {"orientation": "h"}, "yaxis": {"title": {"text": "papers"}}},
    }
    cells = [[esc(r["half_year"]), str(r["papers"]), *(str(r[f]) for f in ORDER),
              f"{100 * r['continuous_share']:.0f}%", f"{100 * r['discrete_share']:.0f}%"] for r in rows]
    total = sum(r["papers"] for r in rows)
    code = inspect.getsource(action_heads_per_half_year)
    families = ", ".join(f"{kind} → {family}" for kind, family in FAMILIES.items())
    parts = [
        block('<h1 id="action-heads">Analysis: how models that act produce actions</h1>',
              "<p>Do vision-to-action models move from discrete action tokens (binned values in the language "
              "model's vocabulary, as in RT-2 and OpenVLA) to continuous heads (regression, diffusion, or a "
              "flow-matching action expert, as in pi0)? Counted from the <code>action</code> facts of "
              f"{total} papers, by the half-year of the paper's first version. Computed when the site is built, "
              "from the same rows as the "
              f"{internal(rel(SRC, 'data/actions.parquet'), 'actions')} and "
              f"{internal(rel(SRC, 'data/papers.parquet'), 'papers')} tables.</p>"),
        heading(2, "Per half-year", "per-half-year"),
        chart("action-heads", figure, alt="Grouped bar chart of papers per half-year by family of action head."),
        table(["Half-year", "Papers", *ORDER, "Continuous share", "Discrete share"], cells,
              caption="Papers with action facts per half-year, by the families of action head they use "
                      "(a paper whose variants differ counts in each family)", table_id="action-heads",
              sortable=False),
        heading(2, "The code", "code"),
        block(f"<p>Families: {esc(families)}. The function that makes the table, from "
              "<code>vlkb/site/analysis_page.py</code>:</p>",
              code_block(code, "python"),
              "<p>Run it on the current data:</p>",
              code_block(RUN_IT, "python"),
              "<p>Caveats: only records with action facts count (the catalog does not yet have them for every "
              "acting model), and a paper's date is its first public version, not its release of weights.</p>"),
    ]
    return GeneratedPage(src_uri=SRC, title="Analysis: action heads", body_html="".join(parts), charts=True,
                         description="Discrete versus continuous action heads of vision-to-action models, per half-year")
