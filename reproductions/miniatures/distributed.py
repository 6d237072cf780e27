"""`torchrun` entry point: the miniatures' training under DistributedDataParallel.

    torchrun --nproc_per_node 2 -m reproductions.miniatures.distributed grad-check --out grads.json
    torchrun --nproc_per_node 4 -m reproductions.miniatures.distributed train queries --config gpu --seed 0 --out DIR

The backend is nccl on GPUs and gloo on CPUs. `train` runs one seed of a miniature: its
`run_seed` calls `training.train`, which wraps the model in DDP because the process group is up,
and every rank trains on its slice of the same global batch; rank 0 writes the outcome.
`grad-check` computes the DDP gradient of one global batch split over the ranks and, on rank 0,
the single-process gradient of the whole batch on an identical model, and writes their largest
difference: the test of the distributed path (tests/reproductions/test_miniatures_distributed.py).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
from pathlib import Path

import torch
import torch.distributed as dist

from . import MODULES
from .harness import _run_one_seed, make_deterministic


def start() -> str:
    """Join the process group torchrun describes; returns this rank's device."""
    if torch.cuda.is_available():
        local_rank = int(os.environ.get("LOCAL_RANK", 0))
        torch.cuda.set_device(local_rank)
        dist.init_process_group("nccl")
        return f"cuda:{local_rank}"
    dist.init_process_group("gloo")
    return "cpu"


def gradient_check(device: str, batch_size: int = 8) -> dict:
    from ..projectors import PerceiverResampler
    from ..vlm import VisionLanguageModel
    from .data_scenes import SceneSpec, sample_scenes, scene_vocabulary
    from .models import seeded, tiny_language_model, tiny_vision_encoder
    from .queries import SceneDescriber
    from .training import gradients, world

    spec = SceneSpec(grid=2)
    vocab = scene_vocabulary(spec)

    def build() -> SceneDescriber:
        vlm = VisionLanguageModel(
            tiny_vision_encoder(image_size=spec.image_size, patch_size=spec.cell, width=16, depth=1, heads=2),
            PerceiverResampler(dim=16, depth=1, heads=2, head_dim=8, num_latents=2, ff_mult=2, out_dim=16),
            tiny_language_model(vocab_size=len(vocab), width=16, layers=1, heads=2),
        )
        return SceneDescriber(vlm, torch.tensor(vocab.ids([f"cell{i}" for i in range(spec.cells)])))

    batch = sample_scenes(spec, vocab, batch_size, torch.Generator().manual_seed(0))
    distributed = gradients(seeded(0, build).to(device), batch, device)
    rank, world_size = world()
    report = {"world_size": world_size, "rank": rank, "backend": dist.get_backend(), "batch": batch_size}
    if rank == 0:
        single = gradients(seeded(0, build).to(device), batch, device, distributed=False)
        if set(single) != set(distributed):
            raise RuntimeError(f"parameters with gradients differ: {sorted(set(single) ^ set(distributed))}")
        differences = {name: (single[name] - distributed[name]).abs().max().item() for name in single}
        scale = max(g.abs().max().item() for g in single.values())
        report.update({
            "parameters_compared": len(single),
            "max_abs_difference": max(differences.values()),
            "max_abs_gradient": scale,
            "worst_parameter": max(differences, key=differences.get),
        })
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="torchrun ... -m reproductions.miniatures.distributed")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("grad-check", help="DDP gradients vs single-process gradients")
    check.add_argument("--out", type=Path, required=True)
    run = commands.add_parser("train", help="one seed of one miniature under DDP")
    run.add_argument("miniature", choices=sorted(MODULES))
    run.add_argument("--config", default="cpu-tiny")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    make_deterministic()
    device = start()
    try:
        if args.command == "grad-check":
            report = gradient_check(device)
        else:
            importlib.import_module(MODULES[args.miniature])
            report = _run_one_seed(MODULES[args.miniature], args.config, args.seed, device, None)
            report["world_size"] = dist.get_world_size()
        if dist.get_rank() == 0:
            path = args.out if args.command == "grad-check" else args.out / f"{args.miniature}.{args.config}.seed{args.seed}.ddp.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    finally:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
