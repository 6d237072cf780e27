"""Miniature re-tests of the survey's central claims (issue 8), torch only.

    from reproductions.miniatures import MINIATURES, CONFIG_NAMES
    result = MINIATURES["connector"]("cpu-tiny", "cpu", None)   # -> dict (JSON-ready)

`MINIATURES[name](config_name, device="cpu", progress=None, workers=1, threads=None,
preregistered=None) -> dict`; `progress(done, total, label)` is called after each seed.
See API.md for the result format and harness.py for how verdicts are reached.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .harness import SCALES, run_miniature

MODULES = {
    "connector": "reproductions.miniatures.connector",  # LLaVA-1.5: MLP vs linear projector
    "resolution": "reproductions.miniatures.resolution",  # LLaVA-NeXT / InternVL: resolution vs reading
    "action-tokens": "reproductions.miniatures.action_tokens",  # RT-2 / OpenVLA: instruction masking
    "guidance": "reproductions.miniatures.guidance",  # classifier-free guidance in a tiny generator
    "queries": "reproductions.miniatures.queries",  # BLIP-2 / Flamingo: number of learned queries
}
CONFIG_NAMES = tuple(SCALES)
# cpu-tiny: smoke tests for CI (models do not learn at this budget; verdicts mean nothing);
# cpu-pilot: what sized the evidence configs, indicative only; cpu-evidence: the evidence on two CPU
# cores in under an hour (bench/miniatures_cpu_evidence.py); gpu: the evidence at a larger scale.
EVIDENCE = SCALES


def _runner(module_name: str) -> Callable[..., dict]:
    def run(config_name: str, device: str = "cpu", progress=None, **options) -> dict:
        return run_miniature(module_name, config_name, device, progress, **options)

    run.__name__ = f"run_{module_name.rsplit('.', 1)[-1]}"
    run.__doc__ = f"Run every seed of {module_name} under `config_name` and return the result dict."
    return run


MINIATURES: dict[str, Callable[..., dict]] = {name: _runner(module) for name, module in MODULES.items()}


def result_path(directory: Path, name: str, config_name: str) -> Path:
    return Path(directory) / f"{name}.{config_name}.json"


def write_json(data: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def summary_lines(result: dict) -> list[str]:
    """One line per comparison: claim, mean paired difference, 95% interval, verdict."""
    lines = []
    for comparison in result["comparisons"]:
        interval = comparison["interval"]
        lines.append(
            f"{result['miniature']:<14} {comparison['claim']:<34} diff {interval['mean']:+.3f} "
            f"[{interval['low']:+.3f}, {interval['high']:+.3f}] margin {comparison['margin']:.2f} "
            f"n={interval['n']} -> {comparison['verdict']} ({EVIDENCE.get(result.get('config_name'), '?')}, "
            f"{result.get('environment', {}).get('device', '?')})"
        )
    return lines
