"""Show-o (arXiv 2408.12528): Phi-1.5 reading and writing MAGVIT-v2 codes in one transformer.

Images enter as 2**13 = 8192 lookup-free codes of the MAGVIT-v2 tokenizer (16x downsampling: 256 codes at
256 px, 1024 at 512 px) embedded by the language model's own table, which Show-o resizes to 58,498 rows
(Phi-1.5's text vocabulary, 8192 codes and special tokens). Everything is read from showlab/Show-o at one
commit except Phi-1.5's config.json, read in a copy the code index holds. The variant with a CLIP-ViT for
understanding (``w_clip_vit``) is not reproduced.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "45a5a2de01d1ebd10cd5864d29310a76476cdf23"
SRC_MAGVIT = f"showlab/Show-o models/modeling_magvitv2.py@{C}"
SRC_SHOWO = f"showlab/Show-o models/modeling_showo.py@{C}"
SRC_CFG_256 = f"showlab/Show-o configs/showo_demo.yaml@{C}"
SRC_CFG_512 = f"showlab/Show-o configs/showo_demo_512x512.yaml@{C}"
SRC_README = f"showlab/Show-o README.md@{C}"
SRC_PHI = ("microsoft/phi-1_5 PhiConfig and state-dict shapes printed in a file found by the code index "
           "(find_string id 1270800079: hidden 2048, intermediate 8192, 24 layers, 32 heads, partial_rotary_factor "
           "0.5, layer_norm_eps 1e-05, vocab 51200, tie_word_embeddings false, lm_head.bias)")
SRC_JANUS_PRO = ("deepseek-ai/Janus janus_pro_tech_report.pdf@1daa72fa409002d40931bd7b36a9280362469ead Table 3 "
                 "(rows Show-o-256 and Show-o-512, column # LLM Params)")
SIZE_CAUSE = ("1.3B is Phi-1.5's published size class; Phi-1.5 itself has 1.42B parameters with its 51,200-row "
              "tables, Show-o widens both tables to 58,498 rows (+0.03B){extra}")


@model_config
class ShowO_256(VLMConfig):
    name: str = "show-o-256"
    paper: str = "2408.12528"
    catalog_id: str = "show-o"
    vit_kind: str = "vq"                  # images enter as MAGVIT-v2 codes (SRC_SHOWO L46: one vocabulary for text and codes)
    vit_image_size: int = 256             # dataset resolution 256 (SRC_CFG_256 L35, L41)
    mp_kind: str = "none"                 # no projector: codes are rows of the language model's table (w_clip_vit False, SRC_CFG_256 L18)
    vq_kind: str = "lfq"                  # LFQuantizer: codes are sign patterns, no codebook weights (SRC_MAGVIT L172-199)
    vq_channels: int = 128                # VQGANEncoder ch=128 (SRC_MAGVIT L63), VQGANDecoder ch=128 (L278)
    vq_multipliers: tuple = (1, 2, 2, 4, 4)  # encoder ch_mult (SRC_MAGVIT L64): 5 levels, 16x downsampling
    vq_decoder_multipliers: tuple = (1, 1, 2, 2, 4)  # decoder ch_mult (SRC_MAGVIT L279)
    vq_encoder_blocks: tuple = (4, 3, 4, 3, 4)  # encoder num_res_blocks per level (SRC_MAGVIT L65)
    vq_decoder_blocks: tuple = (4, 4, 3, 4, 3)  # decoder num_res_blocks per level (SRC_MAGVIT L280)
    vq_encoder_attention: tuple = ()      # attn_resolutions [5] matches no level's resolution (SRC_MAGVIT L66, L103)
    vq_decoder_attention: tuple = ()      # attn_resolutions [5] (SRC_MAGVIT L281, L346)
    vq_z_channels: int = 13               # z_channels=13 (SRC_MAGVIT L71, L286)
    vq_embed_dim: int = 13                # LFQuantizer codebook_dim=13 (SRC_MAGVIT L174)
    vq_codebook_size: int = 8192          # 2 ** 13 (SRC_MAGVIT L179); codebook_size 8192 (SRC_CFG_256 L22)
    vq_quant_conv: str = "z-1x1"          # encoder quant_conv Conv2d(z, z, 1) (SRC_MAGVIT L139); decoder post_quant_conv (L360-362)
    lm_kind: str = "phi"                  # PhiForCausalLM (SRC_SHOWO L21, L43)
    lm_vocab_size: int = 58498            # resize_token_embeddings(vocab_size) (SRC_SHOWO L46); vocab_size 58498 (SRC_CFG_256 L19)
    lm_hidden_size: int = 2048            # SRC_PHI hidden_size
    lm_intermediate_size: int = 8192      # SRC_PHI intermediate_size
    lm_layers: int = 24                   # SRC_PHI num_hidden_layers
    lm_heads: int = 32                    # SRC_PHI num_attention_heads
    lm_rotary_fraction: float = 0.5       # SRC_PHI partial_rotary_factor (no parameters either way)
    lm_norm_eps: float = 1e-5             # SRC_PHI layer_norm_eps
    token_inputs: tuple = ((256, 256),)
    stated: tuple = (
        Stated("total_parameters", "1.3B", f"{SRC_README} L113 ('Show-o (**1.3B**)')",
               cause=SIZE_CAUSE.format(extra=", and the MAGVIT-v2 tokenizer (0.10B) comes on top")),
        Stated("language_parameters", "1.3B", SRC_JANUS_PRO, note="quoted by the Janus-Pro report",
               cause=SIZE_CAUSE.format(extra="")),
        Stated("visual_tokens", "256", f"{SRC_CFG_256} L23 (num_vq_tokens: 256)", setting="256x256 image",
               note="16 x 16 codes"),
    )


@model_config
class ShowO_512(ShowO_256):
    name: str = "show-o-512"
    vit_image_size: int = 512             # dataset resolution 512 (SRC_CFG_512 L35, L41)
    token_inputs: tuple = ((512, 512),)
    stated: tuple = (
        Stated("visual_tokens", "1024", f"{SRC_CFG_512} L23 (num_vq_tokens: 1024)", setting="512x512 image",
               note="32 x 32 codes"),
    )
