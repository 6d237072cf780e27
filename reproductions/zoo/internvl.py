"""InternViT-6B (InternVL, arXiv 2312.14238): the vision tower alone, as a component reproduction."""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "2410d1dbf208f0e799459aff9376e5747dbf41a2"
SRC_VIT_CONFIG = f"OpenGVLab/InternVL internvl_chat/internvl/model/internvl_chat/configuration_intern_vit.py@{C} L64-83"
SRC_VIT_MODEL = f"OpenGVLab/InternVL internvl_chat/internvl/model/internvl_chat/modeling_intern_vit.py@{C}"


@model_config
class InternViT_6B_224(VLMConfig):
    name: str = "internvit-6b-224px"
    paper: str = "2312.14238"
    catalog_id: str = "internvl"
    vit_image_size: int = 224         # image_size=224 (SRC_VIT_CONFIG)
    vit_patch_size: int = 14          # patch_size=14 (SRC_VIT_CONFIG)
    vit_width: int = 3200             # hidden_size=3200 (SRC_VIT_CONFIG)
    vit_depth: int = 48               # num_hidden_layers=48 (SRC_VIT_CONFIG)
    vit_heads: int = 25               # num_attention_heads=25 (SRC_VIT_CONFIG)
    vit_mlp_width: int = 12800        # intermediate_size=12800 (SRC_VIT_CONFIG)
    vit_class_token: bool = True      # class_embedding (SRC_VIT_MODEL L141)
    vit_pre_norm: bool = False       # no norm before the blocks (SRC_VIT_MODEL InternVisionEmbeddings)
    vit_post_norm: bool = False       # no final norm in InternVisionModel (SRC_VIT_MODEL)
    vit_norm: str = "rmsnorm"         # norm_type='rms_norm' (SRC_VIT_CONFIG)
    vit_norm_eps: float = 1e-6        # layer_norm_eps=1e-6 (SRC_VIT_CONFIG)
    vit_patch_bias: bool = True       # nn.Conv2d default bias (SRC_VIT_MODEL L145)
    vit_qkv_bias: str = "none"        # qkv_bias=False (SRC_VIT_CONFIG)
    vit_qk_norm: str = "full"         # qk_normalization: RMSNorm over all heads (SRC_VIT_MODEL L200-204)
    vit_layer_scale: bool = True      # ls1, ls2 (SRC_VIT_MODEL L278-279)
    mp_kind: str = "none"            # component reproduction: the vision tower alone
    lm_kind: str = "none"            # component reproduction: the vision tower alone
    trainable: tuple = ("vision_encoder",)
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "5.9B", f"OpenGVLab/InternVL README.md@{C} L552 (InternViT-6B (ours) | 5.9B)"),
    )
