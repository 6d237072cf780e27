"""`vlkb repro`: run the reproductions and list what exists with its last verdict.

    vlkb repro run [NAME ...] [--device cpu|cuda] [--config cpu-tiny|gpu] [--out DIR] [--ledger [PATH]]
    vlkb repro list [--out DIR] [--ledger PATH]

NAME is an architecture reproduction (reproductions/zoo, e.g. ``llava-1.5-7b``) or a miniature
(reproductions/miniatures, e.g. ``connector``); with no NAME every architecture reproduction runs.
Architecture results go to ``--out``/<name>.json, miniature results to ``--out``/<name>.<config>.json.
``list`` shows each architecture reproduction's last run in ``--out``, or else its verdicts in the committed
ledger, so a fresh clone shows what the ledger holds instead of "not run".
torch is imported inside ``run`` so that other subcommands start fast.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_OUT = Path("reproductions/runs")
DEFAULT_LEDGER = Path("reproductions/ledger/architecture.json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("repro", help="re-run the architecture reproductions and the miniatures")
    actions = parser.add_subparsers(dest="repro_command", metavar="ACTION")
    run_parser = actions.add_parser("run", help="run reproductions (default: every architecture reproduction)")
    run_parser.add_argument("names", nargs="*", help="architecture or miniature names")
    run_parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"],
                            help="cuda also times a full-width bf16 forward pass per model")
    run_parser.add_argument("--config", default="cpu-tiny", help="miniature config: cpu-tiny (smoke test), cpu-pilot, cpu-evidence (the CPU evidence run) or gpu")
    run_parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the results files")
    run_parser.add_argument("--ledger", type=Path, nargs="?", const=Path("reproductions/ledger/architecture.json"),
                            help="run every architecture reproduction and write the ledger")
    run_parser.set_defaults(run=run)
    list_parser = actions.add_parser("list", help="list reproductions and their last verdicts")
    list_parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder of the results files")
    list_parser.add_argument("--ledger", type=Path, default=DEFAULT_LEDGER,
                             help="the committed ledger, read for models without a run in --out "
                                  "(default: %(default)s)")
    list_parser.set_defaults(run=list_reproductions)
    parser.set_defaults(run=lambda args: (parser.print_help(sys.stderr), 2)[1])


def _miniatures() -> dict:
    try:
        from reproductions.miniatures import MINIATURES
    except ModuleNotFoundError:
        return {}
    return MINIATURES


def _bar(total: int, label: str):
    from tqdm import tqdm
    return tqdm(total=total, desc=label, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from reproductions import run as architecture
    from reproductions.zoo import REPRODUCTIONS

    miniatures = _miniatures()
    unknown = [n for n in args.names if n not in REPRODUCTIONS and n not in miniatures]
    if unknown:
        print(f"vlkb repro run: unknown name(s) {', '.join(unknown)}; `vlkb repro list` shows them", file=sys.stderr)
        return 2
    arch_names = [n for n in args.names if n in REPRODUCTIONS]
    mini_names = [n for n in args.names if n in miniatures]
    if args.ledger or arch_names or not args.names:
        results = architecture.run_architectures([] if args.ledger else arch_names, device=args.device, out=args.out)
        for result in results:
            for check in result["checks"]:
                print(f"{result['model']:<26} {check['quantity']:<22} stated {check['stated']:>7} "
                      f"computed {check['computed']:>14,} {check['verdict']}")
        if args.ledger:
            architecture.write_json(architecture.ledger(results), args.ledger)
            print(f"wrote {args.ledger}", file=sys.stderr)
    for name in mini_names:
        from reproductions.miniatures import result_path, summary_lines, write_json
        bar = None

        def progress(done, total, label, _name=name):
            nonlocal bar
            if bar is None:
                bar = _bar(total, _name)
            bar.update(done - bar.n)

        result = miniatures[name](args.config, device=args.device, progress=progress)
        if bar is not None:
            bar.close()
        write_json(result, result_path(args.out, name, args.config))
        print("\n".join(summary_lines(result)))
    return 0


def _miniature_verdicts(out: Path) -> dict[str, str]:
    verdicts = {}
    for path in sorted(out.glob("*.*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if "comparisons" in data and "miniature" in data:
            labels = [c.get("verdict", "?") for c in data["comparisons"]]
            verdicts[data["miniature"]] = f"{path.name}: {', '.join(labels)}"
    return verdicts


def ledger_verdicts(path: Path) -> dict[str, str]:
    """model -> its verdicts in the committed ledger, e.g. `2 matched, 0 diverged (ledger)`; {} without one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    verdicts: dict[str, list[str]] = {m.get("model"): [] for m in data.get("models", []) if isinstance(m, dict)}
    for check in data.get("checks", []):
        if isinstance(check, dict):
            verdicts.setdefault(check.get("model"), []).append(check.get("verdict"))
    return {model: (f"{found.count('matched')} matched, {found.count('diverged')} diverged" if found
                    else "no stated figure") + " (ledger)"
            for model, found in verdicts.items() if isinstance(model, str)}


def list_reproductions(args: argparse.Namespace) -> int:
    from reproductions.run import last_verdicts
    from reproductions.zoo import REPRODUCTIONS

    verdicts = {**ledger_verdicts(getattr(args, "ledger", DEFAULT_LEDGER)), **last_verdicts(args.out)}
    print("architecture reproductions (python -m reproductions.run NAME)")
    for name, cfg in REPRODUCTIONS.items():
        print(f"  {name:<26} arXiv {cfg.paper or '-':<11} {verdicts.get(name, 'not run')}")
    miniatures = _miniatures()
    if miniatures:
        mini_verdicts = _miniature_verdicts(args.out)
        print("miniatures (vlkb repro run NAME --config cpu-tiny|gpu)")
        for name in miniatures:
            print(f"  {name:<26} {mini_verdicts.get(name, 'not run')}")
    return 0
