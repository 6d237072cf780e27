"""The one training entry point every miniature uses, single-process or under `torchrun` with DDP.

    losses = train(model, sample_batch, steps=..., lr=..., device="cpu")

`model(batch) -> loss` is the model's forward. `sample_batch(step) -> batch` returns the *global*
batch (a dict of tensors, possibly nested one level) drawn from a seeded generator, so every
process draws the same one. When `torch.distributed` is initialised (torchrun sets it up, see
`distributed.py`), the model is wrapped in DistributedDataParallel and each rank trains on its
contiguous slice of the global batch; DDP averages the gradients, which then equal the
single-process gradient of the mean loss over the whole batch (equal slices required).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
import torch.distributed as dist
from torch import nn


def world() -> tuple[int, int]:
    """(rank, world size); (0, 1) outside torchrun."""
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def shard(batch: dict, rank: int, world_size: int) -> dict:
    """This rank's contiguous slice of every tensor (dim 0) of a global batch."""

    def cut(value):
        if isinstance(value, dict):
            return {key: cut(item) for key, item in value.items()}
        size = value.shape[0]
        if size % world_size:
            raise ValueError(f"global batch of {size} does not split evenly over {world_size} processes")
        per_rank = size // world_size
        return value[rank * per_rank : (rank + 1) * per_rank]

    return {key: cut(value) for key, value in batch.items()}


def to_device(batch: dict, device: str | torch.device) -> dict:
    return {
        key: to_device(value, device) if isinstance(value, dict) else value.to(device, non_blocking=True)
        for key, value in batch.items()
    }


def wrap_for_world(model: nn.Module, device: str | torch.device) -> nn.Module:
    """DDP around `model` when running under torchrun, the model itself otherwise."""
    if world()[1] == 1:
        return model
    device = torch.device(device)
    device_ids = [device.index if device.index is not None else torch.cuda.current_device()] if device.type == "cuda" else None
    return nn.parallel.DistributedDataParallel(model, device_ids=device_ids)


def learning_rate(step: int, steps: int, peak: float, warmup_fraction: float = 0.05) -> float:
    """Linear warm-up, then cosine decay to a tenth of the peak."""
    warmup = max(1, int(steps * warmup_fraction))
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def train(
    model: nn.Module,
    sample_batch: Callable[[int], dict],
    *,
    steps: int,
    lr: float,
    device: str | torch.device,
    weight_decay: float = 0.0,
    grad_clip: float = 1.0,
) -> list[float]:
    """Train the parameters of `model` that require gradients; returns the loss of every step."""
    parameters = [p for p in model.parameters() if p.requires_grad]
    if not parameters:
        raise ValueError("train: the model has no trainable parameters")
    rank, world_size = world()
    wrapped = wrap_for_world(model, device)
    optimizer = torch.optim.AdamW(parameters, lr=lr, betas=(0.9, 0.98), weight_decay=weight_decay)
    model.train()
    losses = []
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, steps, lr)
        batch = to_device(shard(sample_batch(step), rank, world_size), device)
        loss = wrapped(batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if grad_clip:
            nn.utils.clip_grad_norm_(parameters, grad_clip)
        optimizer.step()
        losses.append(loss.detach())
    model.eval()
    return torch.stack(losses).float().cpu().tolist() if losses else []


def gradients(model: nn.Module, batch: dict, device: str | torch.device, distributed: bool = True) -> dict[str, torch.Tensor]:
    """One forward/backward of this rank's slice through DDP (under torchrun) and the averaged
    gradients; with `distributed=False`, of the whole batch in this process alone."""
    rank, world_size = world() if distributed else (0, 1)
    wrapped = wrap_for_world(model, device) if distributed else model
    model.zero_grad(set_to_none=True)
    wrapped(to_device(shard(batch, rank, world_size), device)).backward()
    return {name: p.grad.detach().cpu().clone() for name, p in model.named_parameters() if p.grad is not None}


def loss_curve(losses: list[float], points: int = 5) -> list[float]:
    """Mean loss over `points` consecutive windows of training: enough to tell under-training
    (a curve still falling) from a plateau, in every result file."""
    if not losses:
        return []
    size = max(1, len(losses) // points)
    windows = [losses[i : i + size] for i in range(0, len(losses), size)][:points]
    return [sum(w) / len(w) for w in windows]
