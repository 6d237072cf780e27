"""Time the CPU-tiny suite of the issue-8 miniatures and print each verdict (smoke scale).

    python bench/miniatures_cpu_tiny.py [--workers 2] [--out bench/out/miniatures]

Writes one result JSON per miniature and `timings.json` (wall seconds per miniature and in all,
threads, workers, torch version, CPU). The numbers are smoke-test scale: these runs check the
pipeline, the verdicts that count come from scripts/gpu_miniatures.sh.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from reproductions.miniatures import MINIATURES, result_path, summary_lines, write_json  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/out/miniatures"))
    args = parser.parse_args()
    timings, started = {}, time.perf_counter()
    for name, run in MINIATURES.items():
        result = run("cpu-tiny", "cpu", None, workers=args.workers)
        write_json(result, result_path(args.out, name, "cpu-tiny"))
        timings[name] = result["wall_seconds"]
        print("\n".join(summary_lines(result)), f"({result['wall_seconds']:.1f} s)", flush=True)
    timings["total"] = time.perf_counter() - started
    write_json({"seconds": timings, "workers": args.workers, "threads_per_worker": 1, "torch": torch.__version__,
                "cpu": platform.processor() or platform.machine(), "cpu_count": os.cpu_count()},
               args.out / "timings.json")
    print(f"total {timings['total']:.1f} s on {args.workers} workers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
