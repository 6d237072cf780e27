"""The "claims in miniature" part of the reproduction ledger: the survey's claims re-tested on tiny models.

Only evidence-scale results (files in reproductions/ledger/miniatures/ whose `scale` is "evidence" and
whose config is an evidence config: `cpu-evidence` from bench/miniatures_cpu_evidence.py, `gpu` from
scripts/gpu_miniatures.sh) are shown as verdicts, each with the device that produced it, its seeds and
its interval. CPU smoke and pilot runs check the machinery and say nothing about the claims, so the page
never shows them. A miniature with both a CPU and a GPU result shows both, one row per run.
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
EVIDENCE_CONFIGS = ("cpu-evidence", "gpu")  # reproductions.miniatures.harness.SCALES maps these to "evidence"


def is_evidence(data: object) -> bool:
    """A verdict-bearing result: evidence scale from an evidence config, with comparisons."""
    return (isinstance(data, dict) and data.get("scale") == "evidence" and data.get("config_name") in EVIDENCE_CONFIGS
            and isinstance(data.get("comparisons"), list))


def read_miniature_results(folder: Path) -> list[dict[str, Any]]:
    """Evidence-scale results committed under `folder`, sorted by miniature and config name. Other JSON files
    there (pre-registrations, timings, a file claiming evidence from a smoke config) are not verdicts."""
    if not folder.is_dir():
        return []
    results = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if is_evidence(data):
            results.append(data)
    return sorted(results, key=lambda r: (str(r.get("miniature")), str(r.get("config_name"))))


def device_label(result: dict[str, Any]) -> str:
    """"CPU (x86_64, 2 cores)" or "GPU (NVIDIA H200)": the kind of device and what it was."""
    env = result.get("environment") or {}
    kind = str(env.get("device_type") or str(env.get("device", "")).split(":")[0])
    name = str(env.get("device_name") or "")
    if kind == "cpu":
        cores = env.get("cpu_count")
        return f"CPU ({name}, {cores} cores)" if cores else f"CPU ({name})" if name else "CPU"
    if kind == "cuda":
        return f"GPU ({name})" if name else "GPU"
    return kind or "unknown device"


def _seeds_text(result: dict[str, Any]) -> str:
    seeds = [s.get("seed") for s in result.get("seeds") or []]
    return ", ".join(str(s) for s in seeds)


def _run_text(result: dict[str, Any]) -> str:
    env = result.get("environment") or {}
    commit = str(env.get("commit") or "")[:12]
    differ = env.get("sources_differ_from_commit")
    code = (f"commit {commit}{' plus uncommitted changes' if differ else ''}, " if commit else "") + \
        (f"code SHA-256 {str(env.get('source_sha256'))[:12]}" if env.get("source_sha256") else "")
    timing = ""
    if isinstance(result.get("wall_seconds"), (int, float)):
        timing = f"; {result['wall_seconds'] / 60:.1f} min wall"
        if isinstance(result.get("cpu_seconds"), (int, float)):
            timing += f", {result['cpu_seconds'] / 60:.1f} CPU-min"
    return (f"Config <code>{esc(result.get('config_name', ''))}</code> on {esc(device_label(result))}, "
            f"torch {esc(env.get('torch', ''))}, {esc(code)}; seeds {esc(_seeds_text(result))}{esc(timing)}.")


def interval_text(interval: dict[str, Any]) -> str:
    """A comparison's mean paired difference and its 95% interval: "+0.107 [+0.094, +0.119]"."""
    return f"{interval.get('mean', 0):+.3f} [{interval.get('low', 0):+.3f}, {interval.get('high', 0):+.3f}]"


def _verdict_rows(result: dict[str, Any]) -> list[list[str]]:
    rows = []
    for comparison in result.get("comparisons") or []:
        interval = comparison.get("interval") or {}
        verdict = str(comparison.get("verdict", ""))
        meaning = comparison.get("if_refuted") if verdict == "refuted" else ""
        rows.append([esc(comparison.get("claim", "")), esc(comparison.get("hypothesis", "")),
                     esc(comparison.get("margin", "")),
                     esc(interval_text(interval)),
                     esc(interval.get("n", "")), esc(device_label(result)),
                     f"<strong>{esc(verdict)}</strong>" + (f"<br>{esc(meaning)}" if meaning else "")])
    return rows


def _arm_rows(result: dict[str, Any]) -> list[list[str]]:
    """One row per arm, in the pre-registered order (result files are written with sorted keys)."""
    arms = result.get("arms") or {}
    order = [a for a in (result.get("preregistration") or {}).get("arms") or [] if a in arms]
    rows = []
    for arm, values in ((a, arms[a]) for a in order + sorted(set(arms) - set(order))):
        pooled = values.get("pooled") or {}
        seeds = values.get("per_seed") or []
        rows.append([esc(arm), esc(f"{pooled.get('rate', 0):.3f} [{pooled.get('low', 0):.3f}, {pooled.get('high', 0):.3f}]"),
                     esc(f"{pooled.get('successes', '')}/{pooled.get('trials', '')}"),
                     esc(", ".join(f"{s.get('rate', 0):.3f}" for s in seeds))])
    return rows


def miniatures_html(results: list[dict[str, Any]]) -> str:
    """The section: what each miniature tests and, for each evidence run, its verdicts with device,
    seeds and intervals, the arms' pooled Wilson intervals and a per-seed chart."""
    parts = [heading(2, "Claims in miniature", "miniatures"),
             block("<p>Five claims behind the survey's taxonomy are re-tested by training tiny models of each "
                   "stream on generated data, with hypotheses, margins and seeds declared before training and "
                   "verdicts from paired differences over the seeds (95% t-interval against the margin: "
                   "<em>supported</em> above it, <em>refuted</em> below it, <em>inconclusive</em> across it). "
                   "Each verdict names the device that produced it.</p>")]
    evidence = [r for r in results if is_evidence(r)]
    if not evidence:
        items = "".join(f"<li><strong>{esc(name)}</strong>: {esc(claim)}</li>" for name, claim in MINIATURE_CLAIMS)
        parts.append(block(f"<ul>{items}</ul>",
                           "<p>No evidence-scale run has been recorded yet, so there are no verdicts. The CPU runs "
                           "in the test suite only check that the machinery is finite and reproducible; the evidence "
                           "comes from <code>bench/miniatures_cpu_evidence.py</code> (two CPU cores) or "
                           "<code>scripts/gpu_miniatures.sh</code> (a GPU).</p>"))
        return "".join(parts)
    for name, claim in MINIATURE_CLAIMS:  # only the five known names become headings
        runs = [r for r in evidence if r.get("miniature") == name]
        anchor = f"miniature-{_anchor(name)}"
        parts.append(heading(3, name, anchor))
        if not runs:
            parts.append(block(f"<p>{esc(claim)}. No evidence-scale run of this miniature yet.</p>"))
            continue
        prereg = runs[0].get("preregistration") or {}
        parts.append(block(f"<p>{esc(prereg.get('source_claim', ''))} Metric: {esc(prereg.get('metric', ''))}.</p>",
                           *(f"<p>{_run_text(r)}</p>" for r in runs)))
        rows = [row for r in runs for row in _verdict_rows(r)]
        parts.append(table(["Claim", "Hypothesis", "Margin", "Mean difference [95% interval]", "Seeds", "Device",
                            "Verdict"], rows, caption=f"Verdicts of the {name} miniature", table_id=anchor))
        for r in runs:
            suffix = _anchor(str(r.get("config_name", "")))
            parts.append(table(["Arm", "Pooled success rate [95% Wilson]", "Successes", "Per seed"], _arm_rows(r),
                               caption=f"Arms of the {name} miniature on {device_label(r)}",
                               table_id=f"{anchor}-{suffix}-arms"))
            parts.append(chart(f"{anchor}-{suffix}-chart", _arm_figure(r),
                               alt=f"Success rate of each arm of the {name} miniature per seed on "
                                   f"{device_label(r)}, with 95% Wilson intervals"))
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


def decided_comparisons(results: list[dict[str, Any]]) -> int:
    """How many preregistered comparisons of the evidence runs (`read_miniature_results`) ended supported or
    refuted: the home page's count."""
    return sum(1 for result in results for comparison in result.get("comparisons", [])
               if comparison.get("verdict") in ("supported", "refuted"))
