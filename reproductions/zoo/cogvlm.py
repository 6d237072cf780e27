"""CogVLM-17B (arXiv 2311.03079): EVA2-CLIP-E, a SwiGLU adapter, Vicuna-7B with a visual expert per layer."""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "f7283b2c8d26cd7f932d9a5f7f5f9307f568195d"
SRC_README = f"THUDM/CogVLM README.md@{C}"
SRC_MODEL = f"THUDM/CogVLM utils/models/cogvlm_model.py@{C}"
SRC_MIXIN = f"THUDM/CogVLM utils/models/mixin.py@{C}"
SRC_EVA = f"THUDM/CogVLM utils/models/eva_clip_model.py@{C}"
SRC_HF_CONFIG = ("THUDM/cogvlm-chat-hf configuration_cogvlm.py (vision_config and LM defaults), read in a port "
                 "found by the code index (read_file id 1167551147)")
VISION_GROUP = ("vision_encoder.*", "projector.*", "language_model.layers.*.attn.vision_*",
                "language_model.layers.*.vision_mlp.*")


@model_config
class CogVLM_17B(VLMConfig):
    name: str = "cogvlm-17b"
    paper: str = "2311.03079"
    catalog_id: str = "cogvlm"
    vit_image_size: int = 490         # vision_config.image_size (SRC_HF_CONFIG)
    vit_patch_size: int = 14          # vision_config.patch_size (SRC_HF_CONFIG)
    vit_width: int = 1792             # vision_config.hidden_size (SRC_HF_CONFIG)
    vit_depth: int = 63               # vision_config.num_hidden_layers (SRC_HF_CONFIG)
    vit_heads: int = 16               # vision_config.num_heads (SRC_HF_CONFIG)
    vit_mlp_width: int = 15360        # vision_config.intermediate_size (SRC_HF_CONFIG)
    vit_class_token: bool = True      # num_positions 1226 = 35 * 35 + 1 (SRC_HF_CONFIG); pre_len 1 (SRC_EVA L122)
    vit_pre_norm: bool = False       # no norm before the blocks: sandwich norms inside them (SRC_EVA L56-89)
    vit_post_norm: bool = False       # norms sit inside the blocks (SRC_EVA NewLayerForward L56-89); no final norm assumed
    vit_norm_eps: float = 1e-6        # vision_config.layer_norm_eps (SRC_HF_CONFIG)
    vit_patch_bias: bool = True      # assumed (nn.Conv2d default); the EVA2-CLIP-E patch layer was not read
    vit_qkv_bias: str = "qkv"        # assumed (SAT attention layers default to biases); not read
    mp_kind: str = "glu"              # GLU adapter + boi/eoi (SRC_MODEL L17-31, L79-82)
    mp_hidden: int = 11008            # inner_hidden_size = the LLM's (SRC_MODEL L24-26)
    lm_vocab_size: int = 32000        # vocab_size (SRC_HF_CONFIG)
    lm_hidden_size: int = 4096        # hidden_size (SRC_HF_CONFIG)
    lm_intermediate_size: int = 11008  # intermediate_size (SRC_HF_CONFIG)
    lm_layers: int = 32               # num_hidden_layers (SRC_HF_CONFIG)
    lm_heads: int = 32                # num_attention_heads (SRC_HF_CONFIG)
    lm_visual_expert: bool = True     # LlamaVisionExpertAttnMixin / FCMixin (SRC_MODEL L105-108)
    lm_visual_expert_qkv_bias: str = "none"  # vision_query_key_value bias=False (SRC_MIXIN L169-175)
    trainable: tuple = ("projector",)
    count_groups: tuple = (
        ("vision_parameters", VISION_GROUP),
        ("language_parameters", ("language_model.*", "!language_model.layers.*.attn.vision_*",
                                 "!language_model.layers.*.vision_mlp.*")),
    )
    token_inputs: tuple = ((490, 490),)
    stated: tuple = (
        Stated("total_parameters", "17B", f"{SRC_README} L15 (CogVLM-17B)",
               cause="ViT 4.28B + adapter 0.14B + Vicuna-7B 6.74B + visual expert 6.48B = 17.64B, which rounds to 18B; "
                     "the name adds the README's rounded 10B + 7B"),
        Stated("vision_parameters", "10B", f"{SRC_README} L15 ('10 billion visual parameters')",
               note="counted here as ViT + adapter + visual-expert weights",
               cause="the visual expert alone is 32 x (4 x 4096^2 + 3 x 4096 x 11008) = 6.48B; with the 4.28B "
                     "EVA2-CLIP-E and the 0.14B adapter the vision side is 10.9B: the README rounds down or counts differently"),
        Stated("language_parameters", "7B", f"{SRC_README} L15 ('7 billion language parameters')"),
    )
