"""Time the CPU-tiny suite of the issue-8 miniatures and print each verdict (smoke scale).

    python bench/miniatures_cpu_tiny.py [--workers 2] [--out bench/out/miniatures]

Writes one result JSON per miniature and `timings.json` (wall and CPU seconds per miniature and in
all, threads, workers, torch version, CPU). The goal: the CI suite (tests/reproductions/
test_miniatures_suite.py, which runs the same) under two minutes on two cores; CPU seconds are
printed too, since other processes on a shared machine stretch the wall time. The numbers are
smoke-test scale: these runs check the pipeline, the verdicts that count come from the evidence
configs (bench/miniatures_cpu_evidence.py, scripts/gpu_miniatures.sh).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from reproductions.miniatures import MINIATURES, result_path, summary_lines, write_json  # noqa: E402


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/out/miniatures"))
    args = parser.parse_args()
    timings, cpu, started, cpu_started = {}, {}, time.perf_counter(), cpu_seconds()
    for name, run in MINIATURES.items():
        cpu_before = cpu_seconds()
        result = run("cpu-tiny", "cpu", None, workers=args.workers)
        write_json(result, result_path(args.out, name, "cpu-tiny"))
        timings[name], cpu[name] = result["wall_seconds"], cpu_seconds() - cpu_before
        print("\n".join(summary_lines(result)), f"({result['wall_seconds']:.1f} s wall, {cpu[name]:.1f} CPU s)", flush=True)
    timings["total"], cpu["total"] = time.perf_counter() - started, cpu_seconds() - cpu_started
    write_json({"seconds": timings, "cpu_seconds": cpu, "workers": args.workers, "threads_per_worker": 1,
                "torch": torch.__version__, "cpu": platform.processor() or platform.machine(), "cpu_count": os.cpu_count()},
               args.out / "timings.json")
    print(f"total {timings['total']:.1f} s wall, {cpu['total']:.1f} CPU s on {args.workers} workers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
