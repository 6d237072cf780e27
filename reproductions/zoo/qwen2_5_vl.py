"""Qwen2.5-VL 3B / 7B / 72B (arXiv 2502.13923): window-attention ViT, 2x2 patch merger, Qwen2.5 decoder.

The official configs live on Hugging Face; the code index holds copies of the 3B and 7B config.json,
cited by id. No copy of the 72B config was found: its language model is Qwen2.5-72B as litgpt lists it
(mirroring that model's config.json), and its vision tower is the one ViT all three sizes share.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

SRC_3B = ("Qwen/Qwen2.5-VL-3B-Instruct config.json and model print, read in a copy found by the code index "
          "(find_string id 11644284334)")
SRC_7B = ("Qwen/Qwen2.5-VL-7B-Instruct config.json, read in a copy embedded in a loader found by the code index "
          "(read_file id 1959876389, QWEN2_5_VL_CONFIG_JSON)")
SRC_72B_LM = ("Lightning-AI/litgpt litgpt/config.py@26857050fe3ff627cd714fe92f5838f51a3d5efa L2388-2407 "
              "(entry Qwen2.5-72B, citing its Hugging Face config.json)")
README = "QwenLM/Qwen2.5-VL README.md@f0af2996e843cf46aa5f778c38d6694500c2ca81"
SIZE_CAUSE = ("the name gives the size class of the Qwen2.5 language model inside ({lm}); the window-attention ViT "
              "(0.63B) and its patch merger (0.04-0.07B) come on top")


@model_config
class Qwen25VL_7B(VLMConfig):
    name: str = "qwen2.5-vl-7b"
    paper: str = "2502.13923"
    catalog_id: str = "qwen2-5-vl"
    vit_kind: str = "window-vit"          # Qwen2_5_VisionTransformerPretrainedModel (SRC_3B model print)
    vit_patch_size: int = 14              # vision_config.patch_size 14 (SRC_7B)
    vit_temporal_patch: int = 2           # vision_config.temporal_patch_size 2 (SRC_7B)
    vit_width: int = 1280                 # vision_config.hidden_size 1280 (SRC_7B)
    vit_depth: int = 32                   # vision_config.depth 32 (SRC_7B)
    vit_heads: int = 16                   # vision_config.num_heads 16 (SRC_7B)
    vit_mlp_width: int = 3420             # vision_config.intermediate_size 3420 (SRC_7B)
    vit_window: int = 8                   # window_size 112 px / patch 14 (SRC_7B); does not change the count
    vit_full_attention_layers: tuple = (7, 15, 23, 31)  # fullatt_block_indexes (SRC_7B)
    vit_norm_eps: float = 1e-6            # Qwen2RMSNorm eps=1e-06 (SRC_3B model print)
    mp_kind: str = "patch-merger"         # Qwen2_5_VLPatchMerger: ln_q, Linear(5120, 5120), GELU, Linear (SRC_3B model print)
    mp_merge: int = 2                     # spatial_merge_size 2 (SRC_7B)
    lm_vocab_size: int = 152064           # text_config.vocab_size (SRC_7B)
    lm_hidden_size: int = 3584            # text_config.hidden_size (SRC_7B); = vision_config.out_hidden_size
    lm_intermediate_size: int = 18944     # text_config.intermediate_size (SRC_7B)
    lm_layers: int = 28                   # text_config.num_hidden_layers (SRC_7B)
    lm_heads: int = 28                    # text_config.num_attention_heads (SRC_7B)
    lm_kv_heads: int = 4                  # text_config.num_key_value_heads (SRC_7B)
    lm_qkv_bias: str = "qkv"              # q/k/v_proj bias=True, o_proj bias=False (SRC_3B model print)
    lm_tie_embeddings: bool = False       # tie_word_embeddings false (SRC_7B)
    trainable: tuple = ("vision_encoder", "projector", "language_model")
    token_inputs: tuple = ((448, 448), (896, 1120))
    stated: tuple = (
        Stated("total_parameters", "7B", f"{README} L60 (model name Qwen2.5-VL-7B)", note="size in the model name",
               cause=SIZE_CAUSE.format(lm="Qwen2.5-7B, 7.6B")),
        Stated("visual_tokens", "256", f"{README} L151-152 ('a token range of 256-1280', min_pixels = 256*28*28)",
               setting="448x448 image", note="one token per 28x28 pixels: 16x16 merged 2x2 patch groups"),
        Stated("visual_tokens", "1280", f"{README} L151, L153 (max_pixels = 1280*28*28)", setting="896x1120 image"),
    )


@model_config
class Qwen25VL_3B(Qwen25VL_7B):
    name: str = "qwen2.5-vl-3b"
    lm_vocab_size: int = 151936           # vocab_size (SRC_3B)
    lm_hidden_size: int = 2048            # hidden_size (SRC_3B); = vision_config.out_hidden_size 2048
    lm_intermediate_size: int = 11008     # intermediate_size (SRC_3B)
    lm_layers: int = 36                   # num_hidden_layers (SRC_3B)
    lm_heads: int = 16                    # num_attention_heads (SRC_3B)
    lm_kv_heads: int = 2                  # num_key_value_heads (SRC_3B)
    lm_tie_embeddings: bool = True        # tie_word_embeddings true (SRC_3B)
    stated: tuple = (
        Stated("total_parameters", "3B", f"{README} L60 (model name Qwen2.5-VL-3B)", note="size in the model name",
               cause=SIZE_CAUSE.format(lm="Qwen2.5-3B, 3.1B")),
    )


@model_config
class Qwen25VL_72B(Qwen25VL_7B):
    name: str = "qwen2.5-vl-72b"
    lm_vocab_size: int = 152064           # padded_vocab_size (SRC_72B_LM L2394)
    lm_hidden_size: int = 8192            # n_embd (SRC_72B_LM L2397); the merger's out_hidden_size must equal it
    lm_intermediate_size: int = 29568     # intermediate_size (SRC_72B_LM L2405)
    lm_layers: int = 80                   # n_layer (SRC_72B_LM L2395)
    lm_heads: int = 64                    # n_head (SRC_72B_LM L2396)
    lm_kv_heads: int = 8                  # n_query_groups (SRC_72B_LM L2398)
    lm_tie_embeddings: bool = False       # no tied head in the entry (litgpt's default is a separate lm_head)
    stated: tuple = (
        Stated("total_parameters", "72B", f"{README} L60 (model name Qwen2.5-VL-72B)", note="size in the model name",
               cause=SIZE_CAUSE.format(lm="Qwen2.5-72B, 72.7B")),
    )
