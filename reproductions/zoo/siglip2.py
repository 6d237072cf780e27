"""SigLIP 2 image towers (arXiv 2502.14786), as component reproductions: the vision encoder alone.

Widths, depths, MLP widths and heads are big_vision's decode_variant table; resolution and patch size are the
checkpoint rows of the SigLIP 2 README; the image towers pool with a MAP head (pool_type='map' in the SigLIP 2
demo's model config). The sizes the README states are those of its four model scales.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "0127fb6b337ee2a27bf4e54dea79cff176527356"
SRC_VARIANT = f"google-research/big_vision big_vision/models/vit.py@{C} L297-300 (decode_variant)"
SRC_README = f"google-research/big_vision big_vision/configs/proj/image_text/README_siglip2.md@{C}"
SRC_DEMO = f"google-research/big_vision big_vision/configs/proj/image_text/SigLIP2_demo.ipynb@{C} L270 (pool_type='map')"
SCALES = f"{SRC_README} L9 ('ViT-B (86M), L (303M), So400m (400M), and g (1B)')"


@model_config
class SigLIP2_B16_224(VLMConfig):
    name: str = "siglip2-b16-224"
    paper: str = "2502.14786"
    catalog_id: str = "siglip-2"
    vit_image_size: int = 224             # checkpoint row B/16 224 (SRC_README L18)
    vit_patch_size: int = 16              # B/16 (SRC_README L18)
    vit_width: int = 768                  # "B" width (SRC_VARIANT)
    vit_depth: int = 12                   # "B" depth (SRC_VARIANT)
    vit_heads: int = 12                   # "B" num_heads (SRC_VARIANT)
    vit_mlp_width: int = 3072             # "B" mlp_dim (SRC_VARIANT)
    vit_class_token: bool = False         # pool_type 'map', no class token (SRC_DEMO)
    vit_pool: str = "attention-head"      # MAPHead (SRC_DEMO; vit.py L242-243)
    vit_post_norm: bool = True            # encoder_norm (vit.py L160)
    vit_norm_eps: float = 1e-6            # flax nn.LayerNorm default epsilon
    vit_act: str = "gelu_tanh"            # flax nn.gelu default (tanh approximation)
    vit_patch_bias: bool = True           # nn.Conv stem with flax's default bias (vit.py L212)
    mp_kind: str = "none"                 # component reproduction: the vision tower alone
    lm_kind: str = "none"                 # component reproduction: the vision tower alone
    trainable: tuple = ("vision_encoder",)
    stated: tuple = (
        Stated("total_parameters", "86M", SCALES, note="size of the ViT-B scale",
               cause="the tower with its MAP pooling head is 92.9M; without the head it is 85.8M, which rounds to "
                     "the stated 86M: the scale's size leaves the pooling head out"),
    )


@model_config
class SigLIP2_L16_256(SigLIP2_B16_224):
    name: str = "siglip2-l16-256"
    vit_image_size: int = 256             # checkpoint row L/16 256 (SRC_README L22)
    vit_width: int = 1024                 # "L" width (SRC_VARIANT)
    vit_depth: int = 24                   # "L" depth (SRC_VARIANT)
    vit_heads: int = 16                   # "L" num_heads (SRC_VARIANT)
    vit_mlp_width: int = 4096             # "L" mlp_dim (SRC_VARIANT)
    stated: tuple = (
        Stated("total_parameters", "303M", SCALES, note="size of the L scale",
               cause="the L/16 tower at 256 px is 316.0M with its MAP pooling head and 303.3M without it, which "
                     "rounds to the stated 303M: the scale's size leaves the pooling head out"),
    )


@model_config
class SigLIP2_So400m14_384(SigLIP2_B16_224):
    name: str = "siglip2-so400m14-384"
    vit_image_size: int = 384             # checkpoint row So400m/14 384 (SRC_README L26)
    vit_patch_size: int = 14              # So400m/14 (SRC_README L26)
    vit_width: int = 1152                 # "So400m" width (SRC_VARIANT)
    vit_depth: int = 27                   # "So400m" depth (SRC_VARIANT)
    vit_heads: int = 16                   # "So400m" num_heads (SRC_VARIANT)
    vit_mlp_width: int = 4304             # "So400m" mlp_dim (SRC_VARIANT)
    stated: tuple = (
        Stated("total_parameters", "400M", SCALES, note="the scale's name, So400m",
               cause="'400M' names the shape-optimised scale (So400m), not a count: the tower at 384 px is 428.2M "
                     "with its MAP head and 413.0M without it"),
    )


@model_config
class SigLIP2_GOpt16_384(SigLIP2_B16_224):
    name: str = "siglip2-g-opt16-384"
    vit_image_size: int = 384             # checkpoint row g-opt/16 384 (SRC_README L31)
    vit_patch_size: int = 16              # g-opt/16 (SRC_README L31)
    vit_width: int = 1536                 # "g-opt" width (SRC_VARIANT)
    vit_depth: int = 40                   # "g-opt" depth (SRC_VARIANT)
    vit_heads: int = 16                   # "g-opt" num_heads (SRC_VARIANT)
    vit_mlp_width: int = 6144             # "g-opt" mlp_dim (SRC_VARIANT)
    stated: tuple = (
        Stated("total_parameters", "1B", SCALES, note="size of the g scale"),
    )
