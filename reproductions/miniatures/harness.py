"""Pre-registered, deterministic runs and paired verdicts for the miniatures.

A miniature module provides
    CONFIGS: dict[str, <frozen dataclass>]        # one per name in SCALES
    preregister(config) -> Preregistration         # hypothesis, metric, margins, seeds, budget, power check
    run_seed(config, seed, device) -> {"arms": {arm: {"successes", "trials", ...}}, ...}

`run_miniature` records the pre-registration before any seed runs, makes torch deterministic,
runs every seed (in parallel worker processes when asked, e.g. several on one GPU), captures
warnings, then reduces: per arm a Wilson interval per seed and pooled over seeds; per comparison
the paired differences (treatment - control, one per seed) with a two-sided 95% t-interval and a
verdict against the declared margin (see stats.verdict). Every seed is reported.

Test data come from a generator seeded with `TEST_SEED`, separate from every training seed and
shared by all arms and seeds, so arms are compared on identical examples.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

# cuBLAS needs this before its first use to be deterministic (PyTorch "Reproducibility" notes).
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import torch  # noqa: E402

from .stats import paired_interval, pilot_power_checks, verdict, wilson_interval  # noqa: E402

TEST_SEED = 20_250_105  # test-set generator seed; never used for training data or weights
Progress = Callable[[int, int, str], None]  # progress(done, total, label)

# Every config name, the scale of its result and the device it is sized for. Only "evidence" results
# are verdicts about a claim: "smoke" checks the machinery (the models do not learn at that budget),
# "pilot" sized the evidence configs (one or two seeds, indicative). "cpu-evidence" fits one hour on
# two CPU cores (bench/miniatures_cpu_evidence.py); "gpu" is the larger run of scripts/gpu_miniatures.sh.
SCALES = {"cpu-tiny": "smoke", "cpu-pilot": "pilot", "cpu-evidence": "evidence", "gpu": "evidence"}
SIZED_FOR = {"cpu-tiny": "cpu", "cpu-pilot": "cpu", "cpu-evidence": "cpu", "gpu": "cuda"}
EVIDENCE_MIN_SEEDS = 6
PILOT_SEEDS = (100, 101)  # the seeds the cpu-evidence configs were piloted on: never evidence seeds
PILOT_BASIS = ("the cpu-evidence config run on pilot seeds 100 and 101 (outside the evidence seeds) before the "
               "evidence run; the sd of two differences, floored at the binomial sd of a difference on the test set")


@dataclass(frozen=True)
class Comparison:
    claim: str  # short id, e.g. "mlp-beats-linear"
    hypothesis: str  # what the paper's claim predicts for this miniature
    treatment: str  # arm expected to score higher
    control: str
    margin: float  # the smallest difference in the metric that counts as an effect
    if_refuted: str = ""  # what a refutation (the whole interval below the margin) says about the paper's claim


@dataclass(frozen=True)
class Preregistration:
    miniature: str
    source_claim: str  # the paper and claim re-tested
    metric: str  # what a "success" is; the rate is successes / trials on the shared test set
    arms: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    seeds: tuple[int, ...]
    budget: dict = field(default_factory=dict)  # steps, batch, widths, test size: fixed before running
    power_check: dict = field(default_factory=dict)  # what the pilot measured and the seeds it implies (stats.power_check)

    def __post_init__(self) -> None:
        for comparison in self.comparisons:
            missing = {comparison.treatment, comparison.control} - set(self.arms)
            if missing:
                raise ValueError(f"{self.miniature}: comparison {comparison.claim} names unknown arms {sorted(missing)}")
        if len(self.seeds) < 2 or len(set(self.seeds)) != len(self.seeds):
            raise ValueError(f"{self.miniature}: need at least 2 distinct seeds, got {self.seeds}")

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def pilot_power(config, configs: dict, comparisons: tuple[Comparison, ...], pilot_differences: dict[str, list[float]],
                test_trials: int) -> dict:
    """The power check of a miniature's cpu-evidence config from its pilot (empty for other configs: the
    pilot measured that config only)."""
    if config != configs.get("cpu-evidence"):
        return {}
    return pilot_power_checks(pilot_differences, {c.claim: c.margin for c in comparisons}, seeds=len(config.seeds),
                              test_trials=test_trials, basis=PILOT_BASIS)


def make_deterministic() -> None:
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.benchmark = False


def device_name(device: str) -> str:
    if torch.device(device).type == "cuda":
        return torch.cuda.get_device_name(torch.device(device))
    return platform.processor() or platform.machine() or "cpu"


def loaded_sources(root: str | os.PathLike | None = None) -> list[str]:
    """The reproductions/ files this process has imported (the miniature, the shared modules it builds
    on): the code a result depends on, as paths relative to the repository root, sorted."""
    from pathlib import Path

    root = Path(root) if root else Path(__file__).resolve().parents[2]
    package = root / "reproductions"
    files = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and Path(path).resolve().is_relative_to(package):
            files.add(Path(path).resolve().relative_to(root).as_posix())
    return sorted(files)


def source_state(root: str | os.PathLike | None = None) -> dict:
    """Which code produced a result: the git commit, whether the files it loaded (`loaded_sources`)
    differ from that commit, and the SHA-256 of those files (path and bytes, in order), which identifies
    the code even when it ran before being committed. Git fields are None where git is missing (a bare
    GPU machine)."""
    from pathlib import Path

    root = Path(root) if root else Path(__file__).resolve().parents[2]
    files = loaded_sources(root)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "--no-optional-locks", *args], cwd=root, capture_output=True, text=True,
                                  timeout=30, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    changed = git("status", "--porcelain", "--", *files) if files else ""
    return {"commit": commit, "sources_differ_from_commit": None if changed is None else bool(changed),
            "sources": files, "source_sha256": digest.hexdigest()}


def _run_one_seed(module_name: str, config_name: str, seed: int, device: str, threads: int | None) -> dict:
    """Run one seed in this process; also the worker function of the parallel path."""
    if threads is None and torch.device(device).type == "cpu":
        threads = 1  # tiny models: one thread is faster than two (measured), and seeds run in parallel
    previous_threads = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    make_deterministic()
    module = importlib.import_module(module_name)
    config = module.CONFIGS[config_name]
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with torch.nn.attention.sdpa_kernel([torch.nn.attention.SDPBackend.MATH]):  # deterministic backward
                outcome = module.run_seed(config, seed, device)
    finally:
        torch.set_num_threads(previous_threads)
    outcome["seed"] = seed
    outcome["seconds"] = time.perf_counter() - started
    outcome["cpu_seconds"] = time.process_time() - cpu_started  # this process, all its threads: the budget's unit
    outcome["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    return outcome


def run_miniature(
    module_name: str,
    config_name: str,
    device: str = "cpu",
    progress: Progress | None = None,
    workers: int = 1,
    threads: int | None = None,
    preregistered: Callable[[dict], None] | None = None,
    on_outcome: Callable[[dict], None] | None = None,
) -> dict:
    """Run every pre-registered seed of one miniature and reduce the outcomes to verdicts.

    `preregistered(declared)` is called before any seed runs; `on_outcome(outcome)` after each
    seed (e.g. to save it, so a run stopped by a time limit keeps its finished seeds)."""
    module = importlib.import_module(module_name)
    if config_name not in module.CONFIGS:
        raise KeyError(f"{module_name}: no config {config_name!r}; choose one of {sorted(module.CONFIGS)}")
    if config_name not in SCALES:
        raise KeyError(f"config {config_name!r} has no scale; name it in harness.SCALES")
    config = module.CONFIGS[config_name]
    registration = module.preregister(config)
    if SCALES[config_name] == "evidence" and len(registration.seeds) < EVIDENCE_MIN_SEEDS:
        raise ValueError(f"{module_name}: evidence config {config_name!r} has {len(registration.seeds)} seeds; "
                         f"evidence needs at least {EVIDENCE_MIN_SEEDS}")
    declared = {"preregistration": registration.as_dict(), "config": dataclasses.asdict(config)}
    if preregistered is not None:  # e.g. write it to disk before anything is trained
        preregistered(declared)
    started = time.perf_counter()
    seeds = list(registration.seeds)
    outcomes: dict[int, dict] = {}
    total = len(seeds)
    if workers > 1:
        context = torch.multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(workers, total), mp_context=context) as pool:
            futures = {pool.submit(_run_one_seed, module_name, config_name, s, device, threads): s for s in seeds}
            for future in as_completed(futures):
                outcomes[futures[future]] = future.result()
                if on_outcome:
                    on_outcome(outcomes[futures[future]])
                if progress:
                    progress(len(outcomes), total, f"{registration.miniature} seed {futures[future]}")
    else:
        for seed in seeds:
            outcomes[seed] = _run_one_seed(module_name, config_name, seed, device, threads)
            if on_outcome:
                on_outcome(outcomes[seed])
            if progress:
                progress(len(outcomes), total, f"{registration.miniature} seed {seed}")
    wall = time.perf_counter() - started
    result = reduce_outcomes(registration, [outcomes[s] for s in seeds])
    result.update(declared)
    result["config_name"] = config_name
    result["scale"] = SCALES[config_name]  # only "evidence" is a verdict about the claim
    result["environment"] = {
        "device": device,
        "device_type": torch.device(device).type,
        "device_name": device_name(device),
        "sized_for": SIZED_FOR[config_name],
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "threads": threads or (1 if torch.device(device).type == "cpu" else torch.get_num_threads()),
        "workers": workers,
        "deterministic_algorithms": True,
        **source_state(),
    }
    result["wall_seconds"] = wall
    result["cpu_seconds"] = sum(outcome["cpu_seconds"] for outcome in outcomes.values())
    return result


def reduce_outcomes(registration: Preregistration, outcomes: list[dict]) -> dict:
    arms = {}
    for arm in registration.arms:
        per_seed = []
        for outcome in outcomes:
            counts = outcome["arms"][arm]
            extras = {k: v for k, v in counts.items() if k not in ("successes", "trials")}
            per_seed.append({"seed": outcome["seed"], **wilson_interval(counts["successes"], counts["trials"]), **extras})
        pooled = wilson_interval(sum(s["successes"] for s in per_seed), sum(s["trials"] for s in per_seed))
        arms[arm] = {"per_seed": per_seed, "pooled": pooled}
    comparisons = []
    for comparison in registration.comparisons:
        treated = [s["rate"] for s in arms[comparison.treatment]["per_seed"]]
        controls = [s["rate"] for s in arms[comparison.control]["per_seed"]]
        differences = [t - c for t, c in zip(treated, controls)]
        interval = paired_interval(differences)
        comparisons.append({
            **dataclasses.asdict(comparison),
            "differences": differences,
            "interval": interval,
            "verdict": verdict(interval, comparison.margin),
        })
    return {
        "miniature": registration.miniature,
        "metric": registration.metric,
        "arms": arms,
        "comparisons": comparisons,
        "seeds": [{k: v for k, v in outcome.items() if k != "arms"} for outcome in outcomes],
        "warnings": sorted({w for outcome in outcomes for w in outcome["warnings"]}),
    }


def without_timings(result: dict) -> dict:
    """The result with wall-clock fields removed: what must be identical between two runs."""
    if isinstance(result, dict):
        timings = ("seconds", "wall_seconds", "cpu_seconds", "environment")
        return {k: without_timings(v) for k, v in result.items() if k not in timings}
    if isinstance(result, list):
        return [without_timings(v) for v in result]
    return result
