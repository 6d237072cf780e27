"""Fuyu-8B (Adept, 2023-10-17 blog; no paper): raw 30x30 patches, one linear layer, Persimmon-8B decoder."""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

SRC_CONFIG = ("huggingface/transformers src/transformers/models/fuyu/configuration_fuyu.py"
              "@053f59efe493c4f815f39f836494a1f2f73fbe0b (FuyuConfig defaults, checkpoint adept/fuyu-8b)")


@model_config
class Fuyu_8B(VLMConfig):
    name: str = "fuyu-8b"
    paper: str = ""
    catalog_id: str = "fuyu"
    vit_kind: str = "raw-patches"     # no image encoder: patches go straight to a linear layer
    vit_patch_size: int = 30          # patch_size=30 (SRC_CONFIG)
    vit_image_size: int = 300         # image_size=300 (SRC_CONFIG); any multiple of 30 is accepted
    mp_kind: str = "linear"           # vision_embed_tokens: Linear(30 * 30 * 3, hidden) with bias
    mp_bias: bool = True              # nn.Linear default bias (transformers FuyuModel.vision_embed_tokens)
    lm_vocab_size: int = 262144       # vocab_size (SRC_CONFIG)
    lm_hidden_size: int = 4096        # hidden_size (SRC_CONFIG)
    lm_intermediate_size: int = 16384  # intermediate_size (SRC_CONFIG)
    lm_layers: int = 36               # num_hidden_layers (SRC_CONFIG)
    lm_heads: int = 64                # num_attention_heads (SRC_CONFIG)
    lm_max_positions: int = 16384     # max_position_embeddings (SRC_CONFIG); RoPE, no parameters
    lm_norm: str = "layernorm"        # Persimmon LayerNorm, layer_norm_eps 1e-5 (SRC_CONFIG)
    lm_norm_eps: float = 1e-5         # layer_norm_eps (SRC_CONFIG)
    lm_rotary_fraction: float = 0.5   # partial_rotary_factor 0.5 (SRC_CONFIG)
    lm_mlp: str = "relu2"             # hidden_act "relu2" (SRC_CONFIG)
    lm_mlp_bias: bool = True          # Persimmon dense_h_to_4h / dense_4h_to_h carry biases
    lm_qkv_bias: str = "qkv"          # fused query_key_value with bias
    lm_out_bias: bool = True          # dense with bias
    lm_qk_norm: str = "head"          # qk_layernorm=True: LayerNorm over each head (SRC_CONFIG)
    lm_tie_embeddings: bool = False   # tie_word_embeddings=False (SRC_CONFIG)
    tok_row_newlines: bool = True     # one |NEWLINE| token after every row of patches
    trainable: tuple = ("vision_encoder", "projector", "language_model")
    token_inputs: tuple = ((300, 300), (1080, 1920))
    stated: tuple = (
        Stated("total_parameters", "8B", "https://huggingface.co/adept/fuyu-8b (model name; checkpoint of SRC_CONFIG)",
               note="size in the model name",
               cause="the 262,144-entry vocabulary is held twice (untied input and output embeddings: 2.1B), "
                     "so the decoder alone is 9.3B"),
    )
