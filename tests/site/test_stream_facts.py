"""Action and generation facts on the site: cards on paper pages, real-robot rates with their interval,
sub-suites side by side on leaderboards, and each stream's facts over time."""

from __future__ import annotations

import re

import pytest

from tests.foundation.test_cross_checks import SUITE_BENCHMARK
from vlkb.checks.validation import validate_catalog
from vlkb.site.benchmark_pages import benchmark_page
from vlkb.site.index import SiteIndex
from vlkb.site.paper_page import paper_page
from vlkb.site.stream_cards import wilson_interval
from vlkb.site.taxonomy_pages import taxonomy_pages

SOURCE = "{arxiv: 2406.09246v3, locator: Table 1}"


def vla(record_id: str, date: str, representation: str, results: dict[str, float], extra: str = "") -> str:
    rows = "".join(f"  - {{variant: {record_id}-7B, benchmark: libero, split: {suite}, metric: success-rate, "
                   f"value: {value}, setting: fine-tuned, source: {SOURCE}}}\n" for suite, value in results.items())
    bins = "\n    bins: 256" if representation == "discrete-bins" else ""
    return f"""
id: {record_id}
title: '{record_id} acts'
kind: model
authors: {{status: unconfirmed}}
date: {date}
venue: arxiv
taxonomy: [vision-to-action/embodied-ai/manipulation]
input_modalities: [image, text]
output_modalities: [action]
action:
  - variant: {record_id}-7B
    representation: {representation}{bins}
    chunk_length: 8
    control_frequency_hz: 5
    embodiments: [single-arm]
    observations: [third-person-camera, wrist-camera]
    sources: [{SOURCE}]
results:
{rows}{extra}added: 2026-11-26
"""


@pytest.fixture
def index(catalog_copy):
    catalog_copy.write("benchmarks/libero.yaml", SUITE_BENCHMARK)
    catalog_copy.write("papers/binned.yaml", vla("binned", "2024-06-13", "discrete-bins",
                                                 {"spatial": 84.7, "long": 53.7, "average": 69.2},
                                                 extra=f"""real_robot:
  - {{variant: binned-7B, task: put the eggplant in the pot, embodiment: single-arm, robot: WidowX 250,
     trials: 10, successes: 7, source: {SOURCE}}}
"""))
    catalog_copy.write("papers/flowing.yaml", vla("flowing", "2024-10-31", "flow-matching",
                                                  {"spatial": 96.8, "long": 85.2, "average": 91.0}))
    catalog, problems = validate_catalog(catalog_copy.root)
    assert problems == []
    return SiteIndex(catalog)


def test_the_wilson_interval_matches_its_formula_at_known_points():
    low, high = wilson_interval(7, 10)
    assert round(low, 4) == 0.3968 and round(high, 4) == 0.8922
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == 1.0


def test_the_paper_page_shows_how_the_model_acts_and_its_real_robot_rate(index):
    html = paper_page(index, index.catalog.papers["binned"]).body_html
    assert "How it acts" in html and "discrete-bins (256 bins)" in html
    assert "<dt>Chunk length</dt><dd>8</dd>" in html and "<dt>Control frequency</dt><dd>5 Hz</dd>" in html
    assert "third-person-camera, wrist-camera" in html
    assert "7 / 10" in html and ">70%<" in html and "40–89%" in html and "WidowX 250" in html


def test_the_leaderboard_puts_suites_side_by_side_ranked_by_the_average(index):
    html = benchmark_page(index, index.catalog.benchmarks["libero"]).body_html
    table = html[html.index('id="t-suites-success-rate"'):]
    table = table[:table.index("</table>")]
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", table)
    assert headers[:5] == ["Variant", "Paper", "LIBERO-Spatial", "LIBERO-Long", "average"]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert "flowing-7B" in rows[0] and "binned-7B" in rows[1]  # 91.0 ranks above 69.2
    assert rows[0].index("96.8") < rows[0].index("85.2") < rows[0].index("91.0")


def test_the_stream_page_counts_how_models_act_per_half_year(index):
    pages = {page.src_uri: page for page in taxonomy_pages(index)}
    html = pages["taxonomy/vision-to-action/index.md"].body_html
    assert "How models act over time" in html
    table = html[html.index('id="t-trend-action"'):]
    assert re.search(r"2024 H1</td><td>1</td><td>0</td>", table) and re.search(r"2024 H2</td><td>0</td><td>1</td>", table)
