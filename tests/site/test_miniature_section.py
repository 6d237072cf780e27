"""The ledger's miniature section: verdicts only from evidence-scale runs, each with its device, seeds and
interval; escaped text; smoke, pilot and mislabelled files are never verdicts."""

from __future__ import annotations

import json

from vlkb.site.miniature_section import device_label, miniatures_html, read_miniature_results


def evidence(name: str = "connector", config_name: str = "cpu-evidence", device: str = "cpu") -> dict:
    return {
        "miniature": name, "scale": "evidence", "config_name": config_name,
        "preregistration": {"source_claim": "LLaVA-1.5 <b>claim</b>", "metric": "accuracy"},
        "environment": {"device": device, "device_type": device.split(":")[0],
                        "device_name": "x86_64" if device == "cpu" else "NVIDIA H200", "cpu_count": 2,
                        "torch": "2.x", "commit": "0123456789abcdef", "sources_differ_from_commit": True,
                        "source_sha256": "feedfacecafe0000"},
        "seeds": [{"seed": s} for s in range(6)], "wall_seconds": 600.0, "cpu_seconds": 1200.0,
        "comparisons": [{"claim": "mlp-vs-linear", "hypothesis": "mlp > linear", "margin": 0.02,
                         "interval": {"mean": 0.5, "low": 0.3, "high": 0.7, "n": 6}, "verdict": "supported",
                         "if_refuted": "the MLP gain does not appear"}],
        "arms": {"mlp": {"per_seed": [{"seed": 0, "rate": 0.9, "low": 0.85, "high": 0.93}],
                         "pooled": {"rate": 0.9, "low": 0.85, "high": 0.93, "successes": 90, "trials": 100}}},
    }


def test_without_evidence_no_verdict_is_shown():
    html = miniatures_html([])
    assert "No evidence-scale run has been recorded yet" in html and "<table" not in html


def test_evidence_shows_verdict_interval_device_seeds_and_chart_with_text_escaped():
    html = miniatures_html([evidence()])
    assert "+0.500 [+0.300, +0.700]" in html and "<strong>supported</strong>" in html
    assert "CPU (x86_64, 2 cores)" in html and "seeds 0, 1, 2, 3, 4, 5" in html
    assert "commit 0123456789ab plus uncommitted changes" in html
    assert "0.900 [0.850, 0.930]" in html  # the arm's pooled Wilson interval
    assert "&lt;b&gt;claim&lt;/b&gt;" in html and "<b>claim</b>" not in html
    assert 'class="vlkb-chart"' in html


def test_a_cpu_and_a_gpu_run_of_one_miniature_are_both_shown_with_their_devices():
    html = miniatures_html([evidence(), evidence(config_name="gpu", device="cuda")])
    assert "CPU (x86_64, 2 cores)" in html and "GPU (NVIDIA H200)" in html
    assert html.count("<strong>supported</strong>") == 2


def test_a_refutation_says_what_it_means_for_the_claim():
    refuted = evidence()
    refuted["comparisons"][0].update(verdict="refuted", interval={"mean": -0.01, "low": -0.03, "high": 0.01, "n": 6})
    html = miniatures_html([refuted])
    assert "<strong>refuted</strong><br>the MLP gain does not appear" in html
    assert "the MLP gain does not appear" not in miniatures_html([evidence()])  # only shown when refuted


def test_miniatures_without_evidence_say_so_beside_those_with_it():
    html = miniatures_html([evidence("connector")])
    assert html.count("No evidence-scale run of this miniature yet") == 4


def test_unknown_miniature_names_are_not_rendered():
    assert "evil" not in miniatures_html([evidence("evil<script>")])


def test_device_labels_name_the_kind_of_device():
    assert device_label(evidence(device="cuda:0")) == "GPU (NVIDIA H200)"
    assert device_label({"environment": {"device": "cpu"}}) == "CPU"


def test_only_evidence_scale_files_from_evidence_configs_are_read(tmp_path):
    (tmp_path / "connector.cpu-evidence.json").write_text(json.dumps(evidence()), encoding="utf-8")
    (tmp_path / "connector.gpu.json").write_text(json.dumps(evidence(config_name="gpu", device="cuda")), encoding="utf-8")
    smoke = dict(evidence("queries"), scale="smoke", config_name="cpu-tiny")
    (tmp_path / "queries.cpu-tiny.json").write_text(json.dumps(smoke), encoding="utf-8")
    mislabelled = dict(evidence("guidance"), config_name="cpu-tiny")  # says evidence, ran the smoke config
    (tmp_path / "guidance.cpu-tiny.json").write_text(json.dumps(mislabelled), encoding="utf-8")
    (tmp_path / "timings.cpu-evidence.json").write_text(json.dumps({"seconds": {}}), encoding="utf-8")
    found = read_miniature_results(tmp_path)
    assert [(r["miniature"], r["config_name"]) for r in found] == [("connector", "cpu-evidence"), ("connector", "gpu")]


def test_arms_are_listed_in_their_preregistered_order():
    result = evidence()
    result["preregistration"]["arms"] = ["unconditional", "conditional"]
    pooled = {"rate": 0.5, "low": 0.4, "high": 0.6, "successes": 5, "trials": 10}
    result["arms"] = {"conditional": {"per_seed": [], "pooled": pooled}, "unconditional": {"per_seed": [], "pooled": pooled}}
    html = miniatures_html([result])
    assert html.index("<td>unconditional</td>") < html.index("<td>conditional</td>")
