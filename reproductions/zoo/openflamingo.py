"""OpenFlamingo-9B (arXiv 2308.01390): CLIP ViT-L/14, a Perceiver resampler, MPT-7B with gated cross-attention."""
from __future__ import annotations

from ..assemble import model_config
from ..spec import Stated
from .components import ClipL14_224

C = "655f693fbfa04cd6e9a987d960654624d48917cf"
SRC_README = f"mlfoundations/open_flamingo README.md@{C}"
SRC_FLAMINGO = f"mlfoundations/open_flamingo open_flamingo/src/flamingo.py@{C}"
SRC_HELPERS = f"mlfoundations/open_flamingo open_flamingo/src/helpers.py@{C}"
SRC_FACTORY = f"mlfoundations/open_flamingo open_flamingo/src/factory.py@{C}"
SRC_MPT = ("mosaicml/mpt-7b config.json as mirrored at https://huggingface.co/OpenVINO/mpt-7b-int8-ov/blob/"
           "e34e53b8f7d13eeddf6b7b85a0060fb8ffc3b83a/config.json (_name_or_path mosaicml/mpt-7b)")
SRC_MPT_CODE = ("MPT modelling code as vendored (commented) in haotian-liu/LLaVA llava/model/language_model/mpt/"
                "modeling_mpt.py@cf2637d4340869627c74a6ab1dccd3c3479a2528 L53-71 (no wpe with ALiBi; no_bias removes "
                "every bias, LayerNorm's included; tied wte)")


@model_config
class OpenFlamingo_9B(ClipL14_224):
    name: str = "openflamingo-9b"
    paper: str = "2308.01390"
    catalog_id: str = "openflamingo"
    vit_output_dim: int = 768         # open_clip ViT-L-14 embed_dim 768: visual.proj is kept (SRC_FLAMINGO L47)
    vit_post_norm_on_features: bool = True  # open_clip returns tokens after ln_post (output_tokens, SRC_FACTORY L48)
    mp_kind: str = "perceiver"        # PerceiverResampler(dim=vis_dim) with its defaults (SRC_FLAMINGO L48)
    mp_layers: int = 6                # depth=6 (SRC_HELPERS L73)
    mp_heads: int = 8                 # heads=8 (SRC_HELPERS L75)
    mp_head_dim: int = 64             # dim_head=64 (SRC_HELPERS L74)
    mp_num_queries: int = 64          # num_latents=64 (SRC_HELPERS L76)
    mp_ff_mult: int = 4               # ff_mult=4 (SRC_HELPERS L79)
    lm_vocab_size: int = 50432        # vocab_size (SRC_MPT); OpenFlamingo later resizes it to the tokenizer (SRC_FACTORY L90)
    lm_hidden_size: int = 4096        # d_model (SRC_MPT)
    lm_layers: int = 32               # n_layers (SRC_MPT)
    lm_heads: int = 32                # n_heads (SRC_MPT)
    lm_intermediate_size: int = 16384  # expansion_ratio 4 x d_model (SRC_MPT)
    lm_max_positions: int = 2048      # max_seq_len (SRC_MPT)
    lm_norm: str = "layernorm"        # low_precision_layernorm (SRC_MPT)
    lm_norm_eps: float = 1e-5         # layer_norm_epsilon (SRC_MPT)
    lm_norm_bias: bool = False        # no_bias removes LayerNorm biases too (SRC_MPT_CODE)
    lm_positions: str = "none"        # ALiBi: no position parameters (SRC_MPT_CODE)
    lm_mlp: str = "gelu"              # up_proj, GELU, down_proj
    lm_tie_embeddings: bool = True    # MPT ties wte and the output layer (SRC_MPT_CODE)
    xattn_every: int = 4              # Xattn interval 4 for OpenFlamingo-9B (SRC_README L110)
    xattn_heads: int = 8              # heads=8, GatedCrossAttentionBlock default (SRC_HELPERS L243)
    xattn_head_dim: int = 64          # dim_head=64 (SRC_HELPERS L242)
    xattn_ff_mult: int = 4            # ff_mult=4 (SRC_HELPERS L244)
    # perceiver, gated cross-attention and the (tied) input embeddings train (SRC_FACTORY L105-112)
    trainable: tuple = ("projector", "language_model.cross_attention", "language_model.language_model.token_embedding")
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "9B", f"{SRC_README} L110 (OpenFlamingo-9B-vitl-mpt7b)", note="size in the model name",
               cause="CLIP-L 0.30B + resampler 0.06B + MPT-7B 6.65B + eight gated cross-attention blocks 1.12B = 8.1B; "
                     "'9B' is a nominal size (the vocabulary resize to the tokenizer, SRC_FACTORY L90, changes under 1M)"),
        Stated("visual_tokens", "64", f"{SRC_HELPERS} L76 (num_latents=64)", setting="224x224 image"),
    )
