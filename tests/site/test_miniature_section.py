"""The ledger's miniature section: no verdicts without GPU evidence; escaped verdicts and a chart with it."""

from __future__ import annotations

import json

from vlkb.site.miniature_section import miniatures_html, read_miniature_results


def evidence(name: str = "connector") -> dict:
    return {
        "miniature": name, "scale": "evidence",
        "preregistration": {"source_claim": "LLaVA-1.5 <b>claim</b>", "metric": "accuracy"},
        "environment": {"device_name": "GPU", "torch": "2.x"},
        "comparisons": [{"claim": "mlp-vs-linear", "hypothesis": "mlp > linear", "margin": 0.02,
                         "interval": {"mean": 0.5, "low": 0.3, "high": 0.7, "n": 6}, "verdict": "supported"}],
        "arms": {"mlp": {"per_seed": [{"seed": 0, "rate": 0.9, "low": 0.85, "high": 0.93}]}},
    }


def test_without_gpu_evidence_no_verdict_is_shown():
    html = miniatures_html([])
    assert "No GPU run has been recorded yet" in html and "supported" not in html


def test_evidence_shows_verdict_interval_and_chart_with_text_escaped():
    html = miniatures_html([evidence()])
    assert "+0.500 [+0.300, +0.700]" in html and "<strong>supported</strong>" in html
    assert "&lt;b&gt;claim&lt;/b&gt;" in html and "<b>claim</b>" not in html
    assert 'class="vlkb-chart"' in html


def test_unknown_miniature_names_are_not_rendered():
    assert "evil" not in miniatures_html([evidence("evil<script>")])


def test_only_evidence_scale_files_are_read(tmp_path):
    (tmp_path / "connector.gpu.json").write_text(json.dumps(evidence()), encoding="utf-8")
    smoke = dict(evidence("queries"), scale="smoke")
    (tmp_path / "queries.cpu-tiny.json").write_text(json.dumps(smoke), encoding="utf-8")
    assert [r["miniature"] for r in read_miniature_results(tmp_path)] == ["connector"]
