"""Gemma 3 4B / 12B / 27B (arXiv 2503.19786): SigLIP So400m/14 at 896 px, 4x4 average pooling to 256 soft
tokens, RMSNorm + linear projection, Gemma 3 decoder (GQA, per-head q/k norm, sandwich norms, GeGLU, tied head).

Every number is read from google-deepmind/gemma at one commit (the catalog's components gemma-3-4b, -12b, -27b
and gemma-3-siglip-so400m-14-896 cite the same lines).
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "7691fd4e7f26c9ec5db38110dddb3addfab4d767"
SRC_LM = f"google-deepmind/gemma gemma/gm/nn/_gemma.py@{C}"
SRC_VIT = f"google-deepmind/gemma gemma/gm/nn/vision/_vision_utils.py@{C}"
SRC_VISION = f"google-deepmind/gemma gemma/gm/nn/vision/_vision.py@{C}"
SRC_MODULES = f"google-deepmind/gemma gemma/gm/nn/_modules.py@{C}"
SRC_SIZES = f"google-deepmind/gemma docs/checkpoints.md@{C}"
SIZE_NOTE = "size in the checkpoint name"


@model_config
class Gemma3_4B(VLMConfig):
    name: str = "gemma-3-4b"
    paper: str = "2503.19786"
    catalog_id: str = "gemma-3"
    vit_image_size: int = 896             # SigLiPFromPatches image_height (SRC_VISION L243)
    vit_patch_size: int = 14              # ViTModel patch_size (SRC_VIT L215)
    vit_width: int = 1152                 # ViTModel width (SRC_VIT L216)
    vit_depth: int = 27                   # ViTModel depth (SRC_VIT L217)
    vit_heads: int = 16                   # ViTModel num_heads (SRC_VIT L219)
    vit_mlp_width: int = 4304             # ViTModel mlp_dim (SRC_VIT L218)
    vit_class_token: bool = False         # no class token: patches plus a learned pos_embedding (SRC_VIT L271-278)
    vit_post_norm: bool = True            # Encoder ends in LayerNorm encoder_norm (SRC_VIT L193)
    vit_post_norm_on_features: bool = True  # the normed patch features are the soft tokens (SRC_VISION L280)
    vit_norm_eps: float = 1e-6            # flax nn.LayerNorm default epsilon
    vit_act: str = "gelu_tanh"            # flax nn.gelu, approximate=True by default (SRC_VIT L66)
    vit_patch_bias: bool = True           # nn.Conv 'embedding' with flax's default bias (SRC_VIT L259-266)
    vit_qkv_bias: str = "qkv"             # nn.MultiHeadDotProductAttention, default biases (SRC_VIT L121)
    mp_kind: str = "avgpool-linear"       # VisionExit avg_pool, then mm_soft_embedding_norm + mm_input_projection (SRC_VISION L202-230, SRC_MODULES L82-83)
    mp_grid: int = 16                     # num_mm_tokens_per_image 256 = 16 x 16 from 4096 = 64 x 64 (SRC_VISION L241-242)
    lm_vocab_size: int = 262144           # num_embed (SRC_LM L226)
    lm_hidden_size: int = 2560            # embed_dim (SRC_LM L227)
    lm_intermediate_size: int = 10240     # hidden_dim = 2560 * 8 // 2 (SRC_LM L228)
    lm_layers: int = 34                   # _NUM_LAYERS_GEMMA3_4B (SRC_LM L34)
    lm_heads: int = 8                     # num_heads (SRC_LM L229)
    lm_head_dim: int = 256                # head_dim (SRC_LM L230)
    lm_kv_heads: int = 4                  # num_kv_heads (SRC_LM L231)
    lm_qk_norm: str = "head"              # use_qk_norm: _query_norm / _key_norm RMSNorm over head_dim (SRC_LM L234, SRC_MODULES L161-162)
    lm_sandwich_norm: bool = True         # use_post_attn_norm, use_post_ffw_norm (SRC_LM L232-233, SRC_MODULES L431-445)
    lm_mlp: str = "geglu"                 # gating_einsum (2, hidden, features) + linear, gelu gate (SRC_MODULES L362-390)
    lm_tie_embeddings: bool = True        # the Embedder decodes with the input table (SRC_MODULES Embedder)
    trainable: tuple = ("projector", "language_model")  # the vision encoder is frozen (arXiv 2503.19786 Sec. 2.1)
    token_inputs: tuple = ((896, 896),)
    stated: tuple = (
        Stated("total_parameters", "4B", f"{SRC_SIZES} L47 (gemma3-4b)", note=SIZE_NOTE),
        Stated("visual_tokens", "256", f"{SRC_VISION} L242 (num_mm_tokens_per_image: int = 256)",
               setting="896x896 image"),
    )


@model_config
class Gemma3_12B(Gemma3_4B):
    name: str = "gemma-3-12b"
    lm_hidden_size: int = 3840            # embed_dim = 30 * 128 (SRC_LM L260)
    lm_intermediate_size: int = 15360     # hidden_dim = 8 * 30 * 128 // 2 (SRC_LM L261)
    lm_layers: int = 48                   # _NUM_LAYERS_GEMMA3_12B (SRC_LM L35)
    lm_heads: int = 16                    # num_heads (SRC_LM L262)
    lm_head_dim: int = 256                # head_dim (SRC_LM L263)
    lm_kv_heads: int = 8                  # num_kv_heads (SRC_LM L264)
    stated: tuple = (
        Stated("total_parameters", "12B", f"{SRC_SIZES} L49 (gemma3-12b)", note=SIZE_NOTE),
    )


@model_config
class Gemma3_27B(Gemma3_4B):
    name: str = "gemma-3-27b"
    lm_hidden_size: int = 5376            # embed_dim (SRC_LM L292)
    lm_intermediate_size: int = 21504     # hidden_dim = 5376 * 8 // 2 (SRC_LM L293)
    lm_layers: int = 62                   # _NUM_LAYERS_GEMMA3_27B (SRC_LM L36)
    lm_heads: int = 32                    # num_heads (SRC_LM L294)
    lm_head_dim: int = 128                # head_dim (SRC_LM L295)
    lm_kv_heads: int = 16                 # num_kv_heads (SRC_LM L296)
    stated: tuple = (
        Stated("total_parameters", "27B", f"{SRC_SIZES} L51 (gemma3-27b)", note=SIZE_NOTE),
    )
