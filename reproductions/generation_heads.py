"""The image-generation paths of unified models, held beside the language model.

API (keyword-only constructors):
    VQGenerationHead(*, tokenizer, hidden_size, aligner_depth, head_width)
        Janus / Janus-Pro (deepseek-ai/Janus janus/models/modeling_vlm.py): the VQ tokenizer whose codes are
        generated, ``gen_embed`` (one row of the codebook width per code), ``gen_aligner`` (an MLP from the
        code width into the language model) and ``gen_head`` (Linear -> GELU -> Linear onto the codebook).
        embed_codes(codes [B,N]) -> [B,N,D]; logits(hidden [B,N,D]) -> [B,N,codebook]
    LuminaNextDiT(*, width, layers, heads, kv_heads, mlp_width, in_channels, patch_size, caption_dim, time_width)
        BLIP3-o's diffusion transformer (JiuhaiChen/BLIP3o blip3o/model/lumina_nextdit2d.py on diffusers'
        Lumina blocks): it denoises CLIP image features conditioned on the language model's hidden states.
        forward(latents [B,N,C], timestep [B], context [B,M,caption_dim]) -> [B,N,C]
    DiffusionGenerationHead(*, queries, hidden_size, dit)
        BLIP3-o: ``latent_queries`` appended to the prompt; their hidden states condition the DiT.

Parameter layouts follow the references so counts are exact; the forwards run but are not trained.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .image_tokenizers import ImageTokenizer
from .layers import MLP


class VQGenerationHead(nn.Module):
    def __init__(self, *, tokenizer: ImageTokenizer, hidden_size: int, aligner_depth: int, head_width: int):
        super().__init__()
        self.tokenizer = tokenizer
        code_width, codes = tokenizer.embed_dim, tokenizer.codebook_size
        self.gen_embed = nn.Embedding(codes, code_width)
        layers: list[nn.Module] = [nn.Linear(code_width, hidden_size)]
        for _ in range(1, aligner_depth):                 # MlpProjector 'mlp_gelu' (janus/models/projector.py L39-45)
            layers += [nn.GELU(), nn.Linear(hidden_size, hidden_size)]
        self.gen_aligner = nn.Sequential(*layers)
        self.gen_head = nn.Sequential(nn.Linear(hidden_size, head_width), nn.GELU(), nn.Linear(head_width, codes))

    def embed_codes(self, codes: torch.Tensor) -> torch.Tensor:
        return self.gen_aligner(self.gen_embed(codes))                               # [B,N,D]

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.gen_head(hidden)                                                 # [B,N,codes]


class _LuminaAttention(nn.Module):
    """diffusers ``Attention`` with ``qk_norm="layer_norm_across_heads"``, no q/k/v bias; ``to_out`` optional."""

    def __init__(self, *, dim: int, context_dim: int, heads: int, kv_heads: int, output: bool):
        super().__init__()
        head_dim = dim // heads
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, head_dim
        self.to_q = nn.Linear(dim, heads * head_dim, bias=False)
        self.to_k = nn.Linear(context_dim, kv_heads * head_dim, bias=False)
        self.to_v = nn.Linear(context_dim, kv_heads * head_dim, bias=False)
        self.norm_q = nn.LayerNorm(heads * head_dim, eps=1e-5)
        self.norm_k = nn.LayerNorm(kv_heads * head_dim, eps=1e-5)
        self.to_out = nn.Linear(heads * head_dim, dim, bias=False) if output else None  # attn1's is set to Identity

    def forward(self, x, context):
        B, N, _ = x.shape
        q = self.norm_q(self.to_q(x)).view(B, N, self.heads, self.head_dim).transpose(1, 2)
        k = self.norm_k(self.to_k(context)).view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.to_v(context).view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2)
        if self.kv_heads != self.heads:
            k, v = (t.repeat_interleave(self.heads // self.kv_heads, dim=1) for t in (k, v))
        return F.scaled_dot_product_attention(q, k, v).transpose(1, 2)             # [B,N,H,hd]


class LuminaNextBlock(nn.Module):
    def __init__(self, *, dim, heads, kv_heads, mlp_width, time_width, norm_eps=1e-5):
        super().__init__()
        self.gate = nn.Parameter(torch.zeros(heads))                                 # tanh gate on cross-attention
        self.attn1 = _LuminaAttention(dim=dim, context_dim=dim, heads=heads, kv_heads=kv_heads, output=False)
        self.attn2 = _LuminaAttention(dim=dim, context_dim=dim, heads=heads, kv_heads=kv_heads, output=True)
        self.feed_forward = MLP(dim=dim, hidden=mlp_width, act="silu", bias=False, gated=True)  # LuminaFeedForward
        self.norm1_modulation = nn.Linear(time_width, 4 * dim)                      # LuminaRMSNormZero.linear
        self.norm1 = nn.RMSNorm(dim, eps=norm_eps)
        self.ffn_norm1 = nn.RMSNorm(dim, eps=norm_eps)
        self.norm2 = nn.RMSNorm(dim, eps=norm_eps)
        self.ffn_norm2 = nn.RMSNorm(dim, eps=norm_eps)
        self.norm1_context = nn.RMSNorm(dim, eps=norm_eps)

    def forward(self, x, context, temb):
        scale_msa, gate_msa, scale_mlp, gate_mlp = self.norm1_modulation(F.silu(temb)).chunk(4, dim=-1)
        h = self.norm1(x) * (1 + scale_msa[:, None])
        mixed = self.attn1(h, h) + self.attn2(h, self.norm1_context(context)) * self.gate.tanh().view(1, 1, -1, 1)
        x = x + gate_msa.unsqueeze(1).tanh() * self.norm2(self.attn2.to_out(mixed.flatten(-2)))
        mlp = self.feed_forward(self.ffn_norm1(x) * (1 + scale_mlp.unsqueeze(1)))
        return x + gate_mlp.unsqueeze(1).tanh() * self.ffn_norm2(mlp)


class LuminaNextDiT(nn.Module):
    def __init__(self, *, width: int, layers: int, heads: int, kv_heads: int, mlp_width: int, in_channels: int,
                 patch_size: int, caption_dim: int, time_width: int, frequency_size: int = 256):
        super().__init__()
        self.frequency_size = frequency_size
        # PixArtAlphaTextProjection: caption features -> width (Linear, GELU-tanh, Linear)
        self.caption_projection = nn.Sequential(nn.Linear(caption_dim, width), nn.GELU(approximate="tanh"),
                                                nn.Linear(width, width))
        self.patch_embedder = nn.Linear(patch_size * patch_size * in_channels, width)   # LuminaPatchEmbed.proj
        # LuminaCombinedTimestepCaptionEmbedding(hidden_size=min(width, 1024), cross_attention_dim=width)
        self.timestep_embedder = nn.Sequential(nn.Linear(frequency_size, time_width), nn.SiLU(),
                                               nn.Linear(time_width, time_width))
        self.caption_embedder = nn.Sequential(nn.LayerNorm(width), nn.Linear(width, time_width))
        self.layers = nn.ModuleList(LuminaNextBlock(dim=width, heads=heads, kv_heads=kv_heads, mlp_width=mlp_width,
                                                    time_width=time_width) for _ in range(layers))
        # LuminaLayerNormContinuous(elementwise_affine=False, bias=True, out_dim=patch * patch * in_channels)
        self.norm_out_modulation = nn.Linear(time_width, width)
        self.norm_out = nn.LayerNorm(width, eps=1e-6, elementwise_affine=False)
        self.proj_out = nn.Linear(width, patch_size * patch_size * in_channels)

    def _frequencies(self, timestep: torch.Tensor) -> torch.Tensor:
        half = self.frequency_size // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, device=timestep.device) / half)
        angles = timestep.float()[:, None] * freqs[None]
        return torch.cat([angles.cos(), angles.sin()], dim=-1)                      # [B,256]

    def forward(self, latents: torch.Tensor, timestep: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        x = self.patch_embedder(latents)                                             # [B,N,W]
        context = self.caption_projection(context)                                   # [B,M,W]
        temb = self.timestep_embedder(self._frequencies(timestep).to(x.dtype)) + self.caption_embedder(context.mean(1))
        for layer in self.layers:
            x = layer(x, context, temb)
        x = self.norm_out(x) * (1 + self.norm_out_modulation(F.silu(temb)))[:, None]
        return self.proj_out(x)                                                      # [B,N,C]


class DiffusionGenerationHead(nn.Module):
    def __init__(self, *, queries: int, hidden_size: int, dit: LuminaNextDiT):
        super().__init__()
        self.latent_queries = nn.Parameter(torch.zeros(1, queries, hidden_size))
        self.dit = dit
