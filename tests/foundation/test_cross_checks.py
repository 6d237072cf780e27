"""Checks across records, including the awesome-VLLMs list's own errors fed in as records."""

from __future__ import annotations

import datetime as dt

import pytest

import vlkb.parallelism
from vlkb.checks import validation

TODAY = dt.date(2026, 11, 26)

LOADING_PATHS = {  # (facts only, worker processes): every way the checks can receive a catalog
    "one-process-records": (False, False), "one-process-facts": (True, False),
    "workers-records": (False, True), "workers-facts": (True, True),
}
_facts_only = False


@pytest.fixture(autouse=True, params=list(LOADING_PATHS))
def loading_path(request, monkeypatch):
    """Every test here runs once per loading path: the site build's and `vlkb validate`'s, serial and parallel."""
    facts_only, workers = LOADING_PATHS[request.param]
    for sends in ("facts", "records"):
        monkeypatch.setitem(vlkb.parallelism.LOAD_IN_PARALLEL_FROM, sends, 2 if workers else 10**9)
    monkeypatch.setattr(f"{__name__}._facts_only", facts_only)
    return request.param


def validate_catalog(root, today):
    return validation.validate_catalog(root, today, facts_only=_facts_only)


def record(record_id: str, title: str, arxiv: str, date: str, extra: str = "", venue: str = "arxiv") -> str:
    return f"""
id: {record_id}
title: {title}
kind: model
authors: {{status: unconfirmed}}
date: {date}
venue: {venue}
arxiv: "{arxiv}"
taxonomy: [vision-to-text/image-to-text/general-domain/general-ability]
added: 2026-11-26
{extra}"""


def messages(catalog_copy, name: str) -> list[str]:
    _, problems = validate_catalog(catalog_copy.root, TODAY)
    return [p.message for p in problems if p.file.endswith(f"/{name}.yaml")]


def test_list_error_same_arxiv_id_on_two_papers_is_caught(catalog_copy):
    # The list links Qwen2-VL to 2408.03326, LLaVA-OneVision's id.
    catalog_copy.write("papers/llava-onevision.yaml",
                       record("llava-onevision", "'LLaVA-OneVision: Easy Visual Task Transfer'", "2408.03326", "2024-08-06"))
    catalog_copy.write("papers/qwen2-vl-as-listed.yaml", record(
        "qwen2-vl-as-listed", "'Qwen2-VL (as the list has it)'", "2408.03326", "2024-09-18"))
    assert "same arxiv as record 'llava-onevision'" in messages(catalog_copy, "qwen2-vl-as-listed")


def test_list_error_misspelled_venue_is_caught_with_a_hint(catalog_copy):
    catalog_copy.write("papers/meteor.yaml", record(
        "meteor", "'Meteor: Mamba-based Traversal of Rationale'", "2405.15574", "2024-05-24", venue="NeurlPS"))
    _, problems = validate_catalog(catalog_copy.root, TODAY)
    [problem] = [p for p in problems if p.file.endswith("meteor.yaml")]
    assert problem.message == "unknown venue id 'NeurlPS'" and "'neurips'" in problem.hint


def test_list_error_date_before_the_arxiv_month_is_caught(catalog_copy):
    # mPLUG-Owl2's row carries arXiv 2404.07214 and the date 2023-11-07.
    catalog_copy.write("papers/mplug-owl2.yaml", record(
        "mplug-owl2", "'mPLUG-Owl2 as listed'", "2404.07214", "2023-11-07"))
    assert any("before the arXiv month" in m for m in messages(catalog_copy, "mplug-owl2"))


def test_normalised_titles_collide(catalog_copy):
    catalog_copy.write("papers/llava-again.yaml", record("llava-again", "'visual instruction-tuning'", "2401.00002", "2024-01-05"))
    assert "same title as record 'llava'" in messages(catalog_copy, "llava-again")


def test_future_dates_are_refused(catalog_copy):
    catalog_copy.write("papers/future.yaml", record("future", "Future", "2401.00003", "2027-01-01"))
    assert any("in the future" in m for m in messages(catalog_copy, "future"))


def test_builds_on_must_resolve_and_suggests_the_near_id(catalog_copy):
    catalog_copy.write("papers/child.yaml", record("child", "Child", "2401.00004", "2024-01-05", "builds_on: [llava-15]"))
    assert any("'llava-15', which is not in the catalog" in m for m in messages(catalog_copy, "child"))


def test_lineage_cycles_are_refused(catalog_copy):
    catalog_copy.write("papers/aa.yaml", record("aa", "Aa", "2401.00005", "2024-01-05", "builds_on: [bb]"))
    catalog_copy.write("papers/bb.yaml", record("bb", "Bb", "2401.00006", "2024-01-05", "builds_on: [aa]"))
    assert "lineage cycle: aa -> bb -> aa" in messages(catalog_copy, "aa")


def test_taxonomy_must_name_a_leaf(catalog_copy):
    text = record("cat", "Cat", "2401.00007", "2024-01-05").replace(
        "general-domain/general-ability]", "general-domain]")
    catalog_copy.write("papers/cat.yaml", text)
    assert any("is a category, not a leaf" in m for m in messages(catalog_copy, "cat"))


def test_results_are_checked_against_the_benchmark_registry(catalog_copy):
    rows = """results:
  - {variant: X, benchmark: vqav2, split: test-dev, metric: accuracy, value: 785, setting: zero-shot,
     source: {arxiv: "2401.00008v1", locator: Table 2}}
  - {variant: X, benchmark: vqav2, split: test, metric: accuracy, value: 78.5, setting: zero-shot,
     source: {arxiv: "2401.00008v1", locator: Table 2}}
  - {variant: X, benchmark: vqav2, split: val, metric: cider, value: 78.5, setting: zero-shot,
     source: {arxiv: "2401.00008v1", locator: Table 2}}
  - {variant: X, benchmark: gqa2, split: val, metric: accuracy, value: 1, setting: zero-shot,
     source: {arxiv: "2401.00008v1", locator: Table 2}}
"""
    catalog_copy.write("papers/res.yaml", record("res", "Res", "2401.00008", "2024-01-05", rows))
    found = messages(catalog_copy, "res")
    assert any("outside accuracy's range [0, 100]" in m for m in found)
    assert any("has no split 'test'" in m for m in found)
    assert any("has no metric 'cider'" in m for m in found)
    assert any("unknown benchmark 'gqa2'" in m for m in found)


def test_architecture_components_must_exist_and_have_the_right_type(catalog_copy):
    catalog_copy.write("components/tiny-vit.yaml", """
id: tiny-vit
name: Tiny ViT
type: vision-encoder
family: ViT
hyperparameters: {image_size: 224, patch_size: 16}
sources: [{arxiv: "2010.11929v2", locator: Table 1}]
""")
    arch = """architecture:
  - variant: X
    vision_encoder: tiny-vit
    language_model: tiny-vit
    sources: [{arxiv: "2401.00009v1", locator: Table 1}]
"""
    catalog_copy.write("papers/arch.yaml", record("arch", "Arch", "2401.00009", "2024-01-05", arch))
    assert "'tiny-vit' is a vision-encoder, not a language-model" in messages(catalog_copy, "arch")


def test_component_hyperparameters_must_fit_the_type(catalog_copy):
    catalog_copy.write("components/odd.yaml", """
id: odd
name: Odd
type: vision-encoder
family: ViT
hyperparameters: {vocab_size: 32000}
sources: [{arxiv: "2010.11929v2", locator: Table 1}]
""")
    assert any("do not belong to a vision-encoder" in m for m in messages(catalog_copy, "odd"))


def test_a_date_after_the_arxiv_month_is_not_a_v1_date(catalog_copy):
    catalog_copy.write("papers/late.yaml", record("late", "Late", "2311.00001", "2024-03-23"))
    found = messages(catalog_copy, "late")
    assert any("after the arXiv month" in m for m in found)
    catalog_copy.write("papers/late.yaml", record("late", "Late", "2311.00001", "2023-11-01",
                                                  "date_precision: month"))
    assert messages(catalog_copy, "late") == []


def test_loading_on_worker_processes_gives_what_one_process_gives(catalog_copy, monkeypatch):
    catalog_copy.write("papers/broken.yaml", "id: broken\ntitle: [unclosed\n")
    catalog_copy.write("papers/dated.yaml", record("dated", "A Dated Paper", "2301.00001", "2022-12-01"))
    catalog_copy.write("papers/notes.txt", "not a record")
    outcomes = []
    for threshold in (10**9, 2):  # one process, then workers for every folder
        for sends in ("facts", "records"):
            monkeypatch.setitem(vlkb.parallelism.LOAD_IN_PARALLEL_FROM, sends, threshold)
        for facts_only in (False, True):
            catalog, problems = validation.validate_catalog(catalog_copy.root, TODAY, facts_only=facts_only)
            outcomes.append((catalog.papers, catalog.facts, sorted(catalog.broken), problems))
    serial, serial_facts, parallel, parallel_facts = outcomes
    assert serial == parallel and serial_facts == parallel_facts
    assert serial_facts[0] == {} and serial[1] == serial_facts[1]  # the same facts, with or without records
    assert len(serial[1]) >= 3 and ("papers", "broken") in serial[2] and len(serial[3]) >= 3


SUITE_BENCHMARK = """
id: libero
name: LIBERO
task: robot manipulation in simulation
modalities: [image, text]
metrics:
  - {id: success-rate, name: success rate, unit: percent, min: 0, max: 100, higher_is_better: true}
splits: [spatial, long, average]
suites:
  - {id: spatial, name: LIBERO-Spatial}
  - {id: long, name: LIBERO-Long}
  - {id: average, name: average, average_of: [spatial, long]}
sources:
  - {url: https://example.org/libero}
"""

ACTING = """
input_modalities: [image, text]
output_modalities: [action]
"""

SOURCE = "{arxiv: 2406.09246v3, locator: Table 1}"


def _acting(record_id: str, facts: str, outputs: str = ACTING) -> str:
    return record(record_id, f"'{record_id} acts'", "2406.09246", "2024-06-13", outputs + facts)


def problems_of(catalog_copy, name: str):
    _, problems = validate_catalog(catalog_copy.root, TODAY)
    return [p for p in problems if p.file.endswith(f"/{name}.yaml")]


def test_an_unknown_suite_is_named_with_the_benchmarks_suites(catalog_copy):
    catalog_copy.write("benchmarks/libero.yaml", SUITE_BENCHMARK)
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""results:
  - {{variant: VLA-7B, benchmark: libero, split: goal, metric: success-rate, value: 80.1, setting: fine-tuned, source: {SOURCE}}}
"""))
    [problem] = problems_of(catalog_copy, "vla")
    assert problem.field == "results[0].split" and problem.line == 14
    assert "no suite or split 'goal'" in problem.message and "spatial, long, average" in problem.hint


def test_a_value_outside_the_metric_range_names_file_line_and_field(catalog_copy):
    catalog_copy.write("benchmarks/libero.yaml", SUITE_BENCHMARK)
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""results:
  - {{variant: VLA-7B, benchmark: libero, split: long, metric: success-rate, value: 853, setting: fine-tuned, source: {SOURCE}}}
"""))
    [problem] = problems_of(catalog_copy, "vla")
    assert (problem.field, problem.line) == ("results[0].value", 14)
    assert "853 is outside success-rate's range [0, 100]" in problem.message


def test_a_direction_contradicting_the_benchmarks_is_refused(catalog_copy):
    catalog_copy.write("benchmarks/libero.yaml", SUITE_BENCHMARK)
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""results:
  - {{variant: VLA-7B, benchmark: libero, split: long, metric: success-rate, value: 53.7, setting: fine-tuned,
     direction: lower-is-better, source: {SOURCE}}}
"""))
    [problem] = problems_of(catalog_copy, "vla")
    assert problem.field == "results[0].direction" and problem.line == 15
    assert "lower-is-better" in problem.message and "higher-is-better" in problem.message


def test_successes_above_trials_are_refused_at_their_line(catalog_copy):
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""real_robot:
  - variant: VLA-7B
    task: put the eggplant in the pot
    embodiment: single-arm
    trials: 10
    successes: 12
    source: {SOURCE}
"""))
    [problem] = problems_of(catalog_copy, "vla")
    assert problem.field.startswith("real_robot[0]") and problem.line == 14
    assert "successes (12) exceed trials (10)" in problem.message


def test_action_facts_on_a_paper_that_does_not_act_are_refused(catalog_copy):
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""action:
  - variant: VLA-7B
    representation: discrete-bins
    bins: 256
    sources: [{SOURCE}]
""", outputs="input_modalities: [image, text]\noutput_modalities: [text]\n"))
    [problem] = problems_of(catalog_copy, "vla")
    assert "need an acting output" in problem.message and problem.line == 1


def test_an_action_head_must_be_an_action_expert_component(catalog_copy):
    catalog_copy.write("components/vicuna-7b-v1-5.yaml", f"""
id: vicuna-7b-v1-5
name: Vicuna-7B v1.5
type: language-model
family: LLaMA-2
sources: [{SOURCE}]
""")
    catalog_copy.write("papers/vla.yaml", _acting("vla", f"""action:
  - variant: VLA-7B
    representation: flow-matching
    action_head: vicuna-7b-v1-5
    sources: [{SOURCE}]
"""))
    [problem] = problems_of(catalog_copy, "vla")
    assert problem.field == "action[0].action_head" and problem.line == 16
    assert "'vicuna-7b-v1-5' is a language-model, not an action-expert" in problem.message
