"""The "claims in miniature" part of the reproduction ledger: the survey's claims re-tested on tiny models.

Only results from a GPU run (`scale: evidence`, files in reproductions/ledger/miniatures/) are shown as
verdicts; CPU smoke and pilot runs check the machinery and say nothing about the claims, so the page
says so instead of showing them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vlkb.site.html import block, chart, esc, heading, table

MINIATURE_CLAIMS = (
    ("connector", "LLaVA-1.5: a two-layer MLP projector beats a linear one (encoder and LLM frozen)"),
    ("resolution", "reading fine text improves with input resolution while visual tokens grow with its square"),
    ("action-tokens", "an RT-2/OpenVLA-style policy's success depends on the instruction"),
    ("guidance", "a conditional generator follows its label, and classifier-free guidance raises fidelity"),
    ("queries", "accuracy against the number of learned queries of a Q-Former / resampler"),
)


def read_miniature_results(folder: Path) -> list[dict[str, Any]]:
    """Evidence-scale results committed from a GPU run, sorted by miniature name."""
    if not folder.is_dir():
        return []
    results = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("scale") == "evidence" and "comparisons" in data:
            results.append(data)
    return sorted(results, key=lambda r: str(r.get("miniature")))


def miniatures_html(results: list[dict[str, Any]]) -> str:
    """The section: what each miniature tests, and its verdicts with intervals and per-seed charts."""
    parts = [heading(2, "Claims in miniature", "miniatures"),
             block("<p>Five claims behind the survey's taxonomy are re-tested by training tiny models of each "
                   "stream on generated data, with hypotheses, margins and seeds declared before training and "
                   "verdicts from paired differences over the seeds (95% interval).</p>")]
    if not results:
        items = "".join(f"<li><strong>{esc(name)}</strong>: {esc(claim)}</li>" for name, claim in MINIATURE_CLAIMS)
        parts.append(block(f"<ul>{items}</ul>",
                           "<p>No GPU run has been recorded yet, so there are no verdicts. The CPU runs in the test "
                           "suite only check that the machinery is finite and reproducible; the evidence comes from "
                           "<code>scripts/gpu_miniatures.sh</code> on a GPU.</p>"))
        return "".join(parts)
    known = {name for name, _ in MINIATURE_CLAIMS}
    for result in results:
        name = str(result.get("miniature"))
        if name not in known:  # the name becomes a heading: only the five known miniatures are shown
            continue
        prereg = result.get("preregistration") or {}
        env = result.get("environment") or {}
        parts.append(heading(3, name, f"miniature-{_anchor(name)}"))
        parts.append(block(f"<p>{esc(prereg.get('source_claim', ''))} Metric: {esc(prereg.get('metric', ''))}. "
                           f"Run on {esc(env.get('device_name', ''))} with torch {esc(env.get('torch', ''))}.</p>"))
        rows = []
        for comparison in result.get("comparisons", []):
            interval = comparison.get("interval") or {}
            rows.append([esc(comparison.get("claim", "")), esc(comparison.get("hypothesis", "")),
                         esc(comparison.get("margin", "")),
                         esc(f"{interval.get('mean', 0):+.3f} [{interval.get('low', 0):+.3f}, "
                             f"{interval.get('high', 0):+.3f}]"),
                         esc(interval.get("n", "")), f"<strong>{esc(comparison.get('verdict', ''))}</strong>"])
        parts.append(table(["Claim", "Hypothesis", "Margin", "Mean difference [95% interval]", "Seeds", "Verdict"],
                           rows, caption=f"Verdicts of the {name} miniature", table_id=f"miniature-{_anchor(name)}"))
        parts.append(chart(f"miniature-{_anchor(name)}-chart", _arm_figure(result),
                           alt=f"Success rate of each arm of the {name} miniature per seed, with 95% Wilson intervals"))
    return "".join(parts)


def _arm_figure(result: dict[str, Any]) -> dict[str, Any]:
    data = []
    for arm, values in sorted((result.get("arms") or {}).items()):
        seeds = values.get("per_seed") or []
        data.append({
            "type": "scatter", "mode": "markers", "name": esc(arm),
            "x": [str(s.get("seed")) for s in seeds], "y": [s.get("rate") for s in seeds],
            "error_y": {"type": "data", "symmetric": False,
                        "array": [s.get("high", 0) - s.get("rate", 0) for s in seeds],
                        "arrayminus": [s.get("rate", 0) - s.get("low", 0) for s in seeds]},
        })
    return {"data": data, "layout": {"height": 320, "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
                                     "xaxis": {"title": {"text": "seed"}, "type": "category"},
                                     "yaxis": {"title": {"text": "success rate"}, "range": [0, 1]}}}


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
