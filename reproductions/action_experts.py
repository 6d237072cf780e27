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
"""
from __future__ import annotations

import math

import torch
from torch import nn

from .language_models import DecoderLayer
from .layers import RotaryEmbedding, make_norm


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
