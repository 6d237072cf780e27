"""Full-width forward pass with random weights: latency and peak memory per image (the GPU check).

API:
    full_forward(cfg, *, device="cuda", dtype=torch.bfloat16, batch=1, text_tokens=32, repeats=3, seed=0) -> dict
        builds the model at its published size directly on ``device`` in ``dtype`` (random weights,
        PyTorch default initialisation), runs ``repeats`` timed forward passes after one warm-up on a
        batch of images at the model's native input size plus ``text_tokens`` random token ids, and
        returns latency per image (ms), peak memory (GiB, CUDA only), parameter count, logits shape
        and whether the logits are finite.
"""
from __future__ import annotations

import time

import torch

from .assemble import build
from .layers import count_parameters


def _input_size(cfg) -> tuple[int, int]:
    """Fuyu takes the image as it is; every other model one tile at its tower's resolution
    (the timed pass does not apply LLaVA-NeXT / InternVL tiling)."""
    if cfg.vit_kind == "raw-patches" and cfg.token_inputs:
        return cfg.token_inputs[0]
    return cfg.vit_image_size, cfg.vit_image_size


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


@torch.no_grad()
def full_forward(cfg, *, device: str = "cuda", dtype: torch.dtype = torch.bfloat16, batch: int = 1,
                 text_tokens: int = 32, repeats: int = 3, seed: int = 0) -> dict:
    if cfg.lm_kind == "none":
        raise ValueError(f"{cfg.name}: a component reproduction has no language model to run")
    torch.manual_seed(seed)
    if device.startswith("cuda"):
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            model = build(cfg).eval()
    finally:
        torch.set_default_dtype(previous)
    h, w = _input_size(cfg)
    pixels = torch.randn(batch, 3, h, w, device=device, dtype=dtype)
    input_ids = torch.randint(0, cfg.lm_vocab_size, (batch, text_tokens), device=device)
    logits = model(pixels, input_ids)                                     # warm-up
    _sync(device)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        logits = model(pixels, input_ids)
        _sync(device)
        timings.append(time.perf_counter() - start)
    result = {
        "model": cfg.name, "device": device, "dtype": str(dtype).replace("torch.", ""), "batch": batch,
        "image_size": [h, w], "text_tokens": text_tokens, "repeats": repeats,
        "parameters": count_parameters(model),
        "latency_ms_per_image": round(1000 * min(timings) / batch, 3),
        "latency_ms_per_image_mean": round(1000 * sum(timings) / len(timings) / batch, 3),
        "logits_shape": list(logits.shape), "logits_finite": bool(torch.isfinite(logits).all()),
    }
    if device.startswith("cuda"):
        result["peak_memory_gib"] = round(torch.cuda.max_memory_allocated() / 2 ** 30, 3)
        result["gpu"] = torch.cuda.get_device_name(0)
    del model, logits
    return result
