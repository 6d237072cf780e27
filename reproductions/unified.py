"""Unified understanding-and-generation models and the parts only they need.

API:
    UnifiedModel(vision_encoder, projector, language_model, image_generator=None, *, row_newlines=False)
        a ``VisionLanguageModel`` whose vision encoder may be an ``ImageTokenizer`` (early fusion: Chameleon,
        Show-o, Emu3 read images as codes embedded by the language model's own table) and which may hold an
        ``image_generator`` (Janus's VQ head, BLIP3-o's diffusion transformer).
        encode_images(pixels [B,3,H,W]) -> visual tokens [B,M,D]; with ``row_newlines`` one end-of-line token
        follows every row of codes (Emu3's ``eol``), a zero placeholder like Fuyu's newline.
    PhiDecoderLM(*, vocab_size, hidden_size, layers, heads, intermediate_size, rotary_fraction, norm_eps)
        Phi-1.5 (microsoft/phi-1_5, Show-o's base): one LayerNorm per layer feeding attention and MLP in
        parallel, biases on q/k/v/dense and fc1/fc2, GELU (tanh) MLP, final LayerNorm, a biased untied head.
    KimiPatchMerger(*, in_dim, out_dim, merge)
        Kimi-VL's projector: LayerNorm on each patch, 2x2 patches concatenated, Linear -> GELU -> Linear.
    use_layernorm_qk_norm(language_model): Chameleon's per-head q/k LayerNorm (weight and bias) in place of the
        RMSNorm a ``DecoderLM`` builds for ``qk_norm="head"``.
    build_tokenizer(cfg) -> ImageTokenizer;  build_generator(cfg) -> nn.Module | None
"""
from __future__ import annotations

import torch
from torch import nn

from .generation_heads import DiffusionGenerationHead, LuminaNextDiT, VQGenerationHead
from .image_tokenizers import ImageTokenizer
from .language_models import LayerStackLM
from .layers import MLP, Attention, RotaryEmbedding
from .vlm import VisionLanguageModel


class UnifiedModel(VisionLanguageModel):
    def __init__(self, vision_encoder: nn.Module, projector: nn.Module, language_model: nn.Module,
                 image_generator: nn.Module | None = None, *, row_newlines: bool = False):
        super().__init__(vision_encoder, projector, language_model)
        if image_generator is not None:
            self.image_generator = image_generator
        self.row_newlines = row_newlines

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        if not isinstance(self.vision_encoder, ImageTokenizer):
            return super().encode_images(pixels)
        codes = self.vision_encoder.encode(pixels)                                   # [B,h,w]
        tokens = self.language_model.embed_tokens(codes)                             # [B,h,w,D]; real ids are offset
        if self.row_newlines:
            eol = torch.zeros_like(tokens[:, :, :1])                                 # eol: a vocabulary row
            tokens = torch.cat([tokens, eol], dim=2)                                # [B,h,w+1,D]
        return tokens.flatten(1, 2)                                                  # [B,M,D]


class PhiLayer(nn.Module):
    def __init__(self, *, dim, heads, intermediate_size, rotary, norm_eps):
        super().__init__()
        self.input_norm = nn.LayerNorm(dim, eps=norm_eps)
        self.attn = Attention(dim=dim, heads=heads, qkv_bias="qkv", out_bias=True, rotary=rotary, causal=True)
        self.mlp = MLP(dim=dim, hidden=intermediate_size, act="gelu_tanh", bias=True)   # gelu_new

    def forward(self, x):
        h = self.input_norm(x)
        return x + self.attn(h) + self.mlp(h)                                        # parallel residual


class PhiDecoderLM(LayerStackLM):
    def __init__(self, *, vocab_size: int, hidden_size: int, layers: int, heads: int, intermediate_size: int,
                 rotary_fraction: float, norm_eps: float = 1e-5):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, hidden_size)
        rotary = RotaryEmbedding(head_dim=hidden_size // heads, fraction=rotary_fraction)
        self.layers = nn.ModuleList(PhiLayer(dim=hidden_size, heads=heads, intermediate_size=intermediate_size,
                                             rotary=rotary, norm_eps=norm_eps) for _ in range(layers))
        self.final_norm = nn.LayerNorm(hidden_size, eps=norm_eps)
        self.lm_head = nn.Linear(hidden_size, vocab_size, bias=True)


class KimiPatchMerger(nn.Module):
    def __init__(self, *, in_dim: int, out_dim: int, merge: int = 2):
        super().__init__()
        self.merge = merge
        folded = in_dim * merge * merge
        self.pre_norm = nn.LayerNorm(in_dim, eps=1e-5)
        self.linear_1 = nn.Linear(folded, folded)
        self.act = nn.GELU()
        self.linear_2 = nn.Linear(folded, out_dim)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        B, N, D = features.shape
        side, m = int(N ** 0.5), self.merge
        if side * side != N or side % m:
            raise ValueError(f"{N} patches are not a square grid divisible by {m}")
        x = self.pre_norm(features).view(B, side // m, m, side // m, m, D).permute(0, 1, 3, 2, 4, 5)
        x = x.reshape(B, (side // m) ** 2, m * m * D)                                # [B,N/4,4D]
        return self.linear_2(self.act(self.linear_1(x)))


def use_layernorm_qk_norm(language_model: nn.Module) -> nn.Module:
    """Chameleon's ``q_normalization`` / ``k_normalization``: torch LayerNorm over head_dim (weight and bias),
    shared by the heads (facebookresearch/chameleon chameleon/inference/transformer.py L71-74)."""
    for layer in language_model.layers:
        attn = layer.attn
        attn.q_norm = nn.LayerNorm(attn.head_dim)
        attn.k_norm = nn.LayerNorm(attn.head_dim)
    return language_model


def build_tokenizer(cfg) -> ImageTokenizer:
    return ImageTokenizer(
        channels=cfg.vq_channels, multipliers=tuple(cfg.vq_multipliers), encoder_blocks=cfg.vq_encoder_blocks,
        decoder_blocks=cfg.vq_decoder_blocks, encoder_attention=tuple(cfg.vq_encoder_attention),
        decoder_attention=tuple(cfg.vq_decoder_attention), z_channels=cfg.vq_z_channels, embed_dim=cfg.vq_embed_dim,
        codebook_size=cfg.vq_codebook_size, quantizer=cfg.vq_kind, quant_conv=cfg.vq_quant_conv,
        spatial_norm=cfg.vq_spatial_norm, temporal_factor=cfg.vq_temporal_factor,
        decoder_multipliers=cfg.vq_decoder_multipliers)


def build_generator(cfg) -> nn.Module | None:
    if cfg.gen_kind == "none":
        return None
    if cfg.gen_kind == "vq-head":
        return VQGenerationHead(tokenizer=build_tokenizer(cfg), hidden_size=cfg.lm_hidden_size,
                                aligner_depth=cfg.gen_aligner_depth, head_width=cfg.gen_head_width)
    if cfg.gen_kind == "diffusion":
        dit = LuminaNextDiT(width=cfg.gen_dit_width, layers=cfg.gen_dit_layers, heads=cfg.gen_dit_heads,
                            kv_heads=cfg.gen_dit_kv_heads, mlp_width=cfg.gen_dit_mlp_width,
                            in_channels=cfg.gen_dit_in_channels, patch_size=cfg.gen_dit_patch,
                            caption_dim=cfg.lm_hidden_size, time_width=min(cfg.gen_dit_width, 1024))
        return DiffusionGenerationHead(queries=cfg.gen_queries, hidden_size=cfg.lm_hidden_size, dit=dit)
    raise ValueError(f"{cfg.name}: unknown gen_kind {cfg.gen_kind!r}")
