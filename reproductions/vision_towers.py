"""Vision Transformer towers used by VLLMs: CLIP, EVA-CLIP, SigLIP, InternViT, OpenCLIP bigG.

API:
    VisionTransformer(*, image_size, patch_size, width, depth, heads, mlp_width, channels=3,
        class_token=True, pre_norm=False, post_norm=True, post_norm_on_features=False,
        norm="layernorm", norm_eps=1e-5, act="gelu", patch_bias=False, qkv_bias="qkv", out_bias=True,
        mlp_bias=True, qk_norm=None, layer_scale=False, position_grid=None, pool=None,
        select_layer=-1, keep_class_token=False, output_dim=None, registers=0, position_prefix=True)
    forward(pixels [B,C,H,W]) -> patch features [B,N,width] of layer ``select_layer``
        (-1 = last, -2 = penultimate as LLaVA uses); the class token is dropped unless
        ``keep_class_token`` (BLIP-2's Q-Former reads it).
    pooled(features) -> [B,1,width]: SigLIP's attention-pooling head (``pool="attention-head"``).
    FusedTowers(first, second): OpenVLA / Prismatic "dinosiglip": two towers read the same image, their patch
        features are concatenated channel-wise -> [B,N,width_1 + width_2].

Options exist because the towers differ in exactly these places, and each changes the count:
CLIP has a bias-free patch conv, ``ln_pre`` and quick-GELU (openai/CLIP clip/model.py); EVA-CLIP
has q/v biases only (BLIP-2 arXiv 2301.12597); SigLIP has no class token, a patch-conv bias and an
attention-pooling head (arXiv 2303.15343); InternViT-6B has RMSNorm, query-key norm and layer scale
(arXiv 2312.14238); DINOv2 with registers (arXiv 2309.16588) adds ``registers`` learned tokens and, in timm's
layout (``no_embed_class``), stores positions for the patches only (``position_prefix=False``). Every layer is built even when ``select_layer`` skips later ones, because the
released checkpoints contain them.
"""
from __future__ import annotations

import torch
from torch import nn

from .layers import MLP, Attention, make_norm


class VisionBlock(nn.Module):
    """Pre-norm transformer block with optional layer scale (InternViT ``ls1``/``ls2``)."""

    def __init__(self, *, width, heads, mlp_width, norm, norm_eps, act, qkv_bias, out_bias, mlp_bias,
                 qk_norm, layer_scale):
        super().__init__()
        self.norm1 = make_norm(norm, width, eps=norm_eps)
        self.attn = Attention(dim=width, heads=heads, qkv_bias=qkv_bias, out_bias=out_bias, qk_norm=qk_norm,
                              norm=norm, norm_eps=norm_eps)
        self.norm2 = make_norm(norm, width, eps=norm_eps)
        self.mlp = MLP(dim=width, hidden=mlp_width, act=act, bias=mlp_bias)
        self.ls1 = nn.Parameter(torch.ones(width)) if layer_scale else None
        self.ls2 = nn.Parameter(torch.ones(width)) if layer_scale else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a = self.attn(self.norm1(x))
        x = x + (a * self.ls1 if self.ls1 is not None else a)
        m = self.mlp(self.norm2(x))
        return x + (m * self.ls2 if self.ls2 is not None else m)


class AttentionPoolingHead(nn.Module):
    """SigLIP's multihead attention pooling (MAP) head: one learned probe attends over all patches."""

    def __init__(self, *, width, heads, mlp_width, norm_eps, act):
        super().__init__()
        self.probe = nn.Parameter(torch.zeros(1, 1, width))
        self.attention = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm = nn.LayerNorm(width, eps=norm_eps)
        self.mlp = MLP(dim=width, hidden=mlp_width, act=act)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        probe = self.probe.expand(features.shape[0], -1, -1)             # [B,1,D]
        pooled = self.attention(probe, features, features, need_weights=False)[0]
        return pooled + self.mlp(self.norm(pooled))                       # [B,1,D]


class VisionTransformer(nn.Module):
    def __init__(self, *, image_size: int, patch_size: int, width: int, depth: int, heads: int, mlp_width: int,
                 channels: int = 3, class_token: bool = True, pre_norm: bool = False, post_norm: bool = True,
                 post_norm_on_features: bool = False, norm: str = "layernorm", norm_eps: float = 1e-5,
                 act: str = "gelu", patch_bias: bool = False, qkv_bias: str = "qkv", out_bias: bool = True,
                 mlp_bias: bool = True, qk_norm: str | None = None, layer_scale: bool = False,
                 position_grid: int | None = None, pool: str | None = None, select_layer: int = -1,
                 keep_class_token: bool = False, output_dim: int | None = None, registers: int = 0,
                 position_prefix: bool = True):
        super().__init__()
        # a remainder is dropped, as a VALID-padded patch convolution does (SigLIP So400m/14 at 384 px: 27 x 27)
        if pool not in (None, "attention-head"):
            raise ValueError(f"pool must be None or 'attention-head', not {pool!r}")
        if not -depth - 1 <= select_layer <= depth or select_layer == 0:
            raise ValueError(f"select_layer {select_layer} is outside 1..{depth} / -1..-{depth + 1}")
        self.image_size, self.patch_size, self.width = image_size, patch_size, width
        self.grid = image_size // patch_size
        # position_grid: the grid the learned table is stored at (Qwen-VL keeps 16x16 and interpolates).
        self.position_grid = position_grid or self.grid
        self.select_layer, self.keep_class_token = select_layer, keep_class_token
        self.post_norm_on_features = post_norm_on_features
        self.patch_embed = nn.Conv2d(channels, width, kernel_size=patch_size, stride=patch_size, bias=patch_bias)
        self.class_embedding = nn.Parameter(torch.zeros(1, 1, width)) if class_token else None
        self.register_tokens = nn.Parameter(torch.zeros(1, registers, width)) if registers else None
        self.position_prefix = position_prefix and class_token  # the class token has a position row
        self.position_embedding = nn.Parameter(torch.zeros(self.position_grid ** 2 + int(self.position_prefix), width))
        self.norm_pre = make_norm(norm, width, eps=norm_eps) if pre_norm else None
        self.blocks = nn.ModuleList(
            VisionBlock(width=width, heads=heads, mlp_width=mlp_width, norm=norm, norm_eps=norm_eps, act=act,
                        qkv_bias=qkv_bias, out_bias=out_bias, mlp_bias=mlp_bias, qk_norm=qk_norm,
                        layer_scale=layer_scale)
            for _ in range(depth))
        self.norm_post = make_norm(norm, width, eps=norm_eps) if post_norm else None
        self.head = (AttentionPoolingHead(width=width, heads=heads, mlp_width=mlp_width, norm_eps=norm_eps, act=act)
                     if pool == "attention-head" else None)
        self.projection = nn.Linear(width, output_dim, bias=False) if output_dim else None

    @property
    def num_patches(self) -> int:
        return self.grid ** 2

    def _positions(self) -> torch.Tensor:
        table = self.position_embedding
        offset = int(self.position_prefix)
        if self.position_grid == self.grid:
            return table
        patches = table[offset:].reshape(1, self.position_grid, self.position_grid, -1).permute(0, 3, 1, 2)
        patches = nn.functional.interpolate(patches.float(), size=(self.grid, self.grid), mode="bicubic",
                                            align_corners=False).to(table.dtype)
        return torch.cat([table[:offset], patches.flatten(2).transpose(1, 2)[0]], dim=0)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(pixels).flatten(2).transpose(1, 2)           # [B,N,D]
        if not self.position_prefix:
            x = x + self._positions()
        if self.class_embedding is not None:
            x = torch.cat([self.class_embedding.expand(x.shape[0], -1, -1), x], dim=1)  # [B,1+N,D]
        if self.position_prefix:
            x = x + self._positions()
        if self.register_tokens is not None:  # after the class token, without positions (timm reg_token)
            x = torch.cat([x[:, :1], self.register_tokens.expand(x.shape[0], -1, -1), x[:, 1:]], dim=1)
        if self.norm_pre is not None:
            x = self.norm_pre(x)
        # hidden state k = output of block k (k=0 is the embedding), as in transformers' hidden_states.
        depth = len(self.blocks)
        stop = self.select_layer if self.select_layer > 0 else depth + 1 + self.select_layer
        for block in self.blocks[:stop]:
            x = block(x)
        if stop == depth and self.norm_post is not None and self.post_norm_on_features:
            x = self.norm_post(x)
        prefix = int(self.class_embedding is not None) + (self.register_tokens.shape[1] if self.register_tokens is not None
                                                          else 0)
        if prefix and not self.keep_class_token:
            x = x[:, prefix:]                                              # [B,N,D]
        return x

    def pooled(self, features: torch.Tensor) -> torch.Tensor:
        if self.head is None:
            raise ValueError("this tower has no pooling head; build it with pool='attention-head'")
        return self.head(features)


class FusedTowers(nn.Module):
    """Two vision towers on one image, patch features concatenated (Prismatic ``DinoSigLIPViTBackbone``)."""

    def __init__(self, first: VisionTransformer, second: VisionTransformer):
        super().__init__()
        if first.grid != second.grid:
            raise ValueError(f"the towers' patch grids differ ({first.grid} vs {second.grid}); they cannot be fused")
        self.first, self.second = first, second

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.first(pixels), self.second(pixels)], dim=-1)     # [B,N,D1+D2]
