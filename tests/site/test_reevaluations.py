"""Reported numbers next to their independent re-evaluations: the pairing, the gap and its tier, the
paper page, the evidence ledger and the leaderboard mark."""

from __future__ import annotations

import pytest

from vlkb.checks.validation import validate_catalog
from vlkb.site.benchmark_pages import benchmark_page
from vlkb.site.index import SiteIndex
from vlkb.site.paper_page import paper_page
from vlkb.site.reevaluation_page import evidence_page
from vlkb.site.reevaluations import pairs, tier_of

REPORTED = """
  - variant: LLaVA-1.5-7B
    benchmark: vqav2
    split: test-dev
    metric: accuracy
    value: 78.5
    setting: other
    source: {repository: haotian-liu/LLaVA, path: docs/MODEL_ZOO.md, commit: c121f0432da27facab705978f83c4ada465e46fd, line: 25}
"""

RE_RUNS = """
  - variant: LLaVA-1.5-7B
    benchmark: vqav2
    split: test-dev
    metric: accuracy
    value: 71.2
    setting: zero-shot
    provenance: re-evaluated
    re_evaluation: {harness: lmms-eval, harness_version: v0.3.0, by: lmms-eval maintainers, date: 2025-01-10}
    source: {repository: EvolvingLMMs-Lab/lmms-eval, path: docs/results.md, commit: 0123456789abcdef0123456789abcdef01234567, line: 12}
"""


@pytest.fixture
def catalog(catalog_copy):
    path = catalog_copy.path("papers/llava-1-5.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\nresults:\n" + REPORTED.lstrip("\n") + RE_RUNS.lstrip("\n"), encoding="utf-8")
    loaded, problems = validate_catalog(catalog_copy.root)
    assert problems == [], [p.as_text() for p in problems]
    return loaded


def test_tiers_follow_the_2_5_and_5_point_bounds():
    assert [tier_of(d) for d in (0, 2.5, -2.6, 5.0, 5.01, -12)] == [
        "within 2.5", "within 2.5", "within 5", "within 5", "more than 5", "more than 5"]


def test_a_re_evaluation_pairs_with_the_reported_row_of_the_same_split(catalog):
    [pair] = pairs(catalog.papers["llava-1-5"])
    assert (pair.reported.value, pair.re_evaluated.value, pair.difference, pair.tier) == (78.5, 71.2, -7.3, "more than 5")


def test_the_paper_page_the_ledger_and_the_leaderboard_show_the_gap(catalog):
    index = SiteIndex(catalog)
    page = paper_page(index, catalog.papers["llava-1-5"]).body_html
    section = page[page.index("Reported vs re-evaluated"):]
    assert "78.5" in section and "71.2" in section and "-7.3" in section and "more than 5" in section
    assert "lmms-eval v0.3.0" in section and "lmms-eval maintainers, 2025-01-10" in section
    ledger = evidence_page(index, []).body_html
    assert "<strong>1</strong> more than 5" in ledger and "of 1 re-evaluations" in ledger
    board = benchmark_page(index, catalog.benchmarks["vqav2"]).body_html
    assert "re-run: 71.2 by lmms-eval" in board


def test_a_re_evaluation_without_the_row_it_checks_is_refused(catalog_copy):
    path = catalog_copy.path("papers/llava.yaml")
    row = RE_RUNS.replace("LLaVA-1.5-7B", "Nobody-7B")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nresults:\n" + row.lstrip("\n"), encoding="utf-8")
    _, problems = validate_catalog(catalog_copy.root)
    [problem] = [p for p in problems if p.file.endswith("llava.yaml")]
    assert "need the reported row they check" in problem.message and "Nobody-7B on vqav2" in problem.message


def test_a_metric_with_another_range_is_tiered_on_a_0_to_100_scale(catalog):
    from vlkb.site.reevaluations import Pair

    [pair] = pairs(catalog.papers["llava-1-5"], catalog)
    mme_like = Pair(pair.paper, pair.reported.model_copy(update={"value": 1510.7}),
                    pair.re_evaluated.model_copy(update={"value": 1490.0}), span=2000.0)
    assert mme_like.difference == -20.7 and mme_like.scaled_difference == -1.035 and mme_like.tier == "within 2.5"


def test_own_checks_stand_in_the_ledger_with_stated_computed_and_verdict(catalog):
    index = SiteIndex(catalog)
    architecture = [{"catalog_id": "llava-1-5", "model": "llava-1.5-7b", "quantity": "visual_tokens", "stated": "576",
                     "computed": 576, "difference": 0, "verdict": "matched", "cause": "",
                     "command": "python -m reproductions.run llava-1.5-7b"}]
    claims = [{"paper": "llava-1-5", "id": "fastv-flops", "quantity": "prefill FLOPs saved", "stated": "45%",
               "computed": "44.9%", "difference": "-0.1 points", "verdict": "matched", "cause": "",
               "command": "python -m reproductions.compute_claims fastv-flops"}]
    html = evidence_page(index, architecture, claims).body_html
    table = html[html.index('id="t-own-evidence"'):]
    assert "2 own checks" in html and "2 matched, of 2 checks" in html
    assert "architecture re-computation" in table and "compute claim" in table
    assert "<code>python -m reproductions.compute_claims fastv-flops</code>" in table
    assert 'href="../../papers/llava-1-5/"' in table


def test_miniature_verdicts_join_the_own_evidence_with_their_device(catalog):
    result = {"miniature": "guidance", "config_name": "cpu-evidence", "scale": "evidence",
              "environment": {"device_type": "cpu", "device_name": "x86_64", "cpu_count": 2},
              "comparisons": [{"claim": "guidance-raises-fidelity", "margin": 0.02, "verdict": "supported",
                               "interval": {"mean": 0.107, "low": 0.094, "high": 0.119, "n": 12}}],
              "arms": {}, "preregistration": {}}
    html = evidence_page(SiteIndex(catalog), [], [], [result]).body_html
    table = html[html.index('id="t-own-evidence"'):]
    assert "claim tested in miniature" in table and "guidance-raises-fidelity" in table
    assert "+0.107 [+0.094, +0.119], 12 seeds" in table and "CPU (x86_64, 2 cores)" in table
    assert "<code>python bench/miniatures_cpu_evidence.py</code>" in table
