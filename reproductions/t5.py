"""T5 1.1 / Flan-T5 encoder-decoder, the language model of BLIP-2 FlanT5 and InstructBLIP FlanT5.

API:
    T5EncoderDecoder(*, vocab_size=32128, d_model, d_ff, heads, head_dim=64, encoder_layers,
        decoder_layers, relative_buckets=32, norm_eps=1e-6, tie_head=False)
    embed_tokens(input_ids [B,T]) -> input_embeds [B,T,D]
    forward(input_embeds [B,T,D], decoder_input_ids=None [B,S]) -> logits [B,S,V]
        the visual tokens + prompt enter the encoder; without decoder ids one start token is decoded.

Shapes follow google-research/t5x t5x/examples/t5/t5_1_1/{base,xl,xxl}.gin: no biases anywhere,
RMS layer norms without bias, gated-GELU feed-forward (``mlp_activations = ('gelu', 'linear')``),
one embedding shared by encoder and decoder, an untied output layer (``logits_via_embedding =
False``), and one relative-position bias table per stack (``relative_buckets`` x heads).
"""
from __future__ import annotations

import torch
from torch import nn

from .layers import MLP, Attention


def relative_bucket(relative: torch.Tensor, *, bidirectional: bool, buckets: int, max_distance: int = 128):
    """T5's log-spaced relative-position buckets."""
    bucket = torch.zeros_like(relative)
    if bidirectional:
        buckets //= 2
        bucket = bucket + (relative > 0).long() * buckets
        relative = relative.abs()
    else:
        relative = -torch.clamp(relative, max=0)
    exact = buckets // 2
    large = exact + (torch.log(relative.float().clamp(min=1) / exact) / torch.log(torch.tensor(max_distance / exact))
                     * (buckets - exact)).long()
    large = torch.clamp(large, max=buckets - 1)
    return bucket + torch.where(relative < exact, relative, large)


class T5Block(nn.Module):
    def __init__(self, *, d_model, d_ff, heads, head_dim, norm_eps, cross_attention):
        super().__init__()
        inner = heads * head_dim
        self.self_norm = nn.RMSNorm(d_model, eps=norm_eps)
        self.self_attn = Attention(dim=d_model, heads=heads, head_dim=inner // heads, qkv_bias="none", out_bias=False)
        self.cross_norm = nn.RMSNorm(d_model, eps=norm_eps) if cross_attention else None
        self.cross_attn = (Attention(dim=d_model, heads=heads, head_dim=inner // heads, qkv_bias="none",
                                     out_bias=False) if cross_attention else None)
        self.ff_norm = nn.RMSNorm(d_model, eps=norm_eps)
        self.ff = MLP(dim=d_model, hidden=d_ff, act="gelu_tanh", bias=False, gated=True)

    def forward(self, x, position_bias, context=None, self_mask=None):
        x = x + self.self_attn(self.self_norm(x), mask=position_bias if self_mask is None else position_bias + self_mask)
        if self.cross_attn is not None:
            x = x + self.cross_attn(self.cross_norm(x), context)
        return x + self.ff(self.ff_norm(x))


class T5Stack(nn.Module):
    def __init__(self, *, layers, d_model, d_ff, heads, head_dim, relative_buckets, norm_eps, decoder):
        super().__init__()
        self.decoder, self.heads, self.buckets = decoder, heads, relative_buckets
        self.relative_bias = nn.Embedding(relative_buckets, heads)
        self.blocks = nn.ModuleList(T5Block(d_model=d_model, d_ff=d_ff, heads=heads, head_dim=head_dim,
                                            norm_eps=norm_eps, cross_attention=decoder) for _ in range(layers))
        self.final_norm = nn.RMSNorm(d_model, eps=norm_eps)

    def forward(self, x, context=None):
        T = x.shape[1]
        positions = torch.arange(T, device=x.device)
        buckets = relative_bucket(positions[None, :] - positions[:, None], bidirectional=not self.decoder,
                                  buckets=self.buckets)
        bias = self.relative_bias(buckets).permute(2, 0, 1).unsqueeze(0).to(x.dtype)   # [1,H,T,T]
        causal = None
        if self.decoder:
            causal = torch.full((T, T), float("-inf"), device=x.device, dtype=x.dtype).triu(1)
        for block in self.blocks:
            x = block(x, bias, context, causal)
        return self.final_norm(x)


class T5EncoderDecoder(nn.Module):
    def __init__(self, *, vocab_size: int = 32128, d_model: int, d_ff: int, heads: int, head_dim: int = 64,
                 encoder_layers: int, decoder_layers: int, relative_buckets: int = 32, norm_eps: float = 1e-6,
                 tie_head: bool = False):
        super().__init__()
        self.shared = nn.Embedding(vocab_size, d_model)
        common = dict(d_model=d_model, d_ff=d_ff, heads=heads, head_dim=head_dim, relative_buckets=relative_buckets,
                      norm_eps=norm_eps)
        self.encoder = T5Stack(layers=encoder_layers, decoder=False, **common)
        self.decoder = T5Stack(layers=decoder_layers, decoder=True, **common)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        if tie_head:
            self.lm_head.weight = self.shared.weight

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.shared(input_ids)

    def forward(self, input_embeds: torch.Tensor, decoder_input_ids: torch.Tensor | None = None) -> torch.Tensor:
        encoded = self.encoder(input_embeds)                                     # [B,T,D]
        if decoder_input_ids is None:
            decoder_input_ids = torch.zeros(input_embeds.shape[0], 1, dtype=torch.long, device=input_embeds.device)
        decoded = self.decoder(self.shared(decoder_input_ids).to(input_embeds.dtype), encoded)  # [B,S,D]
        return self.lm_head(decoded)                                             # [B,S,V]

