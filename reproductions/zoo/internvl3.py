"""InternVL3 1B and 8B (arXiv 2504.10479): InternViT-300M-448px-V2_5, pixel shuffle + MLP, Qwen2.5.

Both sizes use the same 300M InternViT on 448 px tiles (InternVL 1.5's dynamic tiling, up to 12 tiles plus a
thumbnail); pixel shuffle by 0.5 folds 32 x 32 patches into 256 tokens of 4096 channels for a LayerNorm +
two-layer MLP. The 1B's vision and language shapes are read from a printed model and config of
OpenGVLab/InternVL3-1B that the code index holds; the 8B's language model is Qwen2.5-7B as litgpt lists it.
InternVL resizes the language model's tables to the tokenizer with its added tokens (151,674 rows in the 1B
print). The 38B and 78B use InternViT-6B-448px-V2_5, whose depth no file read in this task gives: left out.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "2410d1dbf208f0e799459aff9376e5747dbf41a2"
SRC_README = f"OpenGVLab/InternVL README.md@{C}"
SRC_VIT_MODEL = f"OpenGVLab/InternVL internvl_chat/internvl/model/internvl_chat/modeling_intern_vit.py@{C}"
SRC_CHAT = f"OpenGVLab/InternVL internvl_chat/internvl/model/internvl_chat/modeling_internvl_chat.py@{C}"
SRC_FINETUNE = f"OpenGVLab/InternVL internvl_chat/internvl/train/internvl_chat_finetune.py@{C}"
SRC_1B = ("OpenGVLab/InternVL3-1B model print, config and tokenizer in shivangjhalani/multicoco InternVL3-1B_data.md"
          "@7741240be24c5c65b3f16b1980dfdb34c1b6e3ab (read_file id 23970638180)")
SRC_7B_LM = ("Lightning-AI/litgpt litgpt/config.py@26857050fe3ff627cd714fe92f5838f51a3d5efa L2327-2342 "
             "(entry Qwen2.5-7B, citing its Hugging Face config.json)")
NAME_NOTE = "size in the model name"


@model_config
class InternVL3_1B(VLMConfig):
    name: str = "internvl3-1b"
    paper: str = "2504.10479"
    catalog_id: str = "internvl3"
    vit_image_size: int = 448             # vision_config image_size 448, force_image_size 448 (SRC_1B)
    vit_patch_size: int = 14              # patch_size 14 (SRC_1B)
    vit_width: int = 1024                 # hidden_size 1024 (SRC_1B)
    vit_depth: int = 24                   # num_hidden_layers 24 (SRC_1B); select_layer -1
    vit_heads: int = 16                   # num_attention_heads 16 (SRC_1B)
    vit_mlp_width: int = 4096             # intermediate_size 4096 (SRC_1B)
    vit_class_token: bool = True          # class_embedding (SRC_VIT_MODEL L141); dropped before mlp1 (SRC_CHAT L284)
    vit_post_norm: bool = False           # no final norm in InternVisionModel (SRC_VIT_MODEL)
    vit_norm_eps: float = 1e-6            # layer_norm_eps 1e-06, norm_type layer_norm (SRC_1B)
    vit_patch_bias: bool = True           # Conv2d(3, 1024, 14, 14) with bias (SRC_VIT_MODEL L145; SRC_1B print)
    vit_qkv_bias: str = "qkv"             # qkv_bias true: Linear(1024, 3072, bias=True) (SRC_1B)
    vit_layer_scale: bool = True          # ls1, ls2 (SRC_VIT_MODEL L278-279)
    mp_kind: str = "pixel-shuffle"        # downsample_ratio 0.5, ps_version v2 (SRC_1B); mlp1 (SRC_CHAT L89-93)
    mp_scale: float = 0.5                 # downsample_ratio 0.5 (SRC_1B); num_image_token = 1024 * 0.25 (SRC_CHAT L57)
    mp_head: str = "mlp"                  # LayerNorm(4096), Linear(4096, llm), GELU, Linear (SRC_1B print)
    lm_vocab_size: int = 151674           # llm_config vocab_size, Embedding(151674, 896) (SRC_1B)
    lm_hidden_size: int = 896             # hidden_size (SRC_1B)
    lm_intermediate_size: int = 4864      # intermediate_size (SRC_1B)
    lm_layers: int = 24                   # num_hidden_layers (SRC_1B)
    lm_heads: int = 14                    # num_attention_heads (SRC_1B)
    lm_kv_heads: int = 2                  # num_key_value_heads (SRC_1B)
    lm_qkv_bias: str = "qkv"              # q/k/v_proj bias=True, o_proj bias=False (SRC_1B print)
    lm_tie_embeddings: bool = False       # tie_word_embeddings false; lm_head Linear(896, 151674) printed (SRC_1B)
    tok_tiling: str = "internvl-dynamic"  # dynamic_image_size true (SRC_1B)
    tok_max_tiles: int = 12               # max_dynamic_patch 12 (SRC_1B)
    tok_thumbnail: bool = True            # use_thumbnail true (SRC_1B)
    trainable: tuple = ("vision_encoder", "projector", "language_model")
    token_inputs: tuple = ((448, 448), (896, 896))
    stated: tuple = (
        Stated("total_parameters", "1B", f"{SRC_README} L142 (model name InternVL3-1B)", note=NAME_NOTE),
    )


@model_config
class InternVL3_8B(InternVL3_1B):
    name: str = "internvl3-8b"
    lm_vocab_size: int = 151674           # resize_token_embeddings(len(tokenizer)) (SRC_FINETUNE L967); 151,674 tokens (SRC_1B)
    lm_hidden_size: int = 3584            # n_embd (SRC_7B_LM); Qwen2.5-7B per SRC_README L158
    lm_intermediate_size: int = 18944     # intermediate_size (SRC_7B_LM)
    lm_layers: int = 28                   # n_layer (SRC_7B_LM)
    lm_heads: int = 28                    # n_head (SRC_7B_LM)
    lm_kv_heads: int = 4                  # n_query_groups (SRC_7B_LM)
    lm_tie_embeddings: bool = False       # Qwen2.5-7B keeps a separate lm_head (SRC_7B_LM: no tied head)
    token_inputs: tuple = ((448, 448),)
    stated: tuple = (
        Stated("total_parameters", "8B", f"{SRC_README} L156 (model name InternVL3-8B)", note=NAME_NOTE),
    )
