"""Chameleon 7B (arXiv 2405.09818): early fusion of text and the codes of a taming-transformers VQGAN.

A 512 px image becomes 32 x 32 = 1024 codes of an 8192-entry codebook (16x downsampling), read and written
by a LLaMA-style decoder with per-head query/key LayerNorm. The official code (facebookresearch/chameleon)
builds its models from params.json and vqgan.yaml, which ship with the gated checkpoint download and are not
in the repository; their values are read from transformers' Chameleon configuration, whose defaults are
documented as chameleon-7b's. The 34B model (the repository's '30B') is not reproduced: no file read gives
its configuration.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "dbbe47fdbc7a3cc4982ae931fea75e227262e70a"
SRC_TF = ("huggingface/transformers src/transformers/models/chameleon/configuration_chameleon.py"
          "@053f59efe493c4f815f39f836494a1f2f73fbe0b (defaults: 'chameleon-7b style configuration')")
SRC_VQGAN = f"facebookresearch/chameleon chameleon/inference/vqgan.py@{C}"
SRC_TRANSFORMER = f"facebookresearch/chameleon chameleon/inference/transformer.py@{C}"
SRC_TOKENIZER = f"facebookresearch/chameleon chameleon/inference/image_tokenizer.py@{C}"
SRC_GENERATION = f"facebookresearch/chameleon chameleon/inference/chameleon.py@{C}"
SRC_README = f"facebookresearch/chameleon README.md@{C}"
SRC_JANUS_PRO = ("deepseek-ai/Janus janus_pro_tech_report.pdf@1daa72fa409002d40931bd7b36a9280362469ead Table 3 "
                 "(row Chameleon, column # LLM Params)")


@model_config
class Chameleon_7B(VLMConfig):
    name: str = "chameleon-7b"
    paper: str = "2405.09818"
    catalog_id: str = "chameleon-mixed-modal"
    vit_kind: str = "vq"                  # images are VQGAN codes in the one vocabulary (SRC_GENERATION L101-103, L133)
    vit_image_size: int = 512             # _vqgan_input_from target_image_size=512 (SRC_TOKENIZER L66); resolution 512 (SRC_TF L52)
    mp_kind: str = "none"                 # no projector: codes map to vocabulary entries (VocabTranslation, SRC_GENERATION L100)
    vq_kind: str = "vq"                   # VectorQuantizer2: nn.Embedding(n_e, e_dim) (SRC_VQGAN L45)
    vq_channels: int = 128                # base_channels (SRC_TF L54)
    vq_multipliers: tuple = (1, 1, 2, 2, 4)  # channel_multiplier (SRC_TF L55): 16x downsampling
    vq_encoder_blocks: int = 2            # num_res_blocks (SRC_TF L56)
    vq_decoder_blocks: int = 3            # num_res_blocks + 1 per decoder level (SRC_VQGAN L511)
    vq_encoder_attention: tuple = ()      # attn_resolutions None (SRC_TF L57); the middle block keeps one (SRC_VQGAN L401)
    vq_decoder_attention: tuple = ()      # attn_resolutions None (SRC_TF L57); middle attention (SRC_VQGAN L497)
    vq_z_channels: int = 256              # latent_channels (SRC_TF L51)
    vq_embed_dim: int = 256               # embed_dim (SRC_TF L48)
    vq_codebook_size: int = 8192          # num_embeddings (SRC_TF L49)
    vq_quant_conv: str = "1x1"            # quant_conv / post_quant_conv Conv2d(..., 1) (SRC_VQGAN L600-601)
    lm_vocab_size: int = 65536            # vocab_size (SRC_TF L109)
    lm_hidden_size: int = 4096            # hidden_size (SRC_TF L110)
    lm_intermediate_size: int = 11008     # intermediate_size (SRC_TF L111)
    lm_layers: int = 32                   # num_hidden_layers (SRC_TF L112)
    lm_heads: int = 32                    # num_attention_heads (SRC_TF L113); num_key_value_heads 32: no GQA (L114)
    lm_norm_eps: float = 1e-5             # rms_norm_eps (SRC_TF L118)
    lm_qk_norm: str = "head-layernorm"    # q/k_normalization LayerNorm(head_dim) (SRC_TRANSFORMER L71-74)
    lm_tie_embeddings: bool = False       # tie_word_embeddings (SRC_TF L123)
    token_inputs: tuple = ((512, 512),)
    stated: tuple = (
        Stated("total_parameters", "7B", f"{SRC_README} L39 ('runs the 7B parameter model')"),
        Stated("language_parameters", "7B", SRC_JANUS_PRO, note="quoted by the Janus-Pro report"),
        Stated("visual_tokens", "1024", f"{SRC_GENERATION} L107-116 (an image is padded to 1024 tokens), L357 "
               "(generation stops after 1024)", setting="512x512 image", note="32 x 32 codes"),
    )
