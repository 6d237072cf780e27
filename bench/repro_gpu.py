"""Full-width bf16 forward passes with random weights: latency and peak memory per image, one JSON.

    python bench/repro_gpu.py llava-1.5-7b blip2-opt-2.7b --device cuda --batches 1 4 --out OUT.json
    python bench/repro_gpu.py nanovlm-222m --device cpu --narrow --out /tmp/smoke.json   # CPU smoke test

Needs only torch (the GPU machine has no pydantic). Per model and batch size: latency per image
(best of ``--repeats`` after a warm-up), peak allocated memory, the weights' share of it, and the
activation memory per image ((peak - weights) / batch). Models that run out of memory are reported.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402

from reproductions.assemble import narrow  # noqa: E402
from reproductions.forward import full_forward  # noqa: E402
from reproductions.zoo import REPRODUCTIONS  # noqa: E402


def measure(name: str, *, device: str, batches: list[int], repeats: int, narrow_widths: bool) -> list[dict]:
    cfg = narrow(REPRODUCTIONS[name]) if narrow_widths else REPRODUCTIONS[name]
    rows = []
    for batch in batches:
        try:
            row = full_forward(cfg, device=device, dtype=torch.bfloat16, batch=batch, repeats=repeats)
        except torch.OutOfMemoryError as error:
            rows.append({"model": name, "batch": batch, "error": str(error).splitlines()[0]})
            torch.cuda.empty_cache()
            continue
        except ValueError as error:  # e.g. a component reproduction without a language model
            rows.append({"model": name, "batch": batch, "error": str(error)})
            continue
        weights_gib = row["parameters"] * 2 / 2 ** 30  # bf16
        row["weights_gib"] = round(weights_gib, 3)
        if "peak_memory_gib" in row:
            row["activation_gib_per_image"] = round((row["peak_memory_gib"] - weights_gib) / batch, 4)
        row["model"] = name
        rows.append(row)
        print(json.dumps(row, sort_keys=True), file=sys.stderr)
        if device.startswith("cuda"):
            torch.cuda.empty_cache()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="+", help="reproduction names (python -m reproductions.run --list)")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--narrow", action="store_true", help="tiny widths (a smoke test, not a measurement)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print("no CUDA device visible to torch", file=sys.stderr)
        return 2
    rows = [row for name in args.names
            for row in measure(name, device=args.device, batches=args.batches, repeats=args.repeats,
                               narrow_widths=args.narrow)]
    report = {"environment": {"torch": torch.__version__, "python": platform.python_version(), "device": args.device,
                              "gpu": torch.cuda.get_device_name(0) if args.device.startswith("cuda") else None},
              "narrow_widths": args.narrow, "dtype": "bfloat16", "results": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
