"""Visual tokens the language model receives for one image, read off real forward passes.

API:
    visual_tokens(model, cfg, image_hw=(H, W)) -> int
        fixed-resolution models: the image is resized to the tower's input (as their processors do),
        encoded once, and the token count is the sequence length the projector emits.
        "llava-anyres" (LLaVA-NeXT): best grid from ``tok_grid_pinpoints``, one base image plus one
        forward per tile, features unpadded to the image's aspect ratio and one newline per row
        (haotian-liu/LLaVA llava/mm_utils.py select_best_resolution, llava/model/llava_arch.py unpad_image).
        "internvl-dynamic" (InternVL 1.5): 448-px tiles on the closest aspect ratio with at most
        ``tok_max_tiles`` tiles, plus a thumbnail when there is more than one tile
        (OpenGVLab/InternVL internvl_chat/internvl/train/dataset.py dynamic_preprocess).
        Fuyu (``vit_kind="raw-patches"``): the image itself, padded up to a multiple of the patch size.
        Qwen2.5-VL (``vit_kind="window-vit"``): the image at its own size, each side rounded to a multiple of
        patch x merge (28 px), as qwen_vl_utils smart_resize does within its pixel bounds.
    anyres_grid(image_hw, pinpoints, tile) -> (columns, rows); internvl_grid(image_hw, max_tiles, tile) -> (columns, rows)

The rules are re-implemented here from reading those files; only the token arithmetic is reproduced.
"""
from __future__ import annotations

import math

import torch


def anyres_grid(image_hw: tuple[int, int], pinpoints, tile: int) -> tuple[int, int]:
    height, width = image_hw
    best, best_effective, best_waste = None, 0, math.inf
    for pw, ph in pinpoints:
        scale = min(pw / width, ph / height)
        effective = min(int(width * scale) * int(height * scale), width * height)
        waste = pw * ph - effective
        if effective > best_effective or (effective == best_effective and waste < best_waste):
            best, best_effective, best_waste = (pw, ph), effective, waste
    return best[0] // tile, best[1] // tile


def _unpad(features: torch.Tensor, image_hw: tuple[int, int]) -> torch.Tensor:
    """features [D, h, w] of the padded tile grid -> the rows/columns that cover the image."""
    height, width = image_hw
    current_h, current_w = features.shape[1:]
    if width / height > current_w / current_h:
        new_h = int(height * (current_w / width))
        pad = (current_h - new_h) // 2
        return features[:, pad:current_h - pad, :]
    new_w = int(width * (current_h / height))
    pad = (current_w - new_w) // 2
    return features[:, :, pad:current_w - pad]


def internvl_grid(image_hw: tuple[int, int], max_tiles: int, tile: int, min_tiles: int = 1) -> tuple[int, int]:
    height, width = image_hw
    aspect = width / height
    ratios = sorted({(i, j) for n in range(min_tiles, max_tiles + 1) for i in range(1, n + 1)
                     for j in range(1, n + 1) if min_tiles <= i * j <= max_tiles}, key=lambda r: r[0] * r[1])
    best, best_diff = (1, 1), math.inf
    for ratio in ratios:
        diff = abs(aspect - ratio[0] / ratio[1])
        if diff < best_diff:
            best, best_diff = ratio, diff
        elif diff == best_diff and width * height > 0.5 * tile * tile * ratio[0] * ratio[1]:
            best = ratio
    return best


@torch.no_grad()
def _encode(model, pixels: torch.Tensor) -> torch.Tensor:
    return model.encode_images(pixels)


@torch.no_grad()
def visual_tokens(model, cfg, image_hw: tuple[int, int]) -> int:
    dtype = next(model.parameters()).dtype
    device = next(model.parameters()).device

    def image(h, w, n=1):
        return torch.randn(n, 3, h, w, dtype=dtype, device=device)

    side = cfg.vit_image_size
    if cfg.vit_kind == "window-vit":  # native resolution, sides rounded to whole merge groups (Qwen smart_resize)
        unit = cfg.vit_patch_size * cfg.mp_merge
        h, w = (max(unit, round(d / unit) * unit) for d in image_hw)
        return int(_encode(model, image(h, w)).shape[1])
    if cfg.vit_kind == "raw-patches":
        p = cfg.vit_patch_size
        h, w = (math.ceil(d / p) * p for d in image_hw)
        return int(_encode(model, image(h, w)).shape[1])
    if cfg.tok_tiling == "llava-anyres":
        columns, rows = anyres_grid(image_hw, cfg.tok_grid_pinpoints, side)
        base = _encode(model, image(side, side))                              # [1,M,D]
        tiles = _encode(model, image(side, side, columns * rows))             # [n,M,D]
        per_side = math.isqrt(tiles.shape[1])
        D = tiles.shape[-1]
        grid = tiles.view(rows, columns, per_side, per_side, D).permute(4, 0, 2, 1, 3)
        grid = grid.reshape(D, rows * per_side, columns * per_side)           # [D,H',W']
        grid = _unpad(grid, image_hw)
        newline = torch.zeros(D, grid.shape[1], 1, dtype=grid.dtype, device=grid.device)
        merged = torch.cat([grid, newline], dim=-1).flatten(1).transpose(0, 1)  # [H'*(W'+1),D]
        return int(base.shape[1] + merged.shape[0])
    if cfg.tok_tiling == "internvl-dynamic":
        columns, rows = internvl_grid(image_hw, cfg.tok_max_tiles, side)
        tiles = columns * rows + (1 if cfg.tok_thumbnail and columns * rows > 1 else 0)
        return int(_encode(model, image(side, side, tiles)).flatten(0, 1).shape[0])
    if cfg.tok_tiling:
        raise ValueError(f"{cfg.name}: unknown tok_tiling {cfg.tok_tiling!r}")
    return int(_encode(model, image(side, side)).shape[1])
