"""Decoder-only language models: LLaMA / Vicuna / Qwen / OPT / Persimmon style, one class.

API:
    DecoderLM(*, vocab_size, hidden_size, layers, heads, intermediate_size, max_positions=4096,
        kv_heads=None, head_dim=None, norm="rmsnorm", norm_eps=1e-6, positions="rope", rope_base=10000.0,
        rotary_fraction=1.0, position_offset=0, mlp="swiglu", mlp_bias=False, qkv_bias="none",
        out_bias=False, qk_norm=None, tie_embeddings=False, lm_head_bias=False, visual_expert=False,
        visual_expert_qkv_bias="qkv", norm_bias=None, sandwich_norm=False)
    embed_tokens(input_ids [B,T]) -> input_embeds [B,T,D]
    forward(input_embeds [B,T,D], vision_mask=None [B,T] bool) -> logits [B,T,V]

Styles (the options that differ, each changes the count):
- LLaMA / Vicuna (arXiv 2302.13971): RMSNorm, RoPE, SwiGLU, no biases, untied head; GQA via kv_heads.
- Qwen-7B (arXiv 2309.16609): as LLaMA plus a bias on the fused q/k/v projection.
- OPT (arXiv 2205.01068): LayerNorm, learned positions with an offset of 2 rows, ReLU MLP, biases
  everywhere, tied head.
- MPT (OpenFlamingo-9B): LayerNorm without bias (``norm_bias=False``), ALiBi (``positions="none"``:
  no parameters), GELU MLP, no biases, tied head.
- Persimmon-8B (Fuyu): LayerNorm, per-head q/k LayerNorm, half of each head rotated, squared ReLU.
- Gemma (pi0's PaliGemma, arXiv 2403.08295) and Gemma 3 (arXiv 2503.19786): RMSNorm, GeGLU (``mlp="geglu"``,
  tanh-approximated GELU gate), head_dim set apart from hidden_size / heads, tied head; Gemma 3 adds per-head
  q/k RMSNorm and ``sandwich_norm``: a second RMSNorm on the attention and feed-forward outputs (4 per layer).
- ``visual_expert`` (CogVLM, arXiv 2311.03079 Section 2): every layer holds a second q/k/v,
  output and MLP used for image tokens (``vision_mask``); attention itself is shared.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .layers import MLP, Attention, RotaryEmbedding, make_norm


class VisualExpertAttention(nn.Module):
    """CogVLM attention: token-type-specific q/k/v and output projections, one causal attention."""

    def __init__(self, *, dim, heads, rotary, language_qkv_bias, vision_qkv_bias):
        super().__init__()
        self.heads, self.head_dim, self.rotary = heads, dim // heads, rotary
        self.language_qkv = nn.Linear(dim, 3 * dim, bias=language_qkv_bias)
        self.vision_qkv = nn.Linear(dim, 3 * dim, bias=vision_qkv_bias)
        self.language_out = nn.Linear(dim, dim, bias=False)
        self.vision_out = nn.Linear(dim, dim, bias=False)

    def forward(self, x, vision_mask):
        B, T, D = x.shape
        mask = vision_mask.unsqueeze(-1)
        qkv = torch.where(mask, self.vision_qkv(x), self.language_qkv(x))    # [B,T,3D]
        q, k, v = (t.view(B, T, self.heads, self.head_dim).transpose(1, 2) for t in qkv.chunk(3, dim=-1))
        q, k = self.rotary(q), self.rotary(k)
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, D)
        return torch.where(mask, self.vision_out(out), self.language_out(out))


class DecoderLayer(nn.Module):
    def __init__(self, *, hidden_size, heads, kv_heads, head_dim, intermediate_size, norm, norm_eps, rotary,
                 mlp, mlp_bias, qkv_bias, out_bias, qk_norm, visual_expert, visual_expert_qkv_bias, norm_bias=None,
                 sandwich_norm=False):
        super().__init__()
        norm_bias = (norm == "layernorm") if norm_bias is None else norm_bias
        self.input_norm = make_norm(norm, hidden_size, eps=norm_eps, bias=norm_bias)
        self.post_attention_norm = make_norm(norm, hidden_size, eps=norm_eps, bias=norm_bias)
        # Gemma 3 sandwich norms: the attention and feed-forward outputs are normalised again (post_*_norm)
        self.attention_out_norm = make_norm(norm, hidden_size, eps=norm_eps, bias=norm_bias) if sandwich_norm else None
        self.mlp_out_norm = make_norm(norm, hidden_size, eps=norm_eps, bias=norm_bias) if sandwich_norm else None
        act = {"swiglu": "silu", "geglu": "gelu_tanh", "relu": "relu", "gelu": "gelu", "relu2": "relu2"}[mlp]
        make_mlp = lambda: MLP(dim=hidden_size, hidden=intermediate_size, act=act, bias=mlp_bias,  # noqa: E731
                               gated=(mlp in ("swiglu", "geglu")))
        if visual_expert:
            self.attn = VisualExpertAttention(dim=hidden_size, heads=heads, rotary=rotary,
                                              language_qkv_bias=(qkv_bias == "qkv"),
                                              vision_qkv_bias=(visual_expert_qkv_bias == "qkv"))
            self.vision_mlp = make_mlp()
        else:
            self.attn = Attention(dim=hidden_size, heads=heads, kv_heads=kv_heads, head_dim=head_dim,
                                  qkv_bias=qkv_bias, out_bias=out_bias, qk_norm=qk_norm, norm=norm,
                                  norm_eps=norm_eps, rotary=rotary, causal=True)
            self.vision_mlp = None
        self.mlp = make_mlp()

    def forward(self, x, vision_mask=None):
        h = self.input_norm(x)
        a = self.attn(h, vision_mask) if self.vision_mlp is not None else self.attn(h)
        x = x + (self.attention_out_norm(a) if self.attention_out_norm is not None else a)
        h = self.post_attention_norm(x)
        if self.vision_mlp is not None:
            return x + torch.where(vision_mask.unsqueeze(-1), self.vision_mlp(h), self.mlp(h))
        m = self.mlp(h)
        return x + (self.mlp_out_norm(m) if self.mlp_out_norm is not None else m)


class LayerStackLM(nn.Module):
    """A decoder that is only its layers: token embedding, the layer stack, final norm and LM head, set by the
    subclass (Phi-1.5's parallel blocks, the Moonlight/DeepSeek-V3 mixture-of-experts decoder); positions live
    inside the layers' attention."""

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.token_embedding(input_ids)                              # [B,T,D]

    def forward(self, input_embeds: torch.Tensor, vision_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = input_embeds
        for layer in self.layers:
            x = layer(x)
        return self.lm_head(self.final_norm(x))                              # [B,T,V]


class DecoderLM(nn.Module):
    def __init__(self, *, vocab_size: int, hidden_size: int, layers: int, heads: int, intermediate_size: int,
                 max_positions: int = 4096, kv_heads: int | None = None, head_dim: int | None = None,
                 norm: str = "rmsnorm", norm_eps: float = 1e-6, positions: str = "rope", rope_base: float = 10000.0,
                 rotary_fraction: float = 1.0, position_offset: int = 0, mlp: str = "swiglu", mlp_bias: bool = False,
                 qkv_bias: str = "none", out_bias: bool = False, qk_norm: str | None = None,
                 tie_embeddings: bool = False, lm_head_bias: bool = False, visual_expert: bool = False,
                 visual_expert_qkv_bias: str = "qkv", norm_bias: bool | None = None, sandwich_norm: bool = False):
        super().__init__()
        if positions not in ("rope", "learned", "none"):
            raise ValueError(f"positions must be 'rope', 'learned' or 'none', not {positions!r}")
        if mlp not in ("swiglu", "geglu", "relu", "gelu", "relu2"):
            raise ValueError(f"mlp must be 'swiglu', 'geglu', 'relu', 'gelu' or 'relu2', not {mlp!r}")
        self.hidden_size, self.position_offset = hidden_size, position_offset
        self.token_embedding = nn.Embedding(vocab_size, hidden_size)
        # OPT stores max_positions + 2 rows: its learned table is indexed from offset 2 (transformers
        # OPTLearnedPositionalEmbedding), a legacy of fairseq's padding index.
        self.position_embedding = (nn.Embedding(max_positions + position_offset, hidden_size)
                                   if positions == "learned" else None)
        head_dim = head_dim or hidden_size // heads
        rotary = RotaryEmbedding(head_dim=head_dim, fraction=rotary_fraction, base=rope_base) \
            if positions == "rope" else None
        self.layers = nn.ModuleList(
            DecoderLayer(hidden_size=hidden_size, heads=heads, kv_heads=kv_heads, head_dim=head_dim,
                         intermediate_size=intermediate_size, norm=norm, norm_eps=norm_eps, rotary=rotary, mlp=mlp,
                         mlp_bias=mlp_bias, qkv_bias=qkv_bias, out_bias=out_bias, qk_norm=qk_norm,
                         visual_expert=visual_expert, visual_expert_qkv_bias=visual_expert_qkv_bias,
                         norm_bias=norm_bias, sandwich_norm=sandwich_norm)
            for _ in range(layers))
        norm_bias = (norm == "layernorm") if norm_bias is None else norm_bias
        self.final_norm = make_norm(norm, hidden_size, eps=norm_eps, bias=norm_bias)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=lm_head_bias)
        if tie_embeddings:
            self.lm_head.weight = self.token_embedding.weight
        self.visual_expert = visual_expert

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.token_embedding(input_ids)                              # [B,T,D]

    def forward(self, input_embeds: torch.Tensor, vision_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = input_embeds
        if self.position_embedding is not None:
            positions = torch.arange(x.shape[1], device=x.device) + self.position_offset
            x = x + self.position_embedding(positions)
        if self.visual_expert and vision_mask is None:
            vision_mask = torch.zeros(x.shape[:2], dtype=torch.bool, device=x.device)
        for layer in self.layers:
            x = layer(x, vision_mask)
        return self.lm_head(self.final_norm(x))                              # [B,T,V]
