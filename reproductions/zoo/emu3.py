"""Emu3 (arXiv 2409.18869): one decoder trained from scratch on text and the codes of a MoVQGAN-style tokenizer.

The vision tokenizer (Emu3-VisionTokenizer) compresses 8x in space (four levels) and folds 4 frames into one;
a still image is repeated over those frames. Images enter the decoder as rows of codes, each row closed by an
end-of-line token (``tok_row_newlines``), between begin/end-of-image tokens and a text prefix giving the grid
(not counted). Emu3-Gen and Emu3-Chat share this architecture. Everything is read from baaivision/Emu3 at one
commit: the configuration defaults there are documented as those of Emu3-8B and of the tokenizer in the paper.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "f6ea9aaa44bd4ae5d7a048300cf0a16a863b0cae"
SRC_LM = f"baaivision/Emu3 emu3/mllm/configuration_emu3.py@{C}"
SRC_LM_MODEL = f"baaivision/Emu3 emu3/mllm/modeling_emu3.py@{C}"
SRC_VQ = f"baaivision/Emu3 emu3/tokenizer/configuration_emu3visionvq.py@{C}"
SRC_VQ_MODEL = f"baaivision/Emu3 emu3/tokenizer/modeling_emu3visionvq.py@{C}"
SRC_PROCESSOR = f"baaivision/Emu3 emu3/mllm/processing_emu3.py@{C}"
SRC_JANUS_PRO = ("deepseek-ai/Janus janus_pro_tech_report.pdf@1daa72fa409002d40931bd7b36a9280362469ead Table 3 "
                 "(row Emu3-Chat, column # LLM Params)")


@model_config
class Emu3(VLMConfig):
    name: str = "emu3"
    paper: str = "2409.18869"
    catalog_id: str = "emu3"
    vit_kind: str = "vq"                  # images enter as vision-tokenizer codes (SRC_PROCESSOR L156-174)
    vit_image_size: int = 720             # image_area 720 * 720 (SRC_LM L149; SRC_PROCESSOR L91: 518400)
    mp_kind: str = "none"                 # no projector: codes are '<|visual token N|>' rows of the vocabulary (SRC_PROCESSOR L70, L241-252)
    tok_row_newlines: bool = True         # rows joined by eol, one more eol after the last row (SRC_PROCESSOR L251, L171)
    vq_kind: str = "vq"                   # Emu3VisionVQVectorQuantizer: nn.Embedding codebook (SRC_VQ_MODEL L447-451)
    vq_channels: int = 256                # ch (SRC_VQ L86)
    vq_multipliers: tuple = (1, 2, 2, 4)  # ch_mult (SRC_VQ L87): spatial_scale_factor 2 ** 3 = 8 (SRC_VQ_MODEL L762)
    vq_encoder_blocks: int = 2            # num_res_blocks (SRC_VQ L88)
    vq_decoder_blocks: int = 3            # num_res_blocks + 1 per decoder level (SRC_VQ_MODEL L652)
    vq_encoder_attention: tuple = (3,)    # attn_resolutions [3]: stage indices (SRC_VQ L89; SRC_VQ_MODEL L505)
    vq_decoder_attention: tuple = (3,)    # SRC_VQ_MODEL L662
    vq_z_channels: int = 4                # z_channels (SRC_VQ L81)
    vq_embed_dim: int = 4                 # embed_dim (SRC_VQ L80)
    vq_codebook_size: int = 32768         # codebook_size (SRC_VQ L79)
    vq_quant_conv: str = "causal-3d"      # quant_conv / post_quant_conv Emu3VisionVQCausalConv3d, kernel (3, 1, 1) (SRC_VQ_MODEL L759-760, L80)
    vq_spatial_norm: bool = True          # decoder blocks normalised by Emu3VisionVQSpatialNorm on the codes (SRC_VQ_MODEL L605, L632-675)
    vq_temporal_factor: int = 4           # temporal_downsample_factor (SRC_VQ L85): log2(4) temporal convolutions each way (SRC_VQ_MODEL L542-555, L608-620)
    lm_vocab_size: int = 184622           # vocab_size (SRC_LM L130)
    lm_hidden_size: int = 4096            # hidden_size (SRC_LM L131)
    lm_intermediate_size: int = 14336     # intermediate_size (SRC_LM L132)
    lm_layers: int = 32                   # num_hidden_layers (SRC_LM L133)
    lm_heads: int = 32                    # num_attention_heads (SRC_LM L134)
    lm_kv_heads: int = 8                  # num_key_value_heads (SRC_LM L135)
    lm_norm_eps: float = 1e-5             # rms_norm_eps (SRC_LM L139)
    lm_tie_embeddings: bool = False       # tie_word_embeddings (SRC_LM L151)
    token_inputs: tuple = ((720, 720),)
    stated: tuple = (
        Stated("language_parameters", "8B", SRC_JANUS_PRO, note="quoted by the Janus-Pro report; the configuration "
               "defaults are documented as Emu3-8B's (SRC_LM L37)"),
    )

