"""Shared building blocks: norms, activations, attention, MLPs, rotary embeddings.

API (all constructors keyword-only):
- ``make_norm(kind, dim, *, eps, bias=True)``: "layernorm" | "rmsnorm" -> nn.Module.
- ``make_activation(kind)``: "gelu" | "gelu_tanh" | "quick_gelu" | "relu" | "relu2" | "silu".
- ``Attention(dim=, heads=, kv_heads=None, head_dim=None, qkv_bias="qkv"|"qv"|"none", out_bias=,
  qk_norm=None|"full"|"head", norm=, norm_eps=, rotary=None|RotaryEmbedding, causal=)``:
  ``forward(x [B,T,D], context=None [B,S,Dc]) -> [B,T,D]``; with ``context_dim`` it cross-attends.
- ``MLP(dim=, hidden=, act=, bias=, gated=)``: ``forward(x [B,T,D]) -> [B,T,D]``; ``gated`` is SwiGLU/GeGLU.
- ``RotaryEmbedding(head_dim=, fraction=1.0, base=)``: rotates the first ``fraction`` of each head.

Parameter layouts follow the reference implementations so counts are exact: a fused ``qkv`` weight
has the same number of entries as separate q/k/v weights; biases are separate parameters so that
EVA-CLIP's "q and v bias, no k bias" (BLIP-2, arXiv 2301.12597) can be expressed.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class QuickGELU(nn.Module):
    """x * sigmoid(1.702 x): the activation of OpenAI CLIP (openai/CLIP clip/model.py)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


class SquaredReLU(nn.Module):
    """relu(x)^2: Persimmon-8B / Fuyu-8B MLP activation (config hidden_act "relu2")."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x).square()


def make_activation(kind: str) -> nn.Module:
    table = {
        "gelu": lambda: nn.GELU(),
        "gelu_tanh": lambda: nn.GELU(approximate="tanh"),
        "quick_gelu": QuickGELU,
        "relu": lambda: nn.ReLU(),
        "relu2": SquaredReLU,
        "silu": lambda: nn.SiLU(),
    }
    if kind not in table:
        raise ValueError(f"unknown activation {kind!r}; choose one of {sorted(table)}")
    return table[kind]()


def make_norm(kind: str, dim: int, *, eps: float = 1e-5, bias: bool = True) -> nn.Module:
    if kind == "layernorm":
        return nn.LayerNorm(dim, eps=eps, bias=bias)
    if kind == "rmsnorm":
        return nn.RMSNorm(dim, eps=eps)
    raise ValueError(f"unknown norm {kind!r}; choose 'layernorm' or 'rmsnorm'")


class RotaryEmbedding(nn.Module):
    """Rotary position embedding (RoFormer, arXiv 2104.09864); no parameters.

    ``fraction`` < 1 rotates only the first part of each head (Persimmon "partial_rotary_factor").
    """

    def __init__(self, *, head_dim: int, fraction: float = 1.0, base: float = 10000.0):
        super().__init__()
        self.rotary_dim = int(head_dim * fraction) // 2 * 2
        self.base = base

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x [B,H,T,hd]
        T, rd = x.shape[-2], self.rotary_dim
        inv_freq = 1.0 / (self.base ** (torch.arange(0, rd, 2, device=x.device, dtype=torch.float32) / rd))
        angles = torch.outer(torch.arange(T, device=x.device, dtype=torch.float32), inv_freq)  # [T, rd/2]
        cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
        rot, rest = x[..., :rd], x[..., rd:]
        x1, x2 = rot[..., : rd // 2], rot[..., rd // 2:]
        rotated = torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)
        return torch.cat([rotated, rest], dim=-1)


class Attention(nn.Module):
    """Multi-head (grouped-query) attention with the bias and normalisation options of VLLM towers."""

    def __init__(self, *, dim: int, heads: int, kv_heads: int | None = None, head_dim: int | None = None,
                 context_dim: int | None = None, qkv_bias: str = "qkv", out_bias: bool = True,
                 qk_norm: str | None = None, norm: str = "layernorm", norm_eps: float = 1e-6,
                 rotary: RotaryEmbedding | None = None, causal: bool = False):
        super().__init__()
        if qkv_bias not in ("qkv", "qv", "none"):
            raise ValueError(f"qkv_bias must be 'qkv', 'qv' or 'none', not {qkv_bias!r}")
        self.heads, self.kv_heads = heads, kv_heads or heads
        self.head_dim = head_dim or dim // heads
        inner, kv_inner = self.heads * self.head_dim, self.kv_heads * self.head_dim
        context_dim = context_dim or dim
        self.to_q = nn.Linear(dim, inner, bias=False)
        self.to_k = nn.Linear(context_dim, kv_inner, bias=False)
        self.to_v = nn.Linear(context_dim, kv_inner, bias=False)
        self.q_bias = nn.Parameter(torch.zeros(inner)) if qkv_bias != "none" else None
        self.k_bias = nn.Parameter(torch.zeros(kv_inner)) if qkv_bias == "qkv" else None
        self.v_bias = nn.Parameter(torch.zeros(kv_inner)) if qkv_bias != "none" else None
        self.to_out = nn.Linear(inner, dim, bias=out_bias)
        if qk_norm == "full":  # InternViT-6B: norm over all heads at once
            self.q_norm, self.k_norm = make_norm(norm, inner, eps=norm_eps), make_norm(norm, kv_inner, eps=norm_eps)
        elif qk_norm == "head":  # Persimmon: norm per head
            self.q_norm = make_norm(norm, self.head_dim, eps=norm_eps)
            self.k_norm = make_norm(norm, self.head_dim, eps=norm_eps)
        elif qk_norm is None:
            self.q_norm = self.k_norm = None
        else:
            raise ValueError(f"qk_norm must be None, 'full' or 'head', not {qk_norm!r}")
        self.qk_norm_kind, self.rotary, self.causal = qk_norm, rotary, causal

    def _project(self, x, linear, bias):
        y = linear(x)
        return y + bias if bias is not None else y

    def forward(self, x: torch.Tensor, context: torch.Tensor | None = None, mask: torch.Tensor | None = None):
        B, T, _ = x.shape
        context = x if context is None else context
        q = self._project(x, self.to_q, self.q_bias)            # [B,T,H*hd]
        k = self._project(context, self.to_k, self.k_bias)      # [B,S,Hkv*hd]
        v = self._project(context, self.to_v, self.v_bias)
        if self.qk_norm_kind == "full":
            q, k = self.q_norm(q), self.k_norm(k)
        q = q.view(B, T, self.heads, self.head_dim).transpose(1, 2)       # [B,H,T,hd]
        k = k.view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2)   # [B,Hkv,S,hd]
        v = v.view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2)
        if self.qk_norm_kind == "head":
            q, k = self.q_norm(q), self.k_norm(k)
        if self.rotary is not None:
            q, k = self.rotary(q), self.rotary(k)
        if self.kv_heads != self.heads:
            repeat = self.heads // self.kv_heads
            k, v = k.repeat_interleave(repeat, dim=1), v.repeat_interleave(repeat, dim=1)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=self.causal and mask is None)
        return self.to_out(out.transpose(1, 2).reshape(B, T, -1))         # [B,T,D]


class MLP(nn.Module):
    """Two-layer feed-forward block; ``gated`` gives SwiGLU (LLaMA) with gate/up/down weights."""

    def __init__(self, *, dim: int, hidden: int, act: str = "gelu", bias: bool = True, gated: bool = False):
        super().__init__()
        self.gated = gated
        self.fc1 = nn.Linear(dim, hidden, bias=bias)
        self.gate = nn.Linear(dim, hidden, bias=bias) if gated else None
        self.act = make_activation(act)
        self.fc2 = nn.Linear(hidden, dim, bias=bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.act(self.gate(x)) * self.fc1(x) if self.gated else self.act(self.fc1(x))
        return self.fc2(h)


def count_parameters(module: nn.Module, *, trainable_only: bool = False) -> int:
    """Number of parameter entries (works on the meta device: only shapes are read)."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad or not trainable_only)


def default_init_(module: nn.Module, std: float = 0.02) -> None:
    """Small normal init so random-weight forward passes stay finite in bf16."""
    for p in module.parameters():
        if p.is_meta:
            continue
        if p.dim() >= 2:
            nn.init.normal_(p, std=std)
