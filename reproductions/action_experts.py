"""Action experts: a second, smaller transformer that turns the VLM's context into continuous actions.

API (keyword-only constructor):
    FlowMatchingActionExpert(*, width, layers, heads, kv_heads, head_dim, intermediate_size, action_dim,
        norm_eps=1e-6, state_input=True)
        forward(noisy_actions [B,H,action_dim], state [B,action_dim], time [B]) -> velocity [B,H,action_dim]

pi0 (arXiv 2410.24164; Physical-Intelligence/openpi src/openpi/models/pi0.py): the expert is a Gemma-style
decoder ("gemma_300m") with its own weights; in the real model it attends jointly with the PaliGemma prefix,
which changes no parameter count, so here it attends over its own suffix only. Around it sit
``action_in_proj``, ``state_proj``, the action-time MLP (``action_time_mlp_in`` over the concatenated action and
time embeddings, ``action_time_mlp_out``) and ``action_out_proj``, all biased linear layers. The expert has no
token embedding and no vocabulary head.

    InterleavedActionExpert(*, width, layers, vlm_layers, heads, kv_heads, head_dim, intermediate_size, vlm_width,
        vlm_kv_dim, self_attention_every, action_dim, state_dim, norm_eps=1e-5)
        forward(vlm_key_values [(k [B,S,vlm_kv_dim], v)] per VLM layer, noisy_actions [B,H,action_dim], time [B])
            -> velocity [B,H,action_dim]

SmolVLA (arXiv 2506.01844; huggingface/lerobot src/lerobot/policies/smolvla/smolvlm_with_expert.py): the expert is
a Llama decoder as deep as the (truncated) VLM text model and ``expert_width_multiplier`` as wide, with the
VLM's head count and head_dim. Every ``self_attention_every``-th layer attends jointly to the VLM's keys and
values and its own; the others cross-attend only to the VLM's, through key/value projections that take the
VLM's key/value width (``k_proj``/``v_proj`` rebuilt in the constructor). Its token embedding is removed.
Around it sit ``state_proj`` (state -> one VLM-width prefix token), ``action_in_proj``, the action-time MLP
and ``action_out_proj``, all biased, as in pi0.
"""
from __future__ import annotations

import math

import torch
from torch import nn

from .language_models import DecoderLayer
from .layers import MLP, RotaryEmbedding, make_norm


def _time_embedding(time: torch.Tensor, width: int) -> torch.Tensor:
    """Sine-cosine embedding of the flow-matching time (openpi posemb_sincos; no parameters)."""
    half = width // 2
    fraction = torch.linspace(0.0, 1.0, half, device=time.device)
    period = 4e-3 * (4.0 / 4e-3) ** fraction
    angles = time[:, None] * (2 * math.pi / period)[None, :]
    return torch.cat([angles.sin(), angles.cos()], dim=-1)                             # [B,width]


class FlowMatchingActionExpert(nn.Module):
    def __init__(self, *, width: int, layers: int, heads: int, kv_heads: int, head_dim: int, intermediate_size: int,
                 action_dim: int, norm_eps: float = 1e-6, state_input: bool = True):
        super().__init__()
        self.width = width
        rotary = RotaryEmbedding(head_dim=head_dim)
        self.layers = nn.ModuleList(
            DecoderLayer(hidden_size=width, heads=heads, kv_heads=kv_heads, head_dim=head_dim,
                         intermediate_size=intermediate_size, norm="rmsnorm", norm_eps=norm_eps, rotary=rotary,
                         mlp="geglu", mlp_bias=False, qkv_bias="none", out_bias=False, qk_norm=None,
                         visual_expert=False, visual_expert_qkv_bias="none")
            for _ in range(layers))
        self.final_norm = make_norm("rmsnorm", width, eps=norm_eps)
        self.action_in_proj = nn.Linear(action_dim, width)
        self.state_proj = nn.Linear(action_dim, width) if state_input else None
        self.action_time_mlp_in = nn.Linear(2 * width, width)
        self.action_time_mlp_out = nn.Linear(width, width)
        self.action_out_proj = nn.Linear(width, action_dim)

    def forward(self, noisy_actions: torch.Tensor, state: torch.Tensor, time: torch.Tensor) -> torch.Tensor:
        actions = self.action_in_proj(noisy_actions)                                    # [B,H,W]
        times = _time_embedding(time, self.width)[:, None].expand_as(actions)          # [B,H,W]
        x = self.action_time_mlp_out(nn.functional.silu(self.action_time_mlp_in(torch.cat([actions, times], -1))))
        if self.state_proj is not None:
            x = torch.cat([self.state_proj(state)[:, None], x], dim=1)                  # [B,1+H,W]
        for layer in self.layers:
            x = layer(x)
        x = self.final_norm(x)[:, -noisy_actions.shape[1]:]
        return self.action_out_proj(x)                                                  # [B,H,action_dim]


class ExpertLayer(nn.Module):
    """A Llama decoder layer of the expert; ``kv_input_dim`` is its width, or the VLM's key/value width in a
    cross-attention layer."""

    def __init__(self, *, width: int, heads: int, kv_heads: int, head_dim: int, intermediate_size: int,
                 kv_input_dim: int, norm_eps: float):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, head_dim
        self.input_norm = make_norm("rmsnorm", width, eps=norm_eps)
        self.q_proj = nn.Linear(width, heads * head_dim, bias=False)
        self.k_proj = nn.Linear(kv_input_dim, kv_heads * head_dim, bias=False)
        self.v_proj = nn.Linear(kv_input_dim, kv_heads * head_dim, bias=False)
        self.o_proj = nn.Linear(heads * head_dim, width, bias=False)
        self.post_attention_norm = make_norm("rmsnorm", width, eps=norm_eps)
        self.mlp = MLP(dim=width, hidden=intermediate_size, act="silu", bias=False, gated=True)

    def forward(self, x: torch.Tensor, vlm_k: torch.Tensor, vlm_v: torch.Tensor, *, cross: bool) -> torch.Tensor:
        B, T, _ = x.shape
        h = self.input_norm(x)
        if cross:   # the VLM's keys and values, mapped by this layer's k/v projections
            k, v = self.k_proj(vlm_k), self.v_proj(vlm_v)                                # [B,S,kv*hd]
        else:       # joint attention over the VLM prefix and the expert's own tokens
            k, v = torch.cat([vlm_k, self.k_proj(h)], dim=1), torch.cat([vlm_v, self.v_proj(h)], dim=1)
        q = self.q_proj(h).view(B, T, self.heads, self.head_dim).transpose(1, 2)         # [B,H,T,hd]
        groups = self.heads // self.kv_heads
        k = k.view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2).repeat_interleave(groups, 1)  # [B,H,S,hd]
        v = v.view(B, -1, self.kv_heads, self.head_dim).transpose(1, 2).repeat_interleave(groups, 1)
        attended = nn.functional.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(B, T, -1)
        x = x + self.o_proj(attended)
        return x + self.mlp(self.post_attention_norm(x))


class InterleavedActionExpert(nn.Module):
    def __init__(self, *, width: int, layers: int, vlm_layers: int, heads: int, kv_heads: int, head_dim: int,
                 intermediate_size: int, vlm_width: int, vlm_kv_dim: int, self_attention_every: int, action_dim: int,
                 state_dim: int, norm_eps: float = 1e-5):
        super().__init__()
        if vlm_layers % layers:
            raise ValueError(f"the VLM's {vlm_layers} layers are not a multiple of the expert's {layers}")
        if vlm_kv_dim != kv_heads * head_dim:
            raise ValueError(f"joint attention needs the VLM key/value width {vlm_kv_dim} to equal the expert's "
                             f"{kv_heads} x {head_dim}")
        self.width, self.every, self.stride = width, self_attention_every, vlm_layers // layers
        self.layers = nn.ModuleList(
            ExpertLayer(width=width, heads=heads, kv_heads=kv_heads, head_dim=head_dim,
                        intermediate_size=intermediate_size, norm_eps=norm_eps,
                        kv_input_dim=vlm_kv_dim if self._cross(i) else width)
            for i in range(layers))
        self.final_norm = make_norm("rmsnorm", width, eps=norm_eps)
        self.state_proj = nn.Linear(state_dim, vlm_width)
        self.action_in_proj = nn.Linear(action_dim, width)
        self.action_time_mlp_in = nn.Linear(2 * width, width)
        self.action_time_mlp_out = nn.Linear(width, width)
        self.action_out_proj = nn.Linear(width, action_dim)

    def _cross(self, index: int) -> bool:
        return self.every > 0 and index % self.every != 0

    def forward(self, vlm_key_values, noisy_actions: torch.Tensor, time: torch.Tensor) -> torch.Tensor:
        actions = self.action_in_proj(noisy_actions)                                    # [B,H,W]
        times = _time_embedding(time, self.width)[:, None].expand_as(actions).to(actions.dtype)
        x = self.action_time_mlp_out(nn.functional.silu(self.action_time_mlp_in(torch.cat([actions, times], -1))))
        for i, (vlm_k, vlm_v) in enumerate(vlm_key_values):
            if i % self.stride:   # fewer expert layers than VLM layers: this VLM layer has no expert layer
                continue
            x = self.layers[i // self.stride](x, vlm_k, vlm_v, cross=self._cross(i))
        return self.action_out_proj(self.final_norm(x))                                 # [B,H,action_dim]
