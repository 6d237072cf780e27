"""The CPU-tiny suite of the five miniatures: complete, finite, pre-registered, bit-for-bit
reproducible. Their speed is measured by bench/miniatures_cpu_tiny.py, not asserted here. These are smoke
tests; the verdicts that count come from the evidence configs ("cpu-evidence", "gpu")."""

import json
import math

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from reproductions.miniatures import MINIATURES, MODULES, summary_lines
from reproductions.miniatures.harness import _run_one_seed, without_timings

@pytest.fixture(scope="module")
def suite():
    """Every miniature at cpu-tiny, seeds in two worker processes (the two CI cores)."""
    events = []
    results = {}
    for name, run in MINIATURES.items():
        results[name] = run(
            "cpu-tiny",
            "cpu",
            lambda done, total, label: events.append(("progress", label)),
            workers=2,
            preregistered=lambda declared: events.append(("declared", declared["preregistration"]["miniature"])),
        )
    return {"results": results, "events": events}  # timings: bench/miniatures_cpu_tiny.py


def test_the_suite_covers_all_five_miniatures(suite):
    assert set(suite["results"]) == {"connector", "resolution", "action-tokens", "guidance", "queries"}


def test_each_miniature_is_declared_before_its_first_seed_runs(suite):
    order = [event for event in suite["events"]]
    for result in suite["results"].values():
        name = result["miniature"]
        declared = order.index(("declared", name))
        first_seed = next(i for i, e in enumerate(order) if e[0] == "progress" and e[1].startswith(name + " "))
        assert declared < first_seed


def test_every_seed_of_every_arm_is_reported_with_finite_numbers(suite):
    for result in suite["results"].values():
        seeds = result["preregistration"]["seeds"]
        assert len(seeds) >= 5
        for arm, summary in result["arms"].items():
            assert [s["seed"] for s in summary["per_seed"]] == list(seeds), arm
            for interval in summary["per_seed"] + [summary["pooled"]]:
                assert all(math.isfinite(interval[k]) for k in ("rate", "low", "high"))
        for comparison in result["comparisons"]:
            assert len(comparison["differences"]) == len(seeds)
            assert all(math.isfinite(comparison["interval"][k]) for k in ("mean", "low", "high"))
            assert comparison["verdict"] in ("supported", "refuted", "inconclusive")


def test_results_carry_device_torch_version_code_and_wall_and_cpu_time(suite):
    for result in suite["results"].values():
        environment = result["environment"]
        assert environment["device"] == "cpu" and environment["torch"] and environment["device_name"]
        assert environment["device_type"] == "cpu" and environment["sized_for"] == "cpu"
        assert len(environment["source_sha256"]) == 64 and "commit" in environment
        assert result["scale"] == "smoke"  # cpu-tiny verdicts must never be shown as evidence
        assert result["wall_seconds"] > 0 and all(seed["seconds"] > 0 for seed in result["seeds"])
        assert all(seed["cpu_seconds"] > 0 for seed in result["seeds"])
        assert result["cpu_seconds"] == pytest.approx(sum(seed["cpu_seconds"] for seed in result["seeds"]))
        json.dumps(result)  # JSON-ready
        assert summary_lines(result)


def test_a_seed_rerun_in_this_process_reproduces_the_worker_result_bit_for_bit(suite):
    for name, module in MODULES.items():
        rerun = _run_one_seed(module, "cpu-tiny", 0, "cpu", None)
        in_suite = next(s for s in suite["results"][name]["seeds"] if s["seed"] == 0)
        arms_in_suite = {arm: next(s for s in summary["per_seed"] if s["seed"] == 0)
                         for arm, summary in suite["results"][name]["arms"].items()}
        for arm, counts in rerun["arms"].items():
            for key, value in counts.items():
                assert arms_in_suite[arm][key] == value, (name, arm, key)
        assert without_timings(in_suite) == without_timings({k: v for k, v in rerun.items() if k != "arms"})


def test_visual_tokens_grow_with_the_square_of_resolution_in_a_real_forward_pass(suite):
    result = suite["results"]["resolution"]
    patch = result["config"]["patch_size"]
    for resolution in result["config"]["resolutions"]:
        for seed in result["arms"][f"{resolution}px"]["per_seed"]:
            assert seed["visual_tokens"] == (resolution // patch) ** 2


def test_the_resampler_emits_one_visual_token_per_learned_query(suite):
    for queries in suite["results"]["queries"]["config"]["queries"]:
        for seed in suite["results"]["queries"]["arms"][f"{queries}-queries"]["per_seed"]:
            assert seed["visual_tokens"] == queries


def test_the_connector_keeps_the_language_model_frozen(suite):
    assert all(seed["notes"]["frozen_lm_unchanged"] for seed in suite["results"]["connector"]["seeds"])


def test_the_parameter_matched_linear_projector_has_the_mlp_parameter_count(suite):
    arms = suite["results"]["connector"]["arms"]
    for matched, mlp in zip(arms["linear-matched"]["per_seed"], arms["mlp"]["per_seed"]):
        assert matched["trainable_parameters"] == mlp["trainable_parameters"]
