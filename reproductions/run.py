"""Command-line entry that needs only torch: ``python -m reproductions.run [NAME ...]``.

    python -m reproductions.run                      # every architecture reproduction, on the CPU
    python -m reproductions.run llava-1.5-7b qwen-vl --device cuda   # + full-width bf16 forward
    python -m reproductions.run --ledger reproductions/ledger/architecture.json   # all, write the ledger
    python -m reproductions.run --list

One results file per reproduction goes to ``--out`` (default reproductions/runs/<name>.json):
inputs, computed values, stated values with sources, verdicts, environment (torch, device).
``vlkb repro`` (vlkb/cli/repro.py) calls the same functions.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_OUT = Path("reproductions/runs")
DEFAULT_LEDGER = Path("reproductions/ledger/architecture.json")
LEDGER_COMMAND = "python -m reproductions.run --ledger reproductions/ledger/architecture.json"


def _progress(items, description: str):
    try:
        from tqdm import tqdm
    except ModuleNotFoundError:  # the GPU machine may lack tqdm
        return items
    return tqdm(items, desc=description, unit="model", file=sys.stderr)


def write_json(data, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def resolve(names: list[str]) -> list:
    from .zoo import REPRODUCTIONS
    unknown = [n for n in names if n not in REPRODUCTIONS]
    if unknown:
        raise SystemExit(f"unknown reproduction(s): {', '.join(unknown)}; "
                         f"`python -m reproductions.run --list` shows the {len(REPRODUCTIONS)} names")
    return [REPRODUCTIONS[n] for n in (names or REPRODUCTIONS)]


def run_architectures(names: list[str], *, device: str = "cpu", out: Path | None = DEFAULT_OUT,
                      full_forward: bool | None = None, progress=_progress) -> list[dict]:
    """Reproduce each named model; on CUDA (or with ``full_forward``) also time a full-width bf16 pass."""
    import torch

    from .architecture import environment, reproduce
    from .forward import full_forward as forward_pass

    if device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device cuda asked for, but torch sees no CUDA device")
    full_forward = device.startswith("cuda") if full_forward is None else full_forward
    results = []
    for cfg in progress(resolve(names), "architectures"):
        result = reproduce(cfg)
        result["kind"] = "architecture"
        result["environment"] = environment(device)
        if full_forward and cfg.lm_kind != "none":
            try:
                result["full_forward"] = forward_pass(cfg, device=device)
            except torch.OutOfMemoryError as error:  # report, keep going with the other models
                result["full_forward"] = {"error": f"out of memory: {error}".splitlines()[0]}
                torch.cuda.empty_cache()
        if out is not None:
            write_json(result, Path(out) / f"{cfg.name}.json")
        results.append(result)
    return results


def ledger(results: list[dict]) -> dict:
    """The committed ledger: every check plus each model's computed figures; no timestamps."""
    from .architecture import ledger_rows
    models = [{"model": r["model"], "paper": r["paper"], "catalog_id": r["catalog_id"], "computed": r["computed"],
               "command": r["rerun"]} for r in sorted(results, key=lambda r: r["model"])]
    return {"generated_by": LEDGER_COMMAND, "checks": ledger_rows(results), "models": models}


def last_verdicts(out: Path = DEFAULT_OUT) -> dict[str, str]:
    """name -> summary of the last run's verdicts (matched/diverged counts) from the results files."""
    summaries = {}
    for path in sorted(Path(out).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            summaries[path.stem] = f"unreadable ({error})"
            continue
        if data.get("kind") != "architecture":
            continue
        verdicts = [c["verdict"] for c in data.get("checks", [])]
        summaries[data["model"]] = (f"{verdicts.count('matched')} matched, {verdicts.count('diverged')} diverged"
                                    if verdicts else "no stated figure")
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reproductions.run", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="reproductions to run (default: all)")
    parser.add_argument("--device", default="cpu", help="cpu or cuda (cuda adds a full-width bf16 forward)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the results files")
    parser.add_argument("--ledger", type=Path, nargs="?", const=DEFAULT_LEDGER,
                        help="also write the ledger (all reproductions; default path %(const)s)")
    parser.add_argument("--full-forward", action="store_true", help="time a full-width forward on this device")
    parser.add_argument("--list", action="store_true", help="list the reproductions and their last verdicts")
    args = parser.parse_args(argv)
    if args.list:
        from .zoo import REPRODUCTIONS
        verdicts = last_verdicts(args.out)
        for name, cfg in REPRODUCTIONS.items():
            print(f"{name:<26} arXiv {cfg.paper or '-':<11} {verdicts.get(name, 'not run')}")
        return 0
    names = [] if args.ledger else args.names
    results = run_architectures(names, device=args.device, out=args.out,
                                full_forward=args.full_forward or None)
    for result in results:
        for check in result["checks"]:
            print(f"{result['model']:<26} {check['quantity']:<22} stated {check['stated']:>7} "
                  f"computed {check['computed']:>14,} {check['verdict']}")
        if "full_forward" in result:
            print(f"{result['model']:<26} full forward: {json.dumps(result['full_forward'], sort_keys=True)}")
    if args.ledger:
        write_json(ledger(results), args.ledger)
        print(f"wrote {args.ledger}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
