"""`python -m reproductions.miniatures [NAME ...] --config cpu-tiny|cpu-pilot|cpu-evidence|gpu --device cpu|cuda --out DIR`

Runs the named miniatures (all by default), writes `<name>.<config>.preregistration.json` before
training and `<name>.<config>.json` after, and prints one verdict line per comparison. Works
without vlkb or pydantic (the GPU machine has neither).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import CONFIG_NAMES, MINIATURES, result_path, summary_lines, write_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reproductions.miniatures", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"miniatures to run (default all): {', '.join(MINIATURES)}")
    parser.add_argument("--config", default="cpu-tiny", choices=CONFIG_NAMES)
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    parser.add_argument("--workers", type=int, default=1, help="seeds run in parallel processes (several may share one GPU)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads per process (default 1 on CPU)")
    parser.add_argument("--out", type=Path, default=Path("reproductions/runs/miniatures"))
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in MINIATURES]
    if unknown:
        parser.error(f"unknown miniature(s) {unknown}; choose from {list(MINIATURES)}")
    started = time.perf_counter()
    for name in args.names or list(MINIATURES):
        preregistration_path = result_path(args.out, name, args.config).with_suffix(".preregistration.json")

        def declare(declared: dict, path: Path = preregistration_path) -> None:
            write_json(declared, path)

        def progress(done: int, total: int, label: str) -> None:
            print(f"  [{done}/{total}] {label}", file=sys.stderr, flush=True)

        def keep(outcome: dict, name: str = name) -> None:
            write_json(outcome, result_path(args.out, name, args.config).with_suffix(f".seed{outcome['seed']}.json"))

        result = MINIATURES[name](args.config, args.device, progress, workers=args.workers, threads=args.threads,
                                  preregistered=declare, on_outcome=keep)
        write_json(result, result_path(args.out, name, args.config))
        print("\n".join(summary_lines(result)) + f"   ({result['wall_seconds']:.1f} s)", flush=True)
    print(f"total {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
