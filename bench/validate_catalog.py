"""Benchmark: time and peak memory of a full `vlkb validate` on synthetic catalogs of 1k and 10k records.

Goal (issue 2): 10,000 records validated in under 5 s on a 2-core machine. Each run happens in a fresh
subprocess (imports included in the time) so peak RSS belongs to that run alone; it measures what
`vlkb validate` runs. Usage: python bench/validate_catalog.py [N ...] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEAVES = [
    "vision-to-text/image-to-text/general-domain/general-ability",
    "vision-to-text/video-to-text/video-conversation",
    "vision-to-action/embodied-ai/manipulation",
    "text-to-vision/text-to-image",
    "challenges/efficiency",
]


def synthetic_record(index: int) -> str:
    """A record shaped like a real enriched one: authors, links, two leaves, architecture, three results."""
    year, month = 2020 + index % 6, 1 + index % 12
    arxiv = f"{year % 100:02d}{month:02d}.{10000 + index:05d}"
    return f"""# yaml-language-server: $schema=../schema/paper.schema.json
id: synthetic-{index:05d}
title: Synthetic paper number {index} for benchmarking
short_name: Synth-{index}
kind: model
authors:
  names: [Author One {index}, Author Two, Author Three]
  status: confirmed
  sources:
    - url: https://arxiv.org/abs/{arxiv}
date: {year}-{month:02d}-15
venue: arxiv
arxiv: "{arxiv}"
links:
  paper: https://arxiv.org/abs/{arxiv}
  code: https://github.com/example/synth-{index}
  code_status: released
taxonomy:
  - {LEAVES[index % 5]}
  - {LEAVES[(index + 1) % 5]}
input_modalities: [image, text]
output_modalities: [text]
architecture:
  - variant: Synth-{index}-7B
    projector: mlp
    visual_tokens: 576
    total_parameters: 7B
    sources:
      - {{arxiv: "{arxiv}v1", locator: Table 1}}
results:
  - {{variant: Synth-{index}-7B, benchmark: vqav2, split: test-dev, metric: accuracy, value: {50 + index % 40}.5, setting: zero-shot, source: {{arxiv: "{arxiv}v1", locator: Table 2}}}}
  - {{variant: Synth-{index}-7B, benchmark: vqav2, split: val, metric: accuracy, value: {40 + index % 50}.1, setting: zero-shot, source: {{arxiv: "{arxiv}v1", locator: Table 2}}}}
  - {{variant: Synth-{index}-7B, benchmark: vqav2, split: test-std, metric: accuracy, value: {45 + index % 45}.0, setting: fine-tuned, source: {{arxiv: "{arxiv}v1", locator: Table 3}}}}
builds_on: [{f"synthetic-{index - 1:05d}" if index else "llava"}]
summary: A synthetic record that exercises every kind of check the validator runs.
added: 2026-11-26
"""


def make_catalog(folder: Path, count: int) -> Path:
    root = folder / "catalog"
    shutil.copytree(REPO / "tests" / "fixtures" / "catalog", root)
    for index in range(count):
        (root / "papers" / f"synthetic-{index:05d}.yaml").write_text(synthetic_record(index), encoding="utf-8")
    return root


MEASURE = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
from vlkb.checks.validation import validate_paths
imported = time.perf_counter() - start
report = validate_paths([Path(sys.argv[1])])  # what `vlkb validate` runs
elapsed = time.perf_counter() - start
assert not report.problems, [p.as_text() for p in report.problems[:5]]
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
print(len(report.catalogs[0].facts), f"{elapsed:.3f}", f"{cpu:.3f}", max(own.ru_maxrss, kids.ru_maxrss),
      f"{imported:.3f}")
"""


def machine_speed() -> float:
    """Seconds this process takes to parse the same 300 synthetic records: a yardstick for the machine's
    speed at the moment (it drifts by up to 2x within minutes), printed beside each run."""
    from vlkb.loading.safe_yaml import load_yaml_bytes

    texts = [synthetic_record(index).encode("utf-8") for index in range(300)]
    start = time.perf_counter()
    for text in texts:
        load_yaml_bytes(text, "calibration.yaml", positions=False)
    return round(time.perf_counter() - start, 3)


def measure(count: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        root = make_catalog(Path(folder), count)
        speed = machine_speed()
        wall = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", MEASURE, str(root)], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - wall
    papers, seconds, cpu, rss_kb, imports = out.stdout.split()
    return {"records": int(papers), "validate_s": float(seconds), "of_which_imports_s": float(imports),
            "cpu_s": float(cpu), "process_s": round(wall, 3),
            "peak_rss_mb": round(int(rss_kb) / 1024, 1), "load_avg_1min": round(os.getloadavg()[0], 2),
            "yardstick_s": speed}


def main(counts: list[int], repeat: int) -> None:
    for count in counts:
        rows = [measure(count) for _ in range(repeat)]
        for row in rows:
            print(json.dumps(row))
        if count >= 10_000:
            seconds = sorted(row["validate_s"] for row in rows)
            median = statistics.median(seconds)
            yardstick = statistics.median(row["yardstick_s"] for row in rows)

            def verdict(value: float) -> str:
                return "meets" if value < 5 else "MISSES"

            print(f"goal: {rows[0]['records']} records in under 5 s on {os.cpu_count()} cores; {repeat} runs: fastest"
                  f" {seconds[0]:.2f} s ({verdict(seconds[0])} it), median {median:.2f} s ({verdict(median)} it),"
                  f" slowest {seconds[-1]:.2f} s; yardstick median {yardstick:.3f} s (lower is a faster machine)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (this machine's speed varies)")
    arguments = parser.parse_args()
    main(arguments.counts, arguments.repeat)
