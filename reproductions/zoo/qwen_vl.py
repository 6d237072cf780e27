"""Qwen-VL (arXiv 2308.12966): OpenCLIP ViT-bigG at 448 px, one cross-attention resampler, Qwen-7B.

The official modelling code lives in the Hugging Face repository Qwen/Qwen-VL (visual.py,
modeling_qwen.py), which the code index holds only as copies; those copies are cited by id.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

SRC_VISUAL = "Qwen/Qwen-VL visual.py (VisionTransformer, Resampler), read in a copy found by the code index (read_file id 689442791)"
SRC_CONFIG = "Qwen/Qwen-VL config.json (visual block, LM sizes), read in a copy found by the code index (find_string id 11130836921)"
SRC_QWEN_ATTN = "Qwen/Qwen-VL modeling_qwen.py QWenAttention (c_attn with bias, c_proj bias=not no_bias), copy id 716409569"
SRC_QWEN_MLP = "Qwen/Qwen-VL modeling_qwen.py QWenMLP (w1, w2: intermediate_size // 2, no bias), copy id 19899357497"
SRC_OPENCLIP_BIGG = "mlfoundations/open_clip src/open_clip/model_configs/ViT-bigG-14.json@89fb801f1e6087880e951fc8354b8a2077b79c6d"
SRC_AIWIKI = "https://aiwiki.ai/wiki/qwen_vl (summarising arXiv 2308.12966 Table 1)"


@model_config
class QwenVL(VLMConfig):
    name: str = "qwen-vl"
    paper: str = "2308.12966"
    catalog_id: str = "qwen-vl"
    vit_image_size: int = 448         # visual.image_size 448 (SRC_CONFIG)
    vit_patch_size: int = 14          # visual.patch_size 14 (SRC_CONFIG)
    vit_width: int = 1664             # visual.width 1664 (SRC_CONFIG; = ViT-bigG-14 width, SRC_OPENCLIP_BIGG)
    vit_depth: int = 48               # visual.layers 48 (SRC_CONFIG)
    vit_heads: int = 16               # visual.heads 16 (SRC_CONFIG)
    vit_mlp_width: int = 8192         # int(1664 * mlp_ratio 4.9231) = 8192 (SRC_CONFIG)
    vit_class_token: bool = False     # no class embedding (SRC_VISUAL VisionTransformer.__init__)
    vit_pre_norm: bool = True         # ln_pre (SRC_VISUAL)
    vit_post_norm: bool = False       # ln_post normalises the resampler output instead (SRC_VISUAL)
    vit_norm_eps: float = 1e-6        # partial(nn.LayerNorm, eps=1e-6) (SRC_VISUAL)
    vit_act: str = "gelu"             # act_layer = nn.GELU (SRC_VISUAL)
    vit_patch_bias: bool = False      # conv1 bias=False (SRC_VISUAL)
    vit_qkv_bias: str = "qkv"         # VisualAttention in_proj nn.Linear with bias (SRC_VISUAL)
    vit_position_grid: int = 16       # positional_embedding 256 x width, interpolated by get_abs_pos (SRC_VISUAL)
    mp_kind: str = "cross-attention"  # Resampler(grid_size=16, embed_dim=output_dim, num_heads=output_dim // 128) (SRC_VISUAL)
    mp_num_queries: int = 256         # n_queries: int = 256 (SRC_VISUAL)
    mp_heads: int = 32                # output_dim 4096 // 128 (SRC_VISUAL, SRC_CONFIG output_dim)
    mp_out_norm: bool = True          # ln_post (SRC_VISUAL)
    mp_bias: bool = False             # proj is a bare output_dim x output_dim matrix (Qwen-VL visual.py, other copies)
    lm_vocab_size: int = 151936       # vocab_size (SRC_CONFIG)
    lm_hidden_size: int = 4096        # hidden_size (SRC_CONFIG)
    lm_intermediate_size: int = 11008  # intermediate_size 22016 // 2 (SRC_CONFIG, SRC_QWEN_MLP)
    lm_layers: int = 32               # num_hidden_layers (SRC_CONFIG)
    lm_heads: int = 32                # num_attention_heads (SRC_CONFIG)
    lm_qkv_bias: str = "qkv"          # c_attn = nn.Linear(hidden, 3 * projection) with bias (SRC_QWEN_ATTN)
    lm_out_bias: bool = False         # c_proj bias=not no_bias, no_bias True (SRC_QWEN_ATTN, SRC_CONFIG)
    lm_tie_embeddings: bool = False   # tie_word_embeddings False (SRC_CONFIG)
    trainable: tuple = ("vision_encoder", "projector")  # stage 1 trains ViT + adapter (arXiv 2308.12966 Sec. 3.1)
    token_inputs: tuple = ((448, 448),)
    stated: tuple = (
        Stated("vision_parameters", "1.9B", SRC_AIWIKI, note="'roughly 1.9B' for the ViT",
               cause="the ViT alone is 1.84B; Qwen-VL's `visual` module also holds the resampler's attention "
                     "(attn_pool, 0.076B), and ViT + attn_pool = 1.92B rounds to 1.9B"),
        Stated("language_parameters", "7.7B", SRC_AIWIKI, note="'about 7.7B' for the LLM"),
        Stated("visual_tokens", "256", f"{SRC_VISUAL} (n_queries: int = 256)", setting="448x448 image"),
    )
