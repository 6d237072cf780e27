"""Diffusion action heads of vision-to-action policies: the modules that turn a conditioning signal into an
action chunk by iterative denoising. Parameter layouts follow the official code so counts are exact.

API (keyword-only constructors; every forward returns the prediction for the noisy chunk it is given):
    OctoDiffusionHead(*, embedding_dim, action_dim, horizon, time_dim=32, hidden=256, blocks=3)
        forward(readout [B,D], noisy_actions [B,H*A], time [B,1]) -> [B,H*A]
        Octo (arXiv 2405.12213; octo-models/octo octo/model/components/diffusion.py): learned Fourier
        features of the time, a 2-layer MLP on them, then an MLP-ResNet over [time, readout, actions].
    CogACTDiT(*, width, depth, heads, condition_dim, action_dim, horizon)
        forward(noisy_actions [B,H,A], time [B], cognition [B,1,Dc]) -> [B,H,A]
        CogACT (arXiv 2411.19650; microsoft/CogACT action_model/models.py): a plain pre-norm transformer over
        [time + cognition token, actions] with learned positions; no adaptive norm, no cross-attention.
    RDTransformer(*, width, depth, heads, action_dim, horizon, text_tokens, image_tokens)
        forward(state_actions [B,1+H,D], frequency [B], time [B], text [B,L,D], image [B,I,D]) -> [B,H,A]
        RDT-1B (arXiv 2410.07864; thu-ml/RoboticsDiffusionTransformer models/rdt/): RMSNorm blocks with
        query-key RMSNorm, self-attention, cross-attention to text or image tokens on alternate layers, and
        a width-1 MLP; learned position tables for the action, text and image tokens.
    GR00TActionHead(*, width, depth, heads, head_dim, hidden, output_dim, action_dim, state_dim, embodiments,
        positions)
        forward(vl [B,S,width], state [B,1,state_dim], noisy_actions [B,H,A], time [B]) -> [B,H,A]
        GR00T N1 (arXiv 2503.14734; NVIDIA/Isaac-GR00T gr00t/model/action_head/): a DiT whose blocks use an
        adaptive LayerNorm on the time and attend to the VLM tokens (every other block to its own tokens), and
        per-embodiment MLPs that encode the state and the noisy actions and decode the velocity.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .layers import MLP, Attention


def sinusoidal_embedding(t: torch.Tensor, dim: int, max_period: float = 10000.0) -> torch.Tensor:
    """GLIDE / DiT timestep features [cos | sin] (no parameters)."""
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)                     # [B,dim]


class TimestepEmbedder(nn.Module):
    """DiT's timestep MLP: 256 sinusoidal features -> Linear -> SiLU -> Linear (both biased)."""

    def __init__(self, *, width: int, frequency_dim: int = 256):
        super().__init__()
        self.frequency_dim = frequency_dim
        self.mlp = nn.Sequential(nn.Linear(frequency_dim, width), nn.SiLU(), nn.Linear(width, width))

    def forward(self, t: torch.Tensor) -> torch.Tensor:
        features = sinusoidal_embedding(t, self.frequency_dim).to(self.mlp[0].weight.dtype)
        return self.mlp(features)                                                       # [B,width]


# --- Octo ------------------------------------------------------------------------------------------------

class MLPResNetBlock(nn.Module):
    """LayerNorm -> Dense(4w) -> swish -> Dense(w), plus the input (diffusion.py MLPResNetBlock)."""

    def __init__(self, *, width: int):
        super().__init__()
        self.norm = nn.LayerNorm(width)
        self.up, self.down = nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

    def forward(self, x):
        return x + self.down(F.silu(self.up(self.norm(x))))


class OctoDiffusionHead(nn.Module):
    def __init__(self, *, embedding_dim: int, action_dim: int, horizon: int, time_dim: int = 32, hidden: int = 256,
                 blocks: int = 3):
        super().__init__()
        out = action_dim * horizon
        self.fourier = nn.Parameter(torch.zeros(time_dim // 2, 1))     # FourierFeatures(learnable=True) kernel
        self.time_mlp = nn.Sequential(nn.Linear(time_dim, 2 * time_dim), nn.SiLU(), nn.Linear(2 * time_dim, time_dim))
        self.input = nn.Linear(time_dim + embedding_dim + out, hidden)
        self.blocks = nn.ModuleList(MLPResNetBlock(width=hidden) for _ in range(blocks))
        self.output = nn.Linear(hidden, out)

    def forward(self, readout: torch.Tensor, noisy_actions: torch.Tensor, time: torch.Tensor) -> torch.Tensor:
        f = 2 * math.pi * time @ self.fourier.T                                         # [B,time_dim/2]
        condition = self.time_mlp(torch.cat([f.cos(), f.sin()], dim=-1))               # [B,time_dim]
        x = self.input(torch.cat([condition, readout, noisy_actions], dim=-1))         # [B,hidden]
        for block in self.blocks:
            x = block(x)
        return self.output(F.silu(x))                                                   # [B,H*A]


# --- CogACT ----------------------------------------------------------------------------------------------

class PlainDiTBlock(nn.Module):
    """timm-style pre-norm block with LayerNorms without affine parameters (CogACT DiTBlock)."""

    def __init__(self, *, width: int, heads: int, mlp_ratio: float = 4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.attn = Attention(dim=width, heads=heads, qkv_bias="qkv", out_bias=True)
        self.norm2 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.mlp = MLP(dim=width, hidden=int(width * mlp_ratio), act="gelu_tanh", bias=True)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class CogACTDiT(nn.Module):
    def __init__(self, *, width: int, depth: int, heads: int, condition_dim: int, action_dim: int, horizon: int):
        super().__init__()
        self.history_embedder = nn.Linear(action_dim, width)   # built though unused ("Action_History is not used now")
        self.x_embedder = nn.Linear(action_dim, width)
        self.t_embedder = TimestepEmbedder(width=width)
        self.z_embedder = nn.Linear(condition_dim, width)
        self.uncondition = nn.Parameter(torch.zeros(1, condition_dim))   # classifier-free-guidance null condition
        self.positional_embedding = nn.Parameter(torch.zeros(horizon + 1, width))  # cognition token + actions
        self.blocks = nn.ModuleList(PlainDiTBlock(width=width, heads=heads) for _ in range(depth))
        self.final_norm = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.final_linear = nn.Linear(width, action_dim)

    def forward(self, noisy_actions: torch.Tensor, time: torch.Tensor, cognition: torch.Tensor) -> torch.Tensor:
        c = self.t_embedder(time)[:, None] + self.z_embedder(cognition)                # [B,1,W]
        x = torch.cat([c, self.x_embedder(noisy_actions)], dim=1) + self.positional_embedding  # [B,1+H,W]
        for block in self.blocks:
            x = block(x)
        return self.final_linear(self.final_norm(x))[:, 1:]                             # [B,H,A]


# --- RDT -------------------------------------------------------------------------------------------------

class RDTBlock(nn.Module):
    """RMSNorm -> self-attention (q/k RMSNorm) -> RMSNorm -> cross-attention -> RMSNorm -> width-1 MLP."""

    def __init__(self, *, width: int, heads: int):
        super().__init__()
        attention = dict(dim=width, heads=heads, qkv_bias="qkv", out_bias=True, qk_norm="head", norm="rmsnorm")
        self.norm1 = nn.RMSNorm(width, eps=1e-6)
        self.attn = Attention(**attention)
        self.norm2 = nn.RMSNorm(width, eps=1e-6)
        self.cross_attn = Attention(context_dim=width, **attention)
        self.norm3 = nn.RMSNorm(width, eps=1e-6)
        self.ffn = MLP(dim=width, hidden=width, act="gelu_tanh", bias=True)

    def forward(self, x, condition):
        x = x + self.attn(self.norm1(x))
        x = x + self.cross_attn(self.norm2(x), condition)
        return x + self.ffn(self.norm3(x))


class RDTransformer(nn.Module):
    def __init__(self, *, width: int, depth: int, heads: int, action_dim: int, horizon: int, text_tokens: int,
                 image_tokens: int):
        super().__init__()
        self.horizon = horizon
        self.t_embedder = TimestepEmbedder(width=width)
        self.freq_embedder = TimestepEmbedder(width=width)     # control frequency, embedded like a timestep
        self.x_pos_embed = nn.Parameter(torch.zeros(1, horizon + 3, width))   # [time; frequency; state; actions]
        self.lang_cond_pos_embed = nn.Parameter(torch.zeros(1, text_tokens, width))
        self.img_cond_pos_embed = nn.Parameter(torch.zeros(1, image_tokens, width))
        self.blocks = nn.ModuleList(RDTBlock(width=width, heads=heads) for _ in range(depth))
        self.norm_final = nn.RMSNorm(width, eps=1e-6)
        self.ffn_final = nn.Sequential(nn.Linear(width, width), nn.GELU(approximate="tanh"),
                                       nn.Linear(width, action_dim))

    def forward(self, state_actions, frequency, time, text, image):
        x = torch.cat([self.t_embedder(time)[:, None], self.freq_embedder(frequency)[:, None], state_actions], dim=1)
        x = x + self.x_pos_embed                                                        # [B,H+3,W]
        conditions = (text + self.lang_cond_pos_embed[:, :text.shape[1]], image + self.img_cond_pos_embed)
        for i, block in enumerate(self.blocks):
            x = block(x, conditions[i % 2])   # alternating condition injection: text, image, text, ...
        return self.ffn_final(self.norm_final(x))[:, -self.horizon:]                   # [B,H,A]


# --- GR00T N1 --------------------------------------------------------------------------------------------

class AdaLayerNorm(nn.Module):
    """LayerNorm without affine parameters, scaled and shifted by a linear map of the time embedding."""

    def __init__(self, *, width: int):
        super().__init__()
        self.linear = nn.Linear(width, 2 * width)
        self.norm = nn.LayerNorm(width, eps=1e-5, elementwise_affine=False)

    def forward(self, x, time_embedding):
        scale, shift = self.linear(F.silu(time_embedding)).chunk(2, dim=-1)
        return self.norm(x) * (1 + scale[:, None]) + shift[:, None]


class GR00TBlock(nn.Module):
    """diffusers-style BasicTransformerBlock as GR00T N1 builds it: AdaLayerNorm -> attention (to the VLM tokens,
    or to itself) -> LayerNorm (no affine) -> GELU(tanh) feed-forward of 4x width; all projections biased."""

    def __init__(self, *, width: int, heads: int, head_dim: int):
        super().__init__()
        self.norm1 = AdaLayerNorm(width=width)
        self.attn1 = Attention(dim=width, heads=heads, head_dim=head_dim, qkv_bias="qkv", out_bias=True)
        self.norm3 = nn.LayerNorm(width, eps=1e-5, elementwise_affine=False)
        self.ff = MLP(dim=width, hidden=4 * width, act="gelu_tanh", bias=True)

    def forward(self, x, time_embedding, context=None):
        x = x + self.attn1(self.norm1(x, time_embedding), context)
        return x + self.ff(self.norm3(x))


class CategorySpecificLinear(nn.Module):
    """One weight matrix and bias per embodiment, picked by the embodiment id."""

    def __init__(self, *, categories: int, in_dim: int, out_dim: int):
        super().__init__()
        self.W = nn.Parameter(torch.zeros(categories, in_dim, out_dim))
        self.b = nn.Parameter(torch.zeros(categories, out_dim))

    def forward(self, x, category):
        return torch.bmm(x, self.W[category]) + self.b[category][:, None]


class CategorySpecificMLP(nn.Module):
    def __init__(self, *, categories: int, in_dim: int, hidden: int, out_dim: int):
        super().__init__()
        self.layer1 = CategorySpecificLinear(categories=categories, in_dim=in_dim, out_dim=hidden)
        self.layer2 = CategorySpecificLinear(categories=categories, in_dim=hidden, out_dim=out_dim)

    def forward(self, x, category):
        return self.layer2(F.relu(self.layer1(x, category)), category)


class MultiEmbodimentActionEncoder(nn.Module):
    """W1 (actions) -> concat sinusoidal time features -> W2 -> swish -> W3, all per embodiment."""

    def __init__(self, *, categories: int, action_dim: int, width: int):
        super().__init__()
        self.width = width
        self.W1 = CategorySpecificLinear(categories=categories, in_dim=action_dim, out_dim=width)
        self.W2 = CategorySpecificLinear(categories=categories, in_dim=2 * width, out_dim=width)
        self.W3 = CategorySpecificLinear(categories=categories, in_dim=width, out_dim=width)

    def forward(self, actions, time, category):
        B, H, _ = actions.shape
        steps = time.float()[:, None, None].expand(B, H, 1)
        exponent = -torch.arange(self.width // 2, device=actions.device) * (math.log(10000.0) / (self.width // 2))
        angles = steps * exponent.exp()                                                 # [B,H,W/2]
        tau = torch.cat([angles.sin(), angles.cos()], dim=-1).to(actions.dtype)        # SinusoidalPositionalEncoding
        x = torch.cat([self.W1(actions, category), tau], dim=-1)
        return self.W3(F.silu(self.W2(x, category)), category)


class GR00TActionHead(nn.Module):
    def __init__(self, *, width: int, depth: int, heads: int, head_dim: int, hidden: int, output_dim: int,
                 action_dim: int, state_dim: int, embodiments: int, positions: int):
        super().__init__()
        inner = heads * head_dim
        if inner != width:
            raise ValueError(f"the DiT width heads x head_dim = {inner} must equal the input embedding width {width}")
        self.timestep_encoder = TimestepEmbedder(width=width)
        self.transformer_blocks = nn.ModuleList(GR00TBlock(width=width, heads=heads, head_dim=head_dim)
                                                for _ in range(depth))
        self.norm_out = nn.LayerNorm(width, eps=1e-6, elementwise_affine=False)
        self.proj_out_1 = nn.Linear(width, 2 * width)
        self.proj_out_2 = nn.Linear(width, output_dim)
        self.state_encoder = CategorySpecificMLP(categories=embodiments, in_dim=state_dim, hidden=hidden, out_dim=width)
        self.action_encoder = MultiEmbodimentActionEncoder(categories=embodiments, action_dim=action_dim, width=width)
        # the decoder reads the DiT output (output_dim wide) but is declared with hidden_size inputs: equal in N1
        if output_dim != hidden:
            raise ValueError(f"the DiT output_dim {output_dim} must equal the decoder's hidden_size {hidden}")
        self.action_decoder = CategorySpecificMLP(categories=embodiments, in_dim=hidden, hidden=hidden,
                                                  out_dim=action_dim)
        self.position_embedding = nn.Embedding(positions, width)

    def forward(self, vl, state, noisy_actions, time, embodiment=None):
        B, H, _ = noisy_actions.shape
        category = torch.zeros(B, dtype=torch.long, device=vl.device) if embodiment is None else embodiment
        temb = self.timestep_encoder(time)                                              # [B,W]
        actions = self.action_encoder(noisy_actions, time, category)
        actions = actions + self.position_embedding(torch.arange(H, device=vl.device))[None]
        x = torch.cat([self.state_encoder(state, category), actions], dim=1)           # [B,1+H,W]
        for i, block in enumerate(self.transformer_blocks):
            x = block(x, temb, None if i % 2 == 1 else vl)   # interleave_self_attention: odd blocks attend to x
        shift, scale = self.proj_out_1(F.silu(temb)).chunk(2, dim=-1)
        x = self.proj_out_2(self.norm_out(x) * (1 + scale[:, None]) + shift[:, None])
        return self.action_decoder(x, category)[:, -H:]                                 # [B,H,A]
