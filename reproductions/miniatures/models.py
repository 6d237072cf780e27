"""Tiny instances of the shared modules (`reproductions.vision_towers`, `.projectors`,
`.language_models`, `.vlm`) and the small heads the miniatures add around them.

The shared modules are built at paper scale for counting; here the same classes are built a few
hundred times narrower, initialised with `reproductions.layers.default_init_` (normal, std 0.02,
for every matrix, including position tables and learned queries, which the shared classes create
as zeros) after seeding torch's global generator, so weights depend only on the seed.
"""

from __future__ import annotations

import torch
from torch import nn

from ..language_models import DecoderLM
from ..layers import count_parameters, default_init_
from ..vision_towers import VisionTransformer


def seeded(seed: int, build):
    """Build a module with torch's global generator seeded, then apply the shared init."""
    torch.manual_seed(seed)
    module = build()
    default_init_(module)
    return module


def tiny_vision_encoder(*, image_size: int, patch_size: int, width: int, depth: int, heads: int, channels: int = 3) -> VisionTransformer:
    """A ViT without class token, returning every patch's last-layer features [B, (H/p)^2, width]."""
    return VisionTransformer(
        image_size=image_size,
        patch_size=patch_size,
        width=width,
        depth=depth,
        heads=heads,
        mlp_width=4 * width,
        channels=channels,
        class_token=False,
        pre_norm=True,
        post_norm=True,
        post_norm_on_features=True,
        patch_bias=True,
    )


def tiny_language_model(*, vocab_size: int, width: int, layers: int, heads: int) -> DecoderLM:
    """A LLaMA-style decoder (RMSNorm, RoPE, SwiGLU) with an untied head."""
    return DecoderLM(vocab_size=vocab_size, hidden_size=width, layers=layers, heads=heads, intermediate_size=4 * width)


class FactorisedLinearProjector(nn.Module):
    """Two linear layers and no activation between them: the same parameters as a 2-layer MLP
    projector with the same hidden width, but the same functions as one linear layer. It
    separates LLaVA-1.5's nonlinearity from its extra parameters."""

    def __init__(self, *, in_dim: int, out_dim: int, hidden_dim: int | None = None):
        super().__init__()
        hidden_dim = hidden_dim or out_dim
        self.layers = nn.Sequential(nn.Linear(in_dim, hidden_dim), nn.Linear(hidden_dim, out_dim))

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        return self.layers(visual_features)  # [B,N,Dl]


def freeze(module: nn.Module) -> nn.Module:
    for parameter in module.parameters():
        parameter.requires_grad_(False)
    return module.eval()


def parameters(module: nn.Module, trainable_only: bool = False) -> int:
    return count_parameters(module, trainable_only=trainable_only)


@torch.no_grad()
def evaluate_in_chunks(predict, batch: dict, chunk: int) -> torch.Tensor:
    """Concatenate `predict(sub_batch)` over chunks of a large test batch (bounded memory)."""
    size = next(iter(v for v in batch.values() if isinstance(v, torch.Tensor))).shape[0]
    outputs = []
    for start in range(0, size, chunk):
        part = {
            k: ({kk: vv[start : start + chunk] for kk, vv in v.items()} if isinstance(v, dict) else v[start : start + chunk])
            for k, v in batch.items()
        }
        outputs.append(predict(part))
    return torch.cat(outputs)
