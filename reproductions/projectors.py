"""Modality projectors: vision features [B,N,Dv] -> visual tokens [B,M,Dl] for the language model.

API (keyword-only constructors; every ``forward(visual_features [B,N,Dv]) -> [B,M,Dl]``):
- ``LinearProjector(in_dim, out_dim, bias=True)``: LLaVA (arXiv 2304.08485), M = N.
- ``MLPProjector(in_dim, out_dim, depth=2, act="gelu", hidden_dim=None)``: LLaVA-1.5 "mlp2x_gelu"
  (arXiv 2310.03744), M = N.
- ``QFormer(vision_dim, num_queries=32, width=768, depth=12, heads=12, mlp_width=3072, cross_attention_every=2,
  text_ffn=False, vocab_size=None, max_positions=None, out_dim=None, out_bias=True)``: BLIP-2, M = num_queries.
- ``PerceiverResampler(dim, depth=6, heads=8, head_dim=64, num_latents=64, ff_mult=4, max_num_media=None,
  max_num_frames=None, out_dim=None)``: Flamingo / OpenFlamingo, M = num_latents.
- ``CrossAttentionResampler(kv_dim, embed_dim, heads, num_queries=256, out_dim=None, out_norm=False,
  out_bias=True)``: Qwen-VL / MiniCPM-V, M = num_queries.
- ``GLUProjector(in_dim, out_dim, hidden_dim, begin_end_tokens=True)``: CogVLM, M = N + 2 (boi/eoi).
- ``PixelShuffleMLP(in_dim, out_dim, scale=0.5, head="mlp"|"linear")``: InternVL 1.5 "mlp1" / nanoVLM,
  M = N * scale**2.
- ``LDPv2Projector(in_dim, out_dim, grid=12)``: MobileVLM V2 (arXiv 2402.03766), M = grid**2.
- ``CAbstractor(in_dim, out_dim, num_queries=144, depth=3, hidden_dim=1024)``: Honeybee (arXiv 2312.06742);
  structure only (ResNet blocks + adaptive pooling), not used for exact counts.
- ``FusedMLPProjector(in_dim, out_dim)``: Prismatic / OpenVLA "fused-gelu-mlp": Linear(in, 4 in), GELU,
  Linear(4 in, out), GELU, Linear(out, out), M = N.
- ``PooledLinearProjector(in_dim, out_dim, grid)``: Gemma 3: patches average-pooled to grid x grid, then
  RMSNorm and a bias-free linear map (``mm_soft_embedding_norm``, ``mm_input_projection``), M = grid**2.
Projectors that need a square token grid (pixel shuffle, LDP, C-Abstractor) raise on a non-square N.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .layers import MLP, Attention, make_activation


def _square_grid(tokens: torch.Tensor) -> int:
    side = math.isqrt(tokens.shape[1])
    if side * side != tokens.shape[1]:
        raise ValueError(f"{tokens.shape[1]} visual features do not form a square grid; drop the class token first")
    return side


class LinearProjector(nn.Module):
    def __init__(self, *, in_dim: int, out_dim: int, bias: bool = True):
        super().__init__()
        self.linear = nn.Linear(in_dim, out_dim, bias=bias)

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        return self.linear(visual_features)                                # [B,N,Dl]


class MLPProjector(nn.Module):
    """``depth`` linear layers with an activation between them (LLaVA-1.5 uses depth 2, GELU)."""

    def __init__(self, *, in_dim: int, out_dim: int, depth: int = 2, act: str = "gelu", hidden_dim: int | None = None):
        super().__init__()
        hidden_dim = hidden_dim or out_dim
        dims = [in_dim] + [hidden_dim] * (depth - 1) + [out_dim]
        layers: list[nn.Module] = []
        for i in range(depth):
            layers.append(nn.Linear(dims[i], dims[i + 1]))
            if i < depth - 1:
                layers.append(make_activation(act))
        self.layers = nn.Sequential(*layers)

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        return self.layers(visual_features)                                # [B,N,Dl]


class QFormerLayer(nn.Module):
    """BERT post-norm layer; cross-attention to the image on some layers; separate query / text FFNs."""

    def __init__(self, *, width, heads, mlp_width, vision_dim, cross_attention, text_ffn):
        super().__init__()
        self.self_attn = Attention(dim=width, heads=heads, qkv_bias="qkv")
        self.self_norm = nn.LayerNorm(width, eps=1e-12)
        self.cross_attn = (Attention(dim=width, heads=heads, context_dim=vision_dim, qkv_bias="qkv")
                           if cross_attention else None)
        self.cross_norm = nn.LayerNorm(width, eps=1e-12) if cross_attention else None
        self.query_ffn = MLP(dim=width, hidden=mlp_width, act="gelu")
        self.query_norm = nn.LayerNorm(width, eps=1e-12)
        # Text FFN: used by the image-text matching / generation losses of stage 1; the generative
        # BLIP-2 models delete it (LAVIS blip2_opt.py sets layer.output = layer.intermediate = None).
        self.text_ffn = MLP(dim=width, hidden=mlp_width, act="gelu") if text_ffn else None
        self.text_norm = nn.LayerNorm(width, eps=1e-12) if text_ffn else None

    def forward(self, queries, visual_features):
        queries = self.self_norm(queries + self.self_attn(queries))
        if self.cross_attn is not None:
            queries = self.cross_norm(queries + self.cross_attn(queries, visual_features))
        return self.query_norm(queries + self.query_ffn(queries))


class QFormer(nn.Module):
    def __init__(self, *, vision_dim: int, num_queries: int = 32, width: int = 768, depth: int = 12, heads: int = 12,
                 mlp_width: int = 3072, cross_attention_every: int = 2, text_ffn: bool = False,
                 vocab_size: int | None = None, max_positions: int | None = None, out_dim: int | None = None,
                 out_bias: bool = True):
        super().__init__()
        self.query_tokens = nn.Parameter(torch.zeros(1, num_queries, width))
        self.word_embeddings = nn.Embedding(vocab_size, width) if vocab_size else None
        self.position_embeddings = nn.Embedding(max_positions, width) if max_positions else None
        self.embed_norm = nn.LayerNorm(width, eps=1e-12)
        self.layers = nn.ModuleList(
            QFormerLayer(width=width, heads=heads, mlp_width=mlp_width, vision_dim=vision_dim,
                         cross_attention=(i % cross_attention_every == 0), text_ffn=text_ffn)
            for i in range(depth))
        self.out_proj = nn.Linear(width, out_dim, bias=out_bias) if out_dim else None

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        queries = self.embed_norm(self.query_tokens.expand(visual_features.shape[0], -1, -1))  # [B,M,W]
        for layer in self.layers:
            queries = layer(queries, visual_features)
        return self.out_proj(queries) if self.out_proj is not None else queries      # [B,M,Dl]


class PerceiverAttention(nn.Module):
    """Latents attend to [media; latents] (Flamingo arXiv 2204.14198, Figure 5); no biases."""

    def __init__(self, *, dim, heads, head_dim):
        super().__init__()
        inner = heads * head_dim
        self.heads, self.head_dim = heads, head_dim
        self.norm_media, self.norm_latents = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.to_q = nn.Linear(dim, inner, bias=False)
        self.to_kv = nn.Linear(dim, 2 * inner, bias=False)
        self.to_out = nn.Linear(inner, dim, bias=False)

    def forward(self, media, latents):
        media, latents = self.norm_media(media), self.norm_latents(latents)
        B, M, _ = latents.shape
        q = self.to_q(latents).view(B, M, self.heads, self.head_dim).transpose(1, 2)
        k, v = self.to_kv(torch.cat([media, latents], dim=1)).chunk(2, dim=-1)
        k = k.reshape(B, -1, self.heads, self.head_dim).transpose(1, 2)
        v = v.reshape(B, -1, self.heads, self.head_dim).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v)                       # [B,H,M,hd]
        return self.to_out(out.transpose(1, 2).reshape(B, M, -1))


class PerceiverFeedForward(nn.Module):
    def __init__(self, *, dim, mult):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fc1, self.fc2 = nn.Linear(dim, dim * mult, bias=False), nn.Linear(dim * mult, dim, bias=False)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(self.norm(x))))


class PerceiverResampler(nn.Module):
    def __init__(self, *, dim: int, depth: int = 6, heads: int = 8, head_dim: int = 64, num_latents: int = 64,
                 ff_mult: int = 4, max_num_media: int | None = None, max_num_frames: int | None = None,
                 out_dim: int | None = None):
        super().__init__()
        self.latents = nn.Parameter(torch.zeros(num_latents, dim))
        self.frame_embs = nn.Parameter(torch.zeros(max_num_frames, dim)) if max_num_frames else None
        self.media_time_embs = nn.Parameter(torch.zeros(max_num_media, 1, dim)) if max_num_media else None
        self.layers = nn.ModuleList(
            nn.ModuleList([PerceiverAttention(dim=dim, heads=heads, head_dim=head_dim),
                           PerceiverFeedForward(dim=dim, mult=ff_mult)]) for _ in range(depth))
        self.norm = nn.LayerNorm(dim)
        self.out_proj = nn.Linear(dim, out_dim) if out_dim else None

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        media = visual_features
        if self.media_time_embs is not None:
            media = media + self.media_time_embs[0]
        latents = self.latents.expand(media.shape[0], -1, -1)               # [B,M,D]
        for attention, feed_forward in self.layers:
            latents = latents + attention(media, latents)
            latents = latents + feed_forward(latents)
        latents = self.norm(latents)
        return self.out_proj(latents) if self.out_proj is not None else latents


def sincos_2d(embed_dim: int, grid: int) -> torch.Tensor:
    """Fixed 2-D sine-cosine position table [grid*grid, embed_dim] (MAE-style, used by Qwen-VL)."""
    coords = torch.arange(grid, dtype=torch.float64)
    yy, xx = torch.meshgrid(coords, coords, indexing="ij")
    omega = 1.0 / 10000 ** (torch.arange(embed_dim // 4, dtype=torch.float64) / (embed_dim / 4))

    def table(pos):
        angles = pos.reshape(-1, 1) * omega
        return torch.cat([angles.sin(), angles.cos()], dim=1)

    return torch.cat([table(yy), table(xx)], dim=1).float()


class CrossAttentionResampler(nn.Module):
    """Qwen-VL's single-layer resampler (arXiv 2308.12966 Section 2.1): 256 learned queries
    cross-attend to the ViT features, with fixed 2-D sin-cos positions added to queries and keys.

    ``frozen_positions``: the released code stores the sin-cos table as a parameter with
    ``requires_grad=False``, so it counts towards the total but not the trainable parameters.
    """

    def __init__(self, *, kv_dim: int, embed_dim: int, heads: int, num_queries: int = 256,
                 out_dim: int | None = None, out_norm: bool = False, out_bias: bool = True,
                 frozen_positions: bool = True):
        super().__init__()
        grid = math.isqrt(num_queries)
        if grid * grid != num_queries:
            raise ValueError(f"num_queries {num_queries} must be a square")
        self.grid, self.embed_dim = grid, embed_dim
        table = sincos_2d(embed_dim, grid) if embed_dim % 4 == 0 else torch.zeros(num_queries, embed_dim)
        table = table.to(torch.get_default_dtype())
        if frozen_positions:
            self.pos_embed = nn.Parameter(table, requires_grad=False)
        else:
            self.register_buffer("pos_embed", table, persistent=False)
        self.query = nn.Parameter(torch.zeros(num_queries, embed_dim))
        self.kv_proj = nn.Linear(kv_dim, embed_dim, bias=False) if kv_dim != embed_dim else nn.Identity()
        self.attn = nn.MultiheadAttention(embed_dim, heads, batch_first=True)
        self.ln_q, self.ln_kv = nn.LayerNorm(embed_dim, eps=1e-6), nn.LayerNorm(embed_dim, eps=1e-6)
        # Qwen-VL / MiniCPM-V follow the attention with ``ln_post`` and a bias-free ``proj`` matrix.
        self.out_norm = nn.LayerNorm(embed_dim, eps=1e-6) if out_norm else None
        self.out_proj = nn.Linear(embed_dim, out_dim, bias=out_bias) if out_dim else None

    def _key_positions(self, n: int) -> torch.Tensor:
        side = math.isqrt(n)
        if side == self.grid:
            return self.pos_embed
        grid = self.pos_embed.reshape(1, self.grid, self.grid, -1).permute(0, 3, 1, 2)
        grid = F.interpolate(grid.float(), size=(side, side), mode="bicubic", align_corners=False)
        return grid.flatten(2).transpose(1, 2)[0].to(self.pos_embed.dtype)

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        _square_grid(visual_features)
        kv = self.ln_kv(self.kv_proj(visual_features))                      # [B,N,D]
        queries = self.ln_q(self.query).unsqueeze(0).expand(kv.shape[0], -1, -1)  # [B,M,D]
        out = self.attn(queries + self.pos_embed, kv + self._key_positions(kv.shape[1]), kv, need_weights=False)[0]
        if self.out_norm is not None:
            out = self.out_norm(out)
        return self.out_proj(out) if self.out_proj is not None else out     # [B,M,D]


class PixelShuffleMLP(nn.Module):
    """Pixel shuffle folds each s x s patch neighbourhood into channels (N/s^2 tokens, s^2*Dv channels).

    ``head="mlp"``: InternVL 1.5's LayerNorm -> Linear -> GELU -> Linear (arXiv 2404.16821 Section 3.1,
    OpenGVLab/InternVL modeling_internvl_chat.py ``mlp1``); ``head="linear"``: nanoVLM's single
    bias-free linear layer (huggingface/nanoVLM models/modality_projector.py).
    """

    def __init__(self, *, in_dim: int, out_dim: int, scale: float = 0.5, head: str = "mlp"):
        super().__init__()
        self.scale = scale
        folded = int(round(in_dim / scale ** 2))
        if head == "mlp":
            self.layers = nn.Sequential(nn.LayerNorm(folded), nn.Linear(folded, out_dim), nn.GELU(),
                                        nn.Linear(out_dim, out_dim))
        elif head == "linear":
            self.layers = nn.Linear(folded, out_dim, bias=False)
        else:
            raise ValueError(f"head must be 'mlp' or 'linear', not {head!r}")

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        side = _square_grid(visual_features)
        B, N, D = visual_features.shape
        factor = int(round(1 / self.scale))
        if side % factor:
            raise ValueError(f"grid side {side} is not divisible by the shuffle factor {factor}")
        x = visual_features.reshape(B, side // factor, factor, side // factor, factor, D)
        x = x.permute(0, 1, 3, 2, 4, 5).reshape(B, (side // factor) ** 2, D * factor * factor)  # [B,N/4,4D]
        return self.layers(x)


class LDPv2Projector(nn.Module):
    """MobileVLM V2's lightweight downsample projector: MLP, 2x2 average pooling to a 12x12 grid,
    then a depthwise 3x3 convolution added as a positional residual (arXiv 2402.03766 Section 3.2)."""

    def __init__(self, *, in_dim: int, out_dim: int, grid: int = 12):
        super().__init__()
        self.grid = grid
        self.mlp = nn.Sequential(nn.Linear(in_dim, out_dim), nn.GELU(), nn.Linear(out_dim, out_dim))
        self.peg = nn.Conv2d(out_dim, out_dim, 3, 1, 1, bias=True, groups=out_dim)

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        side = _square_grid(visual_features)
        x = self.mlp(visual_features)                                       # [B,N,Dl]
        B, _, D = x.shape
        x = x.transpose(1, 2).reshape(B, D, side, side)
        x = F.adaptive_avg_pool2d(x, (self.grid, self.grid))                 # [B,Dl,g,g]
        x = x + self.peg(x)
        return x.flatten(2).transpose(1, 2)                                  # [B,g*g,Dl]


class ResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(dim, dim, 1, bias=False), nn.GroupNorm(1, dim), nn.SiLU(),
                                  nn.Conv2d(dim, dim, 3, padding=1, bias=False), nn.GroupNorm(1, dim), nn.SiLU(),
                                  nn.Conv2d(dim, dim, 1, bias=False), nn.GroupNorm(1, dim))

    def forward(self, x):
        return F.silu(x + self.body(x))


class CAbstractor(nn.Module):
    """Honeybee's locality-preserving abstractor: conv blocks, adaptive pooling to ``num_queries``,
    conv blocks, MLP readout. Structure only; the released one uses RegNet blocks with SE."""

    def __init__(self, *, in_dim: int, out_dim: int, num_queries: int = 144, depth: int = 3, hidden_dim: int = 1024):
        super().__init__()
        self.grid = math.isqrt(num_queries)
        self.stem = nn.Conv2d(in_dim, hidden_dim, 1)
        self.before = nn.Sequential(*[ResidualBlock(hidden_dim) for _ in range(depth)])
        self.after = nn.Sequential(*[ResidualBlock(hidden_dim) for _ in range(depth)])
        self.readout = nn.Sequential(nn.Linear(hidden_dim, out_dim), nn.SiLU(), nn.Linear(out_dim, out_dim))

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        side = _square_grid(visual_features)
        B, _, D = visual_features.shape
        x = self.stem(visual_features.transpose(1, 2).reshape(B, D, side, side))
        x = F.adaptive_avg_pool2d(self.before(x), (self.grid, self.grid))
        x = self.after(x).flatten(2).transpose(1, 2)                        # [B,M,H]
        return self.readout(x)


class GLUProjector(nn.Module):
    """CogVLM's adapter: Linear -> LayerNorm -> GELU -> SwiGLU MLP, wrapped in learned begin/end-of-image
    vectors (THUDM/CogVLM utils/models/cogvlm_model.py ``GLU``, ``boi``, ``eoi``)."""

    def __init__(self, *, in_dim: int, out_dim: int, hidden_dim: int, begin_end_tokens: bool = True):
        super().__init__()
        self.linear_proj = nn.Linear(in_dim, out_dim, bias=False)
        self.norm = nn.LayerNorm(out_dim)
        self.mlp = MLP(dim=out_dim, hidden=hidden_dim, act="silu", bias=False, gated=True)
        self.boi = nn.Parameter(torch.zeros(1, 1, out_dim)) if begin_end_tokens else None
        self.eoi = nn.Parameter(torch.zeros(1, 1, out_dim)) if begin_end_tokens else None

    def forward(self, visual_features: torch.Tensor) -> torch.Tensor:
        x = self.mlp(F.gelu(self.norm(self.linear_proj(visual_features))))   # [B,N,Dl]
        if self.boi is None:
            return x
        B = x.shape[0]
        return torch.cat([self.boi.expand(B, -1, -1), x, self.eoi.expand(B, -1, -1)], dim=1)  # [B,N+2,Dl]


class FusedMLPProjector(nn.Module):
    """openvla/openvla prismatic/util/nn_utils.py FusedMLPProjector: three biased layers, the first 4x wide."""

    def __init__(self, *, in_dim: int, out_dim: int):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(in_dim, 4 * in_dim), nn.GELU(), nn.Linear(4 * in_dim, out_dim), nn.GELU(),
                                 nn.Linear(out_dim, out_dim))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.mlp(features)                                                # [B,N,out]


class PooledLinearProjector(nn.Module):
    """Gemma 3 (google-deepmind/gemma gm/nn/vision/_vision.py VisionExit, gm/nn/_modules.py Embedder)."""

    def __init__(self, *, in_dim: int, out_dim: int, grid: int):
        super().__init__()
        self.grid = grid
        self.norm = nn.RMSNorm(in_dim, eps=1e-6)
        self.projection = nn.Linear(in_dim, out_dim, bias=False)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        side = _square_grid(features)
        B, N, D = features.shape
        grid = features.transpose(1, 2).reshape(B, D, side, side)                # [B,D,s,s]
        pooled = F.avg_pool2d(grid, kernel_size=side // self.grid).flatten(2).transpose(1, 2)  # [B,grid^2,D]
        return self.projection(self.norm(pooled))                                # [B,grid^2,out]
