"""Build a full model from a ``VLMConfig``, on any device (``meta`` for full-size parameter counts).

API:
    model_config: class decorator for one model's config (mixes component configs correctly).
    VLMConfig: dataclass of every architecture field, grouped by prefix ``vit_`` (vision encoder),
        ``mp_`` (modality projector), ``lm_`` (language model), ``act_`` (action expert), ``xattn_`` (Flamingo cross-attention),
        ``tok_`` (how tiles and separators shape the visual token sequence). The zoo subclasses it,
        one subclass per model, overriding defaults with their sources.
    build(cfg) -> VisionLanguageModel | FlamingoModel     (call inside ``torch.device("meta")`` for counts)
    narrow(cfg) -> VLMConfig: same geometry (image size, patch size, grids, queries, tiling), tiny widths,
        so a real forward pass on a CPU shows how many visual tokens the language model receives.
    component_parameters(model) -> {"vision_encoder": n, "projector": n, "language_model": n, ...}
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

import torch
from torch import nn

from .flamingo import FlamingoModel, GatedCrossAttentionLM
from .action_experts import FlowMatchingActionExpert
from .language_models import DecoderLM
from .layers import count_parameters
from .moe import MoEDecoderLM
from .projectors import (CAbstractor, CrossAttentionResampler, FusedMLPProjector, GLUProjector, LDPv2Projector,
                         LinearProjector, MLPProjector, PerceiverResampler, PixelShuffleMLP, PooledLinearProjector, QFormer)
from .spec import ModelConfig
from .t5 import T5EncoderDecoder
from .vision_towers import FusedTowers, VisionTransformer
from .unified import (KimiPatchMerger, PhiDecoderLM, UnifiedModel, build_generator, build_tokenizer,
                      use_layernorm_qk_norm)
from .window_vit import PatchMerger, WindowAttentionViT
from .vlm import RawPatches, VisionLanguageModel


VisionKind = Literal["vit", "raw-patches", "window-vit", "fused-vit", "vq"]
ProjectorKind = Literal["none", "linear", "mlp", "qformer", "perceiver", "cross-attention", "pixel-shuffle", "ldpv2",
                        "glu", "c-abstractor", "fused-mlp", "avgpool-linear", "patch-merger", "kimi-merger"]
ActionKind = Literal["none", "flow-matching"]
LanguageKind = Literal["decoder", "t5", "none", "phi", "moe"]
TokenizerKind = Literal["none", "vq", "lfq"]
GenerationKind = Literal["none", "vq-head", "diffusion"]
_TOKENIZER_FIELDS = ("vq_channels", "vq_multipliers", "vq_encoder_blocks", "vq_decoder_blocks", "vq_z_channels",
                     "vq_embed_dim", "vq_codebook_size")

STATED_BY_KIND: dict[tuple[str, str], tuple[str, ...]] = {
    ("vit_kind", "vit"): ("vit_image_size", "vit_patch_size", "vit_width", "vit_depth", "vit_heads", "vit_mlp_width"),
    ("vit_kind", "raw-patches"): ("vit_patch_size",),
    ("vit_kind", "window-vit"): ("vit_patch_size", "vit_temporal_patch", "vit_width", "vit_depth", "vit_heads",
                                 "vit_mlp_width", "vit_window", "vit_full_attention_layers"),
    ("vit_kind", "fused-vit"): ("vit_image_size", "vit_patch_size", "vit_width", "vit_depth", "vit_heads", "vit_mlp_width",
                                "vit2_width", "vit2_depth", "vit2_heads", "vit2_mlp_width"),
    ("mp_kind", "avgpool-linear"): ("mp_grid",),
    ("mp_kind", "patch-merger"): ("mp_merge",),
    ("act_kind", "flow-matching"): ("act_width", "act_layers", "act_heads", "act_kv_heads", "act_head_dim",
                                    "act_intermediate_size", "act_dim"),
    ("mp_kind", "mlp"): ("mp_depth",),
    ("mp_kind", "qformer"): ("mp_num_queries", "mp_width", "mp_layers", "mp_heads", "mp_mlp_width"),
    ("mp_kind", "perceiver"): ("mp_num_queries", "mp_layers", "mp_heads", "mp_head_dim"),
    ("mp_kind", "cross-attention"): ("mp_num_queries", "mp_heads"),
    ("mp_kind", "pixel-shuffle"): ("mp_scale",),
    ("mp_kind", "ldpv2"): ("mp_grid",),
    ("mp_kind", "glu"): ("mp_hidden",),
    ("mp_kind", "c-abstractor"): ("mp_num_queries", "mp_hidden"),
    ("lm_kind", "decoder"): ("lm_vocab_size", "lm_hidden_size", "lm_layers", "lm_heads", "lm_intermediate_size"),
    ("lm_positions", "learned"): ("lm_max_positions",),  # a learned table's rows count; rotary ones do not
    ("lm_kind", "t5"): ("lm_vocab_size", "lm_hidden_size", "lm_heads", "lm_intermediate_size", "lm_encoder_layers",
                        "lm_decoder_layers"),
    # unified models (issue 17): image tokenizers, generation heads, Phi-1.5 and the MoE decoder of Kimi-VL
    ("vit_kind", "vq"): ("vit_image_size",),
    ("vq_kind", "vq"): _TOKENIZER_FIELDS,
    ("vq_kind", "lfq"): _TOKENIZER_FIELDS,
    ("gen_kind", "vq-head"): ("gen_aligner_depth", "gen_head_width"),
    ("gen_kind", "diffusion"): ("gen_queries", "gen_dit_width", "gen_dit_layers", "gen_dit_heads", "gen_dit_kv_heads",
                                "gen_dit_mlp_width", "gen_dit_in_channels", "gen_dit_patch"),
    ("mp_kind", "kimi-merger"): ("mp_merge",),
    ("lm_kind", "phi"): ("lm_vocab_size", "lm_hidden_size", "lm_layers", "lm_heads", "lm_intermediate_size"),
    ("lm_kind", "moe"): ("lm_vocab_size", "lm_hidden_size", "lm_layers", "lm_heads", "lm_intermediate_size",
                         "lm_dense_layers", "lm_experts", "lm_experts_per_token", "lm_shared_experts", "lm_expert_width",
                         "lm_kv_lora_rank", "lm_qk_nope_head_dim", "lm_qk_rope_head_dim", "lm_v_head_dim"),
}
"""Fields a model must state for the component kinds it uses: they default to None, never to another model's value."""


def unstated_fields(cfg: "VLMConfig") -> list[str]:
    """The fields `cfg` must state and does not: its projector kind, and what each of its kinds needs."""
    missing = ["mp_kind"] if cfg.mp_kind is None else []
    if (cfg.vit_kind == "vq" or cfg.gen_kind == "vq-head") and cfg.vq_kind == "none":
        missing.append("vq_kind")  # an image tokenizer is used, so its kind must be stated
    for (kind_field, kind), names in STATED_BY_KIND.items():
        if getattr(cfg, kind_field) == kind:
            missing += [name for name in names if getattr(cfg, name) is None]
    return missing


def require_stated(cfg: "VLMConfig") -> None:
    """ValueError naming every field the model forgot; `build` and the zoo call it, so nothing runs on a guess."""
    missing = unstated_fields(cfg)
    if missing:
        raise ValueError(f"{cfg.name or type(cfg).__name__}: state {', '.join(missing)} (from the model's config "
                         "or paper); these have no default")


@dataclass
class VLMConfig(ModelConfig):
    """Every architecture field. Fields marked STATED have no default (None): each model states them.
    The others default to the common case, and the comment says which case that is."""
    # --- vision encoder ---
    vit_kind: VisionKind = "vit"          # a ViT, the common case; "raw-patches" for Fuyu, which has no encoder;
    #                                       "window-vit" (Qwen2.5-VL); "fused-vit" (OpenVLA: vit_* tower + vit2_* tower)
    vit_image_size: int | None = None  # STATED
    vit_patch_size: int | None = None  # STATED
    vit_width: int | None = None  # STATED
    vit_depth: int | None = None  # STATED
    vit_heads: int | None = None  # STATED
    vit_mlp_width: int | None = None  # STATED
    vit_class_token: bool = True             # CLIP-style ViTs keep a class embedding; SigLIP-style towers set False
    vit_pre_norm: bool = False               # most ViTs have no LayerNorm before the blocks (CLIP has ln_pre: True)
    vit_post_norm: bool = True               # a final LayerNorm after the blocks, as in CLIP and EVA
    vit_post_norm_on_features: bool = False  # the final norm usually serves the pooled output, not the patch features
    vit_norm: str = "layernorm"              # LayerNorm, the ViT default; InternViT sets rmsnorm
    vit_norm_eps: float = 1e-5               # LayerNorm epsilon of CLIP and most ViT configs
    vit_act: str = "gelu"                    # GELU, the ViT default; OpenAI CLIP sets quick_gelu
    vit_patch_bias: bool = False             # CLIP patch convolutions have no bias; EVA and SigLIP set True
    vit_qkv_bias: str = "qkv"                # biases on q, k and v, as in nn.MultiheadAttention
    vit_qk_norm: str | None = None           # no q/k normalisation unless a model has it (InternViT-6B)
    vit_layer_scale: bool = False            # no layer scale unless a model has it (InternViT)
    vit_position_grid: int | None = None     # None: the grid follows image_size // patch_size
    vit_pool: str | None = None              # no attention pooling head unless a model keeps one (SigLIP MAP head)
    vit_select_layer: int = -1               # features of the last layer; LLaVA-style models set -2
    vit_keep_class_token: bool = False       # the class token is dropped from the features passed on
    vit_output_dim: int | None = None      # a projection matrix kept in the checkpoint (CLIP ``proj``)
    vit_feature_norm: bool = False         # an extra LayerNorm on the features (BLIP-2 ``ln_vision``)
    vit_registers: int = 0                 # no register tokens unless a model has them (DINOv2-reg: 4)
    vit_position_prefix: bool = True       # the class token has its own position row (timm no_embed_class: False)
    vit_temporal_patch: int | None = None  # STATED: window-vit only (frames per Conv3d patch)
    vit_window: int | None = None  # STATED: window-vit only (window side, in patches)
    vit_full_attention_layers: tuple[int, ...] | None = None  # STATED: window-vit only (0-based block indices)
    # --- second tower of a fused-vit (same image size, patch size and selected layer as the first) ---
    vit2_width: int | None = None  # STATED: fused-vit only
    vit2_depth: int | None = None  # STATED: fused-vit only
    vit2_heads: int | None = None  # STATED: fused-vit only
    vit2_mlp_width: int | None = None  # STATED: fused-vit only
    vit2_class_token: bool = False         # SigLIP-style second tower: no class token
    vit2_pool: str | None = None           # no pooling head unless the checkpoint keeps one
    vit2_patch_bias: bool = True           # SigLIP and timm patch convolutions have a bias
    vit2_norm_eps: float = 1e-6            # timm / SigLIP LayerNorm epsilon
    vit2_act: str = "gelu_tanh"            # SigLIP GELU (tanh approximation)
    # --- modality projector ---
    mp_kind: ProjectorKind | None = None  # STATED: none | linear | mlp | qformer | perceiver | cross-attention | pixel-shuffle | ldpv2 | glu | c-abstractor
    mp_depth: int | None = None  # STATED
    mp_bias: bool = True                     # projector layers with bias, as torch.nn.Linear
    mp_num_queries: int | None = None  # STATED
    mp_width: int | None = None  # STATED
    mp_layers: int | None = None  # STATED
    mp_heads: int | None = None  # STATED
    mp_head_dim: int | None = None  # STATED
    mp_mlp_width: int | None = None  # STATED
    mp_ff_mult: int = 4                      # feed-forward width multiple of the Perceiver resampler (Flamingo: 4)
    mp_cross_attention_every: int = 2        # Q-Former cross-attends every second layer (BLIP-2)
    mp_text_ffn: bool = False                # the Q-Former text feed-forward is counted only where a checkpoint keeps it
    mp_vocab_size: int = 0                   # 0: no Q-Former word embeddings unless a checkpoint keeps them
    mp_max_positions: int = 0                # 0: no Q-Former position embeddings unless a checkpoint keeps them
    mp_scale: float | None = None  # STATED
    mp_head: str = "mlp"                     # pixel-shuffle projectors end in an MLP (InternVL)
    mp_grid: int | None = None  # STATED
    mp_hidden: int | None = None  # STATED
    mp_merge: int | None = None  # STATED: patch-merger only (patches per side merged into one token)
    mp_out_norm: bool = False                # no norm after the cross-attention resampler unless a model has one (Qwen-VL: ln_post)
    # --- language model ---
    lm_kind: LanguageKind = "decoder"      # a decoder-only LM, the common case; t5; none (a vision tower alone)
    lm_vocab_size: int | None = None  # STATED
    lm_hidden_size: int | None = None  # STATED
    lm_layers: int | None = None  # STATED
    lm_heads: int | None = None  # STATED
    lm_kv_heads: int | None = None           # None: as many key/value heads as query heads (no grouped-query attention)
    lm_head_dim: int | None = None           # None: hidden_size // heads
    lm_intermediate_size: int | None = None  # STATED
    lm_max_positions: int | None = None  # STATED
    lm_norm: str = "rmsnorm"                 # RMSNorm, as LLaMA and most decoders since
    lm_norm_eps: float = 1e-6                # LLaMA RMSNorm epsilon
    lm_norm_bias: bool | None = None         # None: the norm kind decides (LayerNorm with bias, RMSNorm without)
    lm_positions: str = "rope"               # rotary position embeddings, as LLaMA
    lm_position_offset: int = 0              # learned position tables start at 0 (OPT sets 2)
    lm_rotary_fraction: float = 1.0          # rotary embedding on the whole head (Phi-2 and Fuyu use part of it)
    lm_mlp: str = "swiglu"                   # SwiGLU feed-forward, as LLaMA
    lm_mlp_bias: bool = False                # no feed-forward bias, as LLaMA
    lm_qkv_bias: str = "none"                # no attention bias, as LLaMA (Qwen sets qkv)
    lm_out_bias: bool = False                # no output-projection bias, as LLaMA
    lm_qk_norm: str | None = None            # no q/k normalisation unless a model has it
    lm_tie_embeddings: bool = False          # separate input embeddings and output head, as LLaMA
    lm_visual_expert: bool = False           # no visual-expert weights (CogVLM sets True)
    lm_sandwich_norm: bool = False           # one norm before attention and one before the MLP (Gemma 3 adds two after)
    lm_visual_expert_qkv_bias: str = "none"  # visual-expert attention without bias
    lm_encoder_layers: int | None = None  # STATED: t5 only
    lm_decoder_layers: int | None = None  # STATED: t5 only
    # --- mixture-of-experts decoder with latent attention (lm_kind "moe": DeepSeek-V3 layout, Moonlight / Kimi-VL) ---
    lm_dense_layers: int | None = None  # STATED: moe only (first_k_dense_replace: leading layers with a dense MLP)
    lm_experts: int | None = None  # STATED: moe only (n_routed_experts)
    lm_experts_per_token: int | None = None  # STATED: moe only (num_experts_per_tok)
    lm_shared_experts: int | None = None  # STATED: moe only (n_shared_experts)
    lm_expert_width: int | None = None  # STATED: moe only (moe_intermediate_size)
    lm_kv_lora_rank: int | None = None  # STATED: moe only
    lm_q_lora_rank: int | None = None       # None: queries projected directly (no low-rank query path)
    lm_qk_nope_head_dim: int | None = None  # STATED: moe only
    lm_qk_rope_head_dim: int | None = None  # STATED: moe only
    lm_v_head_dim: int | None = None  # STATED: moe only
    lm_router_bias: bool = True             # noaux_tc routing keeps one e_score_correction_bias per expert
    # --- action expert (pi0) ---
    act_kind: ActionKind = "none"          # no action expert unless a model has one (pi0: flow-matching)
    act_width: int | None = None  # STATED: flow-matching only
    act_layers: int | None = None  # STATED: flow-matching only
    act_heads: int | None = None  # STATED: flow-matching only
    act_kv_heads: int | None = None  # STATED: flow-matching only
    act_head_dim: int | None = None  # STATED: flow-matching only
    act_intermediate_size: int | None = None  # STATED: flow-matching only
    act_dim: int | None = None  # STATED: flow-matching only (padded action and state width)
    act_state_input: bool = True           # pi0 projects a continuous state (pi0.5 does not)
    # --- image tokenizer (vq_): the vision encoder of early-fusion models (vit_kind "vq") or Janus's generation codes ---
    vq_kind: TokenizerKind = "none"        # no image tokenizer unless a model has one: "vq" (codebook) | "lfq" (lookup-free)
    vq_channels: int | None = None  # STATED: tokenizer base width (ch)
    vq_multipliers: tuple[int, ...] | None = None  # STATED: ch_mult, one per level; 2**(levels-1) is the downsampling
    vq_encoder_blocks: int | tuple[int, ...] | None = None  # STATED: residual blocks per encoder level
    vq_decoder_blocks: int | tuple[int, ...] | None = None  # STATED: residual blocks per decoder level
    vq_decoder_multipliers: tuple[int, ...] | None = None  # None: the decoder mirrors the encoder's ch_mult (MAGVIT-v2 differs)
    vq_encoder_attention: tuple[int, ...] = ()  # levels (0 = finest) with attention blocks; the middle always has one
    vq_decoder_attention: tuple[int, ...] = ()  # the same for the decoder
    vq_z_channels: int | None = None  # STATED: encoder output width
    vq_embed_dim: int | None = None  # STATED: code width (codebook_embed_dim / embed_dim)
    vq_codebook_size: int | None = None  # STATED
    vq_quant_conv: str = "1x1"             # 1x1 convolutions between z and the codes (VQGAN); "z-1x1" (MAGVIT-v2), "causal-3d" (Emu3)
    vq_spatial_norm: bool = False          # a plain GroupNorm decoder unless a model conditions it on the codes (MoVQ)
    vq_temporal_factor: int = 0            # images only; Emu3 folds 4 repeated frames with temporal convolutions
    # --- image generation beside the language model (gen_) ---
    gen_kind: GenerationKind = "none"      # none; "vq-head" (Janus: VQ codes, aligner, head); "diffusion" (BLIP3-o: queries + DiT)
    gen_aligner_depth: int | None = None  # STATED: vq-head only (linear layers of the generation aligner)
    gen_head_width: int | None = None  # STATED: vq-head only (image_token_embed)
    gen_queries: int | None = None  # STATED: diffusion only (learned queries whose hidden states condition the DiT)
    gen_dit_width: int | None = None  # STATED: diffusion only
    gen_dit_layers: int | None = None  # STATED: diffusion only
    gen_dit_heads: int | None = None  # STATED: diffusion only
    gen_dit_kv_heads: int | None = None  # STATED: diffusion only
    gen_dit_mlp_width: int | None = None  # STATED: diffusion only
    gen_dit_in_channels: int | None = None  # STATED: diffusion only (width of the features it denoises)
    gen_dit_patch: int | None = None  # STATED: diffusion only
    # --- Flamingo gated cross-attention (0 = none) ---
    xattn_every: int = 0
    xattn_heads: int = 8                     # Flamingo cross-attention heads (used only when xattn_every > 0)
    xattn_head_dim: int = 64                 # Flamingo cross-attention head width
    xattn_ff_mult: int = 4                   # Flamingo cross-attention feed-forward multiple
    # --- visual token layout ---
    tok_tiling: Literal["", "llava-anyres", "internvl-dynamic"] = ""  # no tiling: one image, one grid
    tok_grid_pinpoints: tuple[tuple[int, int], ...] = ()   # (width, height) pairs, LLaVA-NeXT
    tok_max_tiles: int = 12                # InternVL max_dynamic_patch default (used only with internvl-dynamic)
    tok_thumbnail: bool = True             # InternVL use_thumbnail default (used only with internvl-dynamic)
    tok_row_newlines: bool = False         # Fuyu: a newline token after every row of patches


def model_config(cls):
    """``@dataclass`` for a model config that mixes component configs (``class M(ClipL14_336, Llama2_7B)``).

    Plain dataclass inheritance would let the last mixin's copies of the ``VLMConfig`` defaults
    overwrite the fields an earlier mixin set. Here each field takes the value declared by the
    nearest class in the MRO that declares it (the model itself first), then ``dataclass`` runs.
    A variant of an existing model lists the component it swaps first:
    ``class LLaVANeXT_Vicuna13B(Llama2_13B, LLaVANeXT_Vicuna7B)``.
    """
    annotations = dict(cls.__dict__.get("__annotations__", {}))
    for base in cls.__mro__[1:]:
        if base in (VLMConfig, ModelConfig, object):
            continue
        for name, annotation in base.__dict__.get("__annotations__", {}).items():
            if name not in annotations and name in base.__dict__:
                annotations[name] = annotation
                setattr(cls, name, base.__dict__[name])
    cls.__annotations__ = annotations
    return dataclass(cls)


class FeatureNorm(nn.Module):
    """Vision tower followed by a LayerNorm on its features (BLIP-2's ``ln_vision``)."""

    def __init__(self, tower: nn.Module, width: int):
        super().__init__()
        self.tower, self.feature_norm = tower, nn.LayerNorm(width)

    def forward(self, pixels):
        return self.feature_norm(self.tower(pixels))


class RowNewlines(nn.Module):
    """Fuyu: after each row of patch embeddings the sequence holds a |NEWLINE| text token. Its embedding
    comes from the language model's vocabulary, so no parameter is added here (a zero placeholder)."""

    def __init__(self, projector: nn.Module, *, patch_size: int):
        super().__init__()
        self.projector, self.patch_size = projector, patch_size
        self.image_hw: tuple[int, int] | None = None

    def forward(self, patches):
        tokens = self.projector(patches)                                    # [B,N,D]
        B, N, D = tokens.shape
        h, w = self.image_hw
        rows, cols = h // self.patch_size, w // self.patch_size
        grid = tokens.view(B, rows, cols, D)
        newline = torch.zeros(B, rows, 1, D, dtype=tokens.dtype, device=tokens.device)
        return torch.cat([grid, newline], dim=2).reshape(B, rows * (cols + 1), D)


class FuyuEncoder(RawPatches):
    def __init__(self, *, patch_size: int, newlines: RowNewlines | None):
        super().__init__(patch_size=patch_size)
        self._newlines = [newlines]  # a list keeps it out of the module tree

    def forward(self, pixels):
        if self._newlines[0] is not None:
            self._newlines[0].image_hw = tuple(pixels.shape[-2:])
        return super().forward(pixels)


def _vision_encoder(cfg: VLMConfig) -> nn.Module:
    if cfg.vit_kind == "vq":  # early fusion: the image tokenizer is the vision encoder (unified.py)
        return build_tokenizer(cfg)
    if cfg.vit_kind == "window-vit":
        return WindowAttentionViT(patch_size=cfg.vit_patch_size, temporal_patch_size=cfg.vit_temporal_patch,
                                  width=cfg.vit_width, depth=cfg.vit_depth, heads=cfg.vit_heads,
                                  mlp_width=cfg.vit_mlp_width, window=cfg.vit_window, merge=cfg.mp_merge,
                                  full_attention_layers=cfg.vit_full_attention_layers, norm_eps=cfg.vit_norm_eps)
    tower = _tower(cfg)
    if cfg.vit_kind == "fused-vit":
        second = VisionTransformer(
            image_size=cfg.vit_image_size, patch_size=cfg.vit_patch_size, width=cfg.vit2_width, depth=cfg.vit2_depth,
            heads=cfg.vit2_heads, mlp_width=cfg.vit2_mlp_width, class_token=cfg.vit2_class_token, post_norm=True,
            norm_eps=cfg.vit2_norm_eps, act=cfg.vit2_act, patch_bias=cfg.vit2_patch_bias, pool=cfg.vit2_pool,
            select_layer=cfg.vit_select_layer)
        return FusedTowers(tower, second)
    return FeatureNorm(tower, cfg.vit_width) if cfg.vit_feature_norm else tower


def _tower(cfg: VLMConfig) -> VisionTransformer:
    return VisionTransformer(
        image_size=cfg.vit_image_size, patch_size=cfg.vit_patch_size, width=cfg.vit_width, depth=cfg.vit_depth,
        heads=cfg.vit_heads, mlp_width=cfg.vit_mlp_width, class_token=cfg.vit_class_token,
        pre_norm=cfg.vit_pre_norm, post_norm=cfg.vit_post_norm,
        post_norm_on_features=cfg.vit_post_norm_on_features, norm=cfg.vit_norm, norm_eps=cfg.vit_norm_eps,
        act=cfg.vit_act, patch_bias=cfg.vit_patch_bias, qkv_bias=cfg.vit_qkv_bias, qk_norm=cfg.vit_qk_norm,
        layer_scale=cfg.vit_layer_scale, position_grid=cfg.vit_position_grid, pool=cfg.vit_pool,
        select_layer=cfg.vit_select_layer, keep_class_token=cfg.vit_keep_class_token,
        output_dim=cfg.vit_output_dim, registers=cfg.vit_registers, position_prefix=cfg.vit_position_prefix)


def _projector(cfg: VLMConfig) -> nn.Module:
    vision_dim = cfg.vit_patch_size ** 2 * 3 if cfg.vit_kind == "raw-patches" else cfg.vit_width
    if cfg.vit_kind == "fused-vit":
        vision_dim += cfg.vit2_width
    out = cfg.lm_hidden_size
    kind = cfg.mp_kind
    if kind == "none":
        return nn.Identity()
    if kind == "linear":
        return LinearProjector(in_dim=vision_dim, out_dim=out, bias=cfg.mp_bias)
    if kind == "mlp":
        return MLPProjector(in_dim=vision_dim, out_dim=out, depth=cfg.mp_depth)
    if kind == "qformer":
        return QFormer(vision_dim=vision_dim, num_queries=cfg.mp_num_queries, width=cfg.mp_width, depth=cfg.mp_layers,
                       heads=cfg.mp_heads, mlp_width=cfg.mp_mlp_width, cross_attention_every=cfg.mp_cross_attention_every,
                       text_ffn=cfg.mp_text_ffn, vocab_size=cfg.mp_vocab_size or None,
                       max_positions=cfg.mp_max_positions or None, out_dim=out)
    if kind == "perceiver":
        return PerceiverResampler(dim=vision_dim, depth=cfg.mp_layers, heads=cfg.mp_heads, head_dim=cfg.mp_head_dim,
                                  num_latents=cfg.mp_num_queries, ff_mult=cfg.mp_ff_mult)
    if kind == "cross-attention":
        return CrossAttentionResampler(kv_dim=vision_dim, embed_dim=out, heads=cfg.mp_heads,
                                       num_queries=cfg.mp_num_queries, out_dim=out, out_norm=cfg.mp_out_norm,
                                       out_bias=cfg.mp_bias)
    if kind == "pixel-shuffle":
        return PixelShuffleMLP(in_dim=vision_dim, out_dim=out, scale=cfg.mp_scale, head=cfg.mp_head)
    if kind == "ldpv2":
        return LDPv2Projector(in_dim=vision_dim, out_dim=out, grid=cfg.mp_grid)
    if kind == "glu":
        return GLUProjector(in_dim=vision_dim, out_dim=out, hidden_dim=cfg.mp_hidden)
    if kind == "c-abstractor":
        return CAbstractor(in_dim=vision_dim, out_dim=out, num_queries=cfg.mp_num_queries, hidden_dim=cfg.mp_hidden)
    if kind == "fused-mlp":
        return FusedMLPProjector(in_dim=vision_dim, out_dim=out)
    if kind == "avgpool-linear":
        return PooledLinearProjector(in_dim=vision_dim, out_dim=out, grid=cfg.mp_grid)
    if kind == "patch-merger":
        return PatchMerger(width=vision_dim, out_dim=out, merge=cfg.mp_merge, norm_eps=cfg.vit_norm_eps)
    if kind == "kimi-merger":
        return KimiPatchMerger(in_dim=vision_dim, out_dim=out, merge=cfg.mp_merge)
    raise ValueError(f"{cfg.name}: unknown mp_kind {kind!r}")


def _language_model(cfg: VLMConfig) -> nn.Module:
    if cfg.lm_kind == "none":  # a component reproduction: the vision tower alone
        return nn.Identity()
    if cfg.lm_kind == "t5":
        return T5EncoderDecoder(vocab_size=cfg.lm_vocab_size, d_model=cfg.lm_hidden_size, d_ff=cfg.lm_intermediate_size,
                                heads=cfg.lm_heads, head_dim=cfg.lm_head_dim or 64,
                                encoder_layers=cfg.lm_encoder_layers, decoder_layers=cfg.lm_decoder_layers)
    if cfg.lm_kind == "phi":
        return PhiDecoderLM(vocab_size=cfg.lm_vocab_size, hidden_size=cfg.lm_hidden_size, layers=cfg.lm_layers,
                            heads=cfg.lm_heads, intermediate_size=cfg.lm_intermediate_size,
                            rotary_fraction=cfg.lm_rotary_fraction, norm_eps=cfg.lm_norm_eps)
    if cfg.lm_kind == "moe":
        return MoEDecoderLM(
            vocab_size=cfg.lm_vocab_size, hidden_size=cfg.lm_hidden_size, layers=cfg.lm_layers, heads=cfg.lm_heads,
            intermediate_size=cfg.lm_intermediate_size, dense_layers=cfg.lm_dense_layers, experts=cfg.lm_experts,
            experts_per_token=cfg.lm_experts_per_token, shared_experts=cfg.lm_shared_experts,
            expert_width=cfg.lm_expert_width, kv_lora_rank=cfg.lm_kv_lora_rank, q_lora_rank=cfg.lm_q_lora_rank,
            qk_nope_head_dim=cfg.lm_qk_nope_head_dim, qk_rope_head_dim=cfg.lm_qk_rope_head_dim,
            v_head_dim=cfg.lm_v_head_dim, norm_eps=cfg.lm_norm_eps, tie_embeddings=cfg.lm_tie_embeddings,
            router_bias=cfg.lm_router_bias)
    if cfg.lm_kind != "decoder":
        raise ValueError(f"{cfg.name}: unknown lm_kind {cfg.lm_kind!r}")
    if cfg.lm_qk_norm == "head-layernorm":  # Chameleon: per-head LayerNorm with bias (unified.py)
        return use_layernorm_qk_norm(_decoder(dataclasses.replace(cfg, lm_qk_norm="head")))
    return _decoder(cfg)


def _decoder(cfg: VLMConfig) -> DecoderLM:
    return DecoderLM(
        vocab_size=cfg.lm_vocab_size, hidden_size=cfg.lm_hidden_size, layers=cfg.lm_layers, heads=cfg.lm_heads,
        intermediate_size=cfg.lm_intermediate_size, max_positions=cfg.lm_max_positions or 0, kv_heads=cfg.lm_kv_heads,
        head_dim=cfg.lm_head_dim, norm=cfg.lm_norm, norm_eps=cfg.lm_norm_eps, positions=cfg.lm_positions,
        rotary_fraction=cfg.lm_rotary_fraction, position_offset=cfg.lm_position_offset, mlp=cfg.lm_mlp,
        mlp_bias=cfg.lm_mlp_bias, qkv_bias=cfg.lm_qkv_bias, out_bias=cfg.lm_out_bias, qk_norm=cfg.lm_qk_norm,
        tie_embeddings=cfg.lm_tie_embeddings, visual_expert=cfg.lm_visual_expert,
        visual_expert_qkv_bias=cfg.lm_visual_expert_qkv_bias, norm_bias=cfg.lm_norm_bias,
        sandwich_norm=cfg.lm_sandwich_norm)


def _action_expert(cfg: VLMConfig) -> nn.Module | None:
    if cfg.act_kind == "none":
        return None
    if cfg.act_kind != "flow-matching":
        raise ValueError(f"{cfg.name}: unknown act_kind {cfg.act_kind!r}")
    return FlowMatchingActionExpert(width=cfg.act_width, layers=cfg.act_layers, heads=cfg.act_heads,
                                    kv_heads=cfg.act_kv_heads, head_dim=cfg.act_head_dim,
                                    intermediate_size=cfg.act_intermediate_size, action_dim=cfg.act_dim,
                                    norm_eps=cfg.lm_norm_eps, state_input=cfg.act_state_input)


def build(cfg: VLMConfig) -> nn.Module:
    require_stated(cfg)
    if cfg.act_kind not in ("none", "flow-matching"):  # vision-to-action policies built around their head (issue 17)
        from .policies import build_policy  # policies.py imports this module, so it is imported here
        return build_policy(cfg)
    projector = _projector(cfg)
    if cfg.vit_kind == "raw-patches":
        newlines = RowNewlines(projector, patch_size=cfg.vit_patch_size) if cfg.tok_row_newlines else None
        vision_encoder = FuyuEncoder(patch_size=cfg.vit_patch_size, newlines=newlines)
        projector = newlines or projector
    else:
        vision_encoder = _vision_encoder(cfg)
    language_model = _language_model(cfg)
    image_generator = build_generator(cfg)
    if image_generator is not None or cfg.vit_kind == "vq":
        return UnifiedModel(vision_encoder, projector, language_model, image_generator,
                            row_newlines=cfg.tok_row_newlines)
    if cfg.xattn_every:
        visual_dim = cfg.vit_width
        language_model = GatedCrossAttentionLM(language_model, visual_dim=visual_dim, every=cfg.xattn_every,
                                               heads=cfg.xattn_heads, head_dim=cfg.xattn_head_dim,
                                               ff_mult=cfg.xattn_ff_mult)
        return FlamingoModel(vision_encoder, projector, language_model)
    return VisionLanguageModel(vision_encoder, projector, language_model, _action_expert(cfg))


def narrow(cfg: VLMConfig) -> VLMConfig:
    """Tiny widths, unchanged geometry: for counting visual tokens with a real forward pass on a CPU."""
    select = cfg.vit_select_layer
    depth = 2
    if select > 0:
        select = min(select, depth)
    else:
        select = max(select, -depth - 1)
    heads = 2
    return dataclasses.replace(
        cfg, vit_width=16, vit_heads=heads, vit_mlp_width=32, vit_depth=depth, vit_select_layer=select,
        vit_output_dim=8 if cfg.vit_output_dim else None,
        mp_width=16, mp_heads=heads, mp_head_dim=8, mp_mlp_width=32, mp_layers=min(cfg.mp_layers, 2) if cfg.mp_layers else cfg.mp_layers,
        mp_vocab_size=64 if cfg.mp_vocab_size else 0, mp_max_positions=64 if cfg.mp_max_positions else 0,
        mp_hidden=32 if cfg.mp_hidden else 0,
        lm_vocab_size=64, lm_hidden_size=16, lm_layers=2, lm_heads=heads,
        lm_kv_heads=1 if cfg.lm_kv_heads and cfg.lm_kv_heads < cfg.lm_heads else None, lm_head_dim=None,
        lm_intermediate_size=32, lm_max_positions=max(cfg.lm_max_positions or 0, 8192),
        lm_encoder_layers=1 if cfg.lm_encoder_layers else 0, lm_decoder_layers=1 if cfg.lm_decoder_layers else 0,
        xattn_every=min(cfg.xattn_every, 2), xattn_heads=heads, xattn_head_dim=8,
        vit_full_attention_layers=(depth - 1,) if cfg.vit_full_attention_layers else cfg.vit_full_attention_layers,
        vit2_width=16 if cfg.vit2_width else None, vit2_heads=heads if cfg.vit2_heads else None,
        vit2_mlp_width=32 if cfg.vit2_mlp_width else None, vit2_depth=depth if cfg.vit2_depth else None,
        act_width=16 if cfg.act_width else None, act_layers=1 if cfg.act_layers else None,
        act_heads=heads if cfg.act_heads else None, act_kv_heads=1 if cfg.act_kv_heads else None,
        act_head_dim=8 if cfg.act_head_dim else None, act_intermediate_size=32 if cfg.act_intermediate_size else None,
        **_narrow_unified(cfg))


def _narrow_unified(cfg: VLMConfig) -> dict:
    """Tokenizer, generation and MoE widths for ``narrow``: levels (hence downsampling) and the layer pattern stay;
    a temporal tokenizer folds 2 frames instead of 4 (one image token grid either way); codes fit the vocabulary of 64."""
    if cfg.vq_kind == "none" and cfg.gen_kind == "none" and cfg.lm_kind != "moe":
        return {}
    code_bits = 4
    return dict(
        vq_channels=8 if cfg.vq_channels else None, vq_encoder_blocks=1 if cfg.vq_encoder_blocks else None,
        vq_decoder_blocks=1 if cfg.vq_decoder_blocks else None, vq_z_channels=code_bits if cfg.vq_z_channels else None,
        vq_embed_dim=code_bits if cfg.vq_embed_dim else None,
        vq_temporal_factor=min(cfg.vq_temporal_factor, 2),  # frames fold to one either way; 2 keeps the temporal path
        vq_codebook_size=2 ** code_bits if cfg.vq_codebook_size else None,
        gen_head_width=16 if cfg.gen_head_width else None, gen_queries=4 if cfg.gen_queries else None,
        gen_dit_width=16 if cfg.gen_dit_width else None, gen_dit_layers=1 if cfg.gen_dit_layers else None,
        gen_dit_heads=2 if cfg.gen_dit_heads else None, gen_dit_kv_heads=2 if cfg.gen_dit_kv_heads else None,
        gen_dit_mlp_width=32 if cfg.gen_dit_mlp_width else None, gen_dit_in_channels=8 if cfg.gen_dit_in_channels else None,
        lm_dense_layers=min(cfg.lm_dense_layers, 1) if cfg.lm_dense_layers else cfg.lm_dense_layers,
        lm_experts=4 if cfg.lm_experts else None, lm_experts_per_token=2 if cfg.lm_experts_per_token else None,
        lm_shared_experts=min(cfg.lm_shared_experts, 1) if cfg.lm_shared_experts else cfg.lm_shared_experts,
        lm_expert_width=8 if cfg.lm_expert_width else None, lm_kv_lora_rank=8 if cfg.lm_kv_lora_rank else None,
        lm_q_lora_rank=8 if cfg.lm_q_lora_rank else None, lm_qk_nope_head_dim=4 if cfg.lm_qk_nope_head_dim else None,
        lm_qk_rope_head_dim=4 if cfg.lm_qk_rope_head_dim else None, lm_v_head_dim=4 if cfg.lm_v_head_dim else None)


def component_parameters(model: nn.Module) -> dict[str, int]:
    parts = {"vision_encoder": model.vision_encoder, "projector": model.projector}
    if isinstance(model.language_model, GatedCrossAttentionLM):
        parts["language_model"] = model.language_model.language_model
        parts["cross_attention"] = model.language_model.cross_attention
    else:
        parts["language_model"] = model.language_model
    if hasattr(model, "action_expert"):
        parts["action_expert"] = model.action_expert
    if hasattr(model, "image_generator"):
        parts["image_generator"] = model.image_generator
    return {name: count_parameters(module) for name, module in parts.items()}
