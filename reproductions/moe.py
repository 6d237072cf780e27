"""Mixture-of-experts decoder with multi-head latent attention: the DeepSeek-V3 layout of Moonlight / Kimi-VL.

API (keyword-only constructors):
    LatentAttention(*, dim, heads, kv_lora_rank, q_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim)
        forward(x [B,T,D]) -> [B,T,D]
    MoEMLP(*, dim, experts, experts_per_token, shared_experts, expert_width, router_bias=True)
        forward(x [B,T,D]) -> [B,T,D]; ``inactive_parameters()``: expert weights a token does not use
    MoEDecoderLM(*, vocab_size, hidden_size, layers, heads, intermediate_size, dense_layers, experts,
        experts_per_token, shared_experts, expert_width, kv_lora_rank, q_lora_rank, qk_nope_head_dim,
        qk_rope_head_dim, v_head_dim, norm_eps=1e-6, tie_embeddings=False, router_bias=True)
        embed_tokens(ids [B,T]) -> [B,T,D]; forward(embeds [B,T,D]) -> logits [B,T,V]
        activated_parameters() -> parameters one token passes through (embedding row lookups counted whole)
        embedding_parameters() -> the input table plus the output head (once when tied)

What counts (the DeepSeek-V3 layout the Moonlight / Kimi-VL configs name, ``DeepseekV3ForCausalLM``; built this
way the counts reproduce Moonlight's stated 15.29B total and 2.24B activated non-embedding parameters):
- attention: without ``q_lora_rank`` a direct ``q_proj`` to heads x (nope + rope) dims; keys and values pass
  a ``kv_lora_rank`` bottleneck (``kv_a_proj_with_mqa`` also emits one shared rope key of ``qk_rope_head_dim``),
  an RMSNorm on the latent, ``kv_b_proj`` back to heads x (nope + v); ``o_proj`` from heads x v. No biases.
- feed-forward: the first ``dense_layers`` layers use a SwiGLU MLP of ``intermediate_size``; the others route
  each token to ``experts_per_token`` of ``experts`` SwiGLU experts of ``expert_width`` and always through
  ``shared_experts`` experts (held as one SwiGLU of ``shared_experts * expert_width``); the router is a
  bias-free linear map plus, for auxiliary-loss-free balancing (``topk_method: noaux_tc``), one
  ``e_score_correction_bias`` per expert.
The rotary embedding has no parameters. Routing here is plain top-k over sigmoid scores: it runs, it is not
trained, and the count does not depend on it.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .language_models import LayerStackLM
from .layers import MLP, RotaryEmbedding


class LatentAttention(nn.Module):
    def __init__(self, *, dim: int, heads: int, kv_lora_rank: int, q_lora_rank: int | None, qk_nope_head_dim: int,
                 qk_rope_head_dim: int, v_head_dim: int, norm_eps: float = 1e-6):
        super().__init__()
        self.heads, self.nope, self.rope, self.v_dim = heads, qk_nope_head_dim, qk_rope_head_dim, v_head_dim
        qk_dim = qk_nope_head_dim + qk_rope_head_dim
        if q_lora_rank:
            self.q_a_proj = nn.Linear(dim, q_lora_rank, bias=False)
            self.q_a_norm = nn.RMSNorm(q_lora_rank, eps=norm_eps)
            self.q_b_proj = nn.Linear(q_lora_rank, heads * qk_dim, bias=False)
            self.q_proj = None
        else:
            self.q_proj = nn.Linear(dim, heads * qk_dim, bias=False)
        self.kv_a_proj_with_mqa = nn.Linear(dim, kv_lora_rank + qk_rope_head_dim, bias=False)
        self.kv_a_norm = nn.RMSNorm(kv_lora_rank, eps=norm_eps)
        self.kv_b_proj = nn.Linear(kv_lora_rank, heads * (qk_nope_head_dim + v_head_dim), bias=False)
        self.o_proj = nn.Linear(heads * v_head_dim, dim, bias=False)
        self.rotary = RotaryEmbedding(head_dim=qk_rope_head_dim)
        self.kv_lora_rank = kv_lora_rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        q = self.q_proj(x) if self.q_proj is not None else self.q_b_proj(self.q_a_norm(self.q_a_proj(x)))
        q = q.view(B, T, self.heads, self.nope + self.rope).transpose(1, 2)              # [B,H,T,nope+rope]
        q_nope, q_rope = q.split([self.nope, self.rope], dim=-1)
        latent, k_rope = self.kv_a_proj_with_mqa(x).split([self.kv_lora_rank, self.rope], dim=-1)
        kv = self.kv_b_proj(self.kv_a_norm(latent)).view(B, T, self.heads, self.nope + self.v_dim).transpose(1, 2)
        k_nope, v = kv.split([self.nope, self.v_dim], dim=-1)
        k_rope = self.rotary(k_rope.unsqueeze(1)).expand(-1, self.heads, -1, -1)         # one rope key for all heads
        q = torch.cat([q_nope, self.rotary(q_rope)], dim=-1)
        k = torch.cat([k_nope, k_rope], dim=-1)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True)                    # [B,H,T,v]
        return self.o_proj(out.transpose(1, 2).reshape(B, T, -1))


class MoEMLP(nn.Module):
    def __init__(self, *, dim: int, experts: int, experts_per_token: int, shared_experts: int, expert_width: int,
                 router_bias: bool = True):
        super().__init__()
        if not 0 < experts_per_token <= experts:
            raise ValueError(f"experts_per_token {experts_per_token} must be in 1..{experts}")
        self.top_k = experts_per_token
        self.experts = nn.ModuleList(MLP(dim=dim, hidden=expert_width, act="silu", bias=False, gated=True)
                                     for _ in range(experts))
        self.shared = (MLP(dim=dim, hidden=shared_experts * expert_width, act="silu", bias=False, gated=True)
                       if shared_experts else None)
        self.router = nn.Linear(dim, experts, bias=False)
        self.router_bias = nn.Parameter(torch.zeros(experts)) if router_bias else None  # e_score_correction_bias

    def inactive_parameters(self) -> int:
        per_expert = sum(p.numel() for p in self.experts[0].parameters())
        return (len(self.experts) - self.top_k) * per_expert

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        scores = torch.sigmoid(self.router(x))                                           # [B,T,E]
        choice = scores + self.router_bias if self.router_bias is not None else scores
        top = choice.topk(self.top_k, dim=-1).indices                                     # [B,T,k]
        weights = scores.gather(-1, top)
        weights = weights / weights.sum(-1, keepdim=True)
        out = torch.zeros_like(x)
        for slot in range(self.top_k):
            for index, expert in enumerate(self.experts):
                mask = (top[..., slot] == index).unsqueeze(-1)
                if mask.any():
                    out = out + torch.where(mask, expert(x) * weights[..., slot:slot + 1], 0.0)
        return out + (self.shared(x) if self.shared is not None else 0.0)


class MoEDecoderLayer(nn.Module):
    def __init__(self, *, dim, attention: LatentAttention, mlp: nn.Module, norm_eps):
        super().__init__()
        self.input_norm = nn.RMSNorm(dim, eps=norm_eps)
        self.attn = attention
        self.post_attention_norm = nn.RMSNorm(dim, eps=norm_eps)
        self.mlp = mlp

    def forward(self, x):
        x = x + self.attn(self.input_norm(x))
        return x + self.mlp(self.post_attention_norm(x))


class MoEDecoderLM(LayerStackLM):
    def __init__(self, *, vocab_size: int, hidden_size: int, layers: int, heads: int, intermediate_size: int,
                 dense_layers: int, experts: int, experts_per_token: int, shared_experts: int, expert_width: int,
                 kv_lora_rank: int, q_lora_rank: int | None, qk_nope_head_dim: int, qk_rope_head_dim: int,
                 v_head_dim: int, norm_eps: float = 1e-6, tie_embeddings: bool = False, router_bias: bool = True):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, hidden_size)
        self.layers = nn.ModuleList()
        for index in range(layers):
            attention = LatentAttention(dim=hidden_size, heads=heads, kv_lora_rank=kv_lora_rank,
                                        q_lora_rank=q_lora_rank, qk_nope_head_dim=qk_nope_head_dim,
                                        qk_rope_head_dim=qk_rope_head_dim, v_head_dim=v_head_dim, norm_eps=norm_eps)
            if index < dense_layers:  # first_k_dense_replace
                mlp = MLP(dim=hidden_size, hidden=intermediate_size, act="silu", bias=False, gated=True)
            else:
                mlp = MoEMLP(dim=hidden_size, experts=experts, experts_per_token=experts_per_token,
                             shared_experts=shared_experts, expert_width=expert_width, router_bias=router_bias)
            self.layers.append(MoEDecoderLayer(dim=hidden_size, attention=attention, mlp=mlp, norm_eps=norm_eps))
        self.final_norm = nn.RMSNorm(hidden_size, eps=norm_eps)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=False)
        if tie_embeddings:
            self.lm_head.weight = self.token_embedding.weight
        self.tied = tie_embeddings

    def embedding_parameters(self) -> int:
        return self.token_embedding.weight.numel() * (1 if self.tied else 2)

    def activated_parameters(self) -> int:
        total = sum(p.numel() for p in self.parameters())
        return total - sum(layer.mlp.inactive_parameters() for layer in self.layers if isinstance(layer.mlp, MoEMLP))
