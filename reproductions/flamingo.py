"""Flamingo-style language model: frozen decoder layers interleaved with gated cross-attention.

API:
    GatedCrossAttentionBlock(*, dim, visual_dim, heads=8, head_dim=64, ff_mult=4)
        forward(x [B,T,D], media [B,M,Dv]) -> [B,T,D]; tanh gates start at 0 (identity at init).
    GatedCrossAttentionLM(language_model, *, visual_dim, every=4, heads=8, head_dim=64, ff_mult=4)
        one block before every ``every``-th decoder layer (OpenFlamingo ``cross_attn_every_n_layers``);
        forward(input_embeds [B,T,D], media [B,M,Dv]) -> logits [B,T,V]; ``embed_tokens`` as the LM.
    FlamingoModel(vision_encoder, resampler, language_model): encode_images(pixels) -> media [B,M,Dv];
        forward(pixels, input_ids) -> logits. The visual tokens enter through cross-attention, not the prefix.

Layer shapes follow mlfoundations/open_flamingo open_flamingo/src/helpers.py (MaskedCrossAttention,
GatedCrossAttentionBlock: LayerNorm, bias-free q/kv/out and feed-forward, scalar ``attn_gate``/``ff_gate``).
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class GatedCrossAttentionBlock(nn.Module):
    def __init__(self, *, dim: int, visual_dim: int, heads: int = 8, head_dim: int = 64, ff_mult: int = 4):
        super().__init__()
        inner = heads * head_dim
        self.heads, self.head_dim = heads, head_dim
        self.norm = nn.LayerNorm(dim)
        self.to_q = nn.Linear(dim, inner, bias=False)
        self.to_kv = nn.Linear(visual_dim, 2 * inner, bias=False)
        self.to_out = nn.Linear(inner, dim, bias=False)
        self.attn_gate = nn.Parameter(torch.zeros(1))
        self.ff = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim * ff_mult, bias=False), nn.GELU(),
                                nn.Linear(dim * ff_mult, dim, bias=False))
        self.ff_gate = nn.Parameter(torch.zeros(1))

    def forward(self, x: torch.Tensor, media: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        q = self.to_q(self.norm(x)).view(B, T, self.heads, self.head_dim).transpose(1, 2)   # [B,H,T,hd]
        k, v = self.to_kv(media).chunk(2, dim=-1)
        k = k.reshape(B, -1, self.heads, self.head_dim).transpose(1, 2)                     # [B,H,M,hd]
        v = v.reshape(B, -1, self.heads, self.head_dim).transpose(1, 2)
        attended = F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(B, T, -1)
        x = x + self.attn_gate.tanh() * self.to_out(attended)
        return x + self.ff_gate.tanh() * self.ff(x)


class GatedCrossAttentionLM(nn.Module):
    def __init__(self, language_model: nn.Module, *, visual_dim: int, every: int = 4, heads: int = 8,
                 head_dim: int = 64, ff_mult: int = 4):
        super().__init__()
        self.language_model = language_model
        dim = language_model.hidden_size
        self.every = every
        self.cross_attention = nn.ModuleList(
            GatedCrossAttentionBlock(dim=dim, visual_dim=visual_dim, heads=heads, head_dim=head_dim, ff_mult=ff_mult)
            for i in range(len(language_model.layers)) if (i + 1) % every == 0)

    @property
    def hidden_size(self) -> int:
        return self.language_model.hidden_size

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.language_model.embed_tokens(input_ids)

    def forward(self, input_embeds: torch.Tensor, media: torch.Tensor) -> torch.Tensor:
        lm, x, blocks = self.language_model, input_embeds, iter(self.cross_attention)
        if lm.position_embedding is not None:
            x = x + lm.position_embedding(torch.arange(x.shape[1], device=x.device) + lm.position_offset)
        for i, layer in enumerate(lm.layers):
            if (i + 1) % self.every == 0:
                x = next(blocks)(x, media)
            x = layer(x)
        return lm.lm_head(lm.final_norm(x))                                   # [B,T,V]


class FlamingoModel(nn.Module):
    def __init__(self, vision_encoder: nn.Module, projector: nn.Module, language_model: GatedCrossAttentionLM):
        super().__init__()
        self.vision_encoder, self.projector, self.language_model = vision_encoder, projector, language_model

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.projector(self.vision_encoder(pixels))                   # [B,M,Dv]

    def forward(self, pixels: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        media = self.encode_images(pixels)
        return self.language_model(self.language_model.embed_tokens(input_ids), media)
