"""RDT-1B (arXiv 2410.07864) as thu-ml/RoboticsDiffusionTransformer's base config builds it.

Frozen encoders: SigLIP So400m/14 at 384 px (729 patch tokens per image; the checkpoint keeps its pooling head)
and the T5 1.1 XXL encoder (T5EncoderModel). The trained part is what rdt_runner.py prints as "Diffusion
params": three MLP adaptors (text 4096 -> 2048, image 1152 -> 2048, state + mask 256 -> 2048) and a 28-layer,
2048-wide diffusion transformer over [time, control frequency, state, 64 actions] whose layers cross-attend
to the 1,024 text tokens and the 4,374 image tokens (2 frames x 3 cameras x 729) by turns.
"""
from __future__ import annotations

from ..assemble import model_config
from ..policies import PolicyConfig
from ..spec import Stated

C = "deb71d82278780d83253a28d9b904085559be400"
SRC_BASE = f"thu-ml/RoboticsDiffusionTransformer configs/base.yaml@{C}"
SRC_TRAIN = f"thu-ml/RoboticsDiffusionTransformer train/train.py@{C}"
SRC_RUNNER = f"thu-ml/RoboticsDiffusionTransformer models/rdt_runner.py@{C}"
SRC_SIGLIP = f"thu-ml/RoboticsDiffusionTransformer models/multimodal_encoder/siglip_encoder.py@{C}"
SRC_README = f"thu-ml/RoboticsDiffusionTransformer README.md@{C}"
SRC_SO400M = ("google-research/big_vision big_vision/models/vit.py@0127fb6b337ee2a27bf4e54dea79cff176527356 "
              "L297-300 (decode_variant 'So400m')")
SRC_OPENCLIP = ("mlfoundations/open_clip src/open_clip/model_configs/ViT-SO400M-14-SigLIP-384.json"
                "@89fb801f1e6087880e951fc8354b8a2077b79c6d")
SRC_T5X = "google-research/t5x t5x/examples/t5/t5_1_1/{file}.gin@cc342d419ec3e3e9c4bf1df33c82330cafdc1e16"
SRC_OPENREVIEW = "https://openreview.net/forum?id=yAzN4tz7oI (ICLR 2025), Abstract"


@model_config
class RDT_1B(PolicyConfig):
    name: str = "rdt-1b"
    paper: str = "2410.07864"
    catalog_id: str = "rdt-1b"
    vit_image_size: int = 384             # google/siglip-so400m-patch14-384 (README L59); image_size (SRC_OPENCLIP L6)
    vit_patch_size: int = 14              # patch14 (SRC_OPENCLIP L7, timm vit_so400m_patch14_siglip_384)
    vit_width: int = 1152                 # So400m width (SRC_SO400M); img_token_dim 1152 (SRC_BASE L45)
    vit_depth: int = 27                   # So400m depth (SRC_SO400M)
    vit_heads: int = 16                   # So400m num_heads (SRC_SO400M)
    vit_mlp_width: int = 4304             # So400m mlp_dim (SRC_SO400M)
    vit_class_token: bool = False         # SigLIP: no class token; 729 = 27 x 27 patch tokens (SRC_SIGLIP L84-85)
    vit_post_norm: bool = True            # SigLIP post_layernorm
    vit_post_norm_on_features: bool = True  # last_hidden_state, after post_layernorm, is the 'patch' feature (SRC_SIGLIP L33-35)
    vit_pool: str = "attention-head"      # the MAP head is loaded: 'cls_patch' reads its pooler_output (SRC_SIGLIP L36-37); timm_pool "map" (SRC_OPENCLIP L9)
    vit_norm_eps: float = 1e-6            # SigLIP LayerNorm epsilon
    vit_act: str = "gelu_tanh"            # SigLIP GELU (tanh approximation)
    vit_patch_bias: bool = True           # SigLIP patch convolution has a bias
    mp_kind: str = "mlp"                  # img_adaptor mlp2x_gelu (SRC_BASE L42; SRC_RUNNER L46-50, L85-103)
    mp_depth: int = 2                     # mlp2x_gelu: Linear, GELU, Linear (SRC_BASE L42)
    lm_kind: str = "t5"                   # T5EncoderModel of google/t5-v1_1-xxl (t5_encoder.py L2, L6; README L58)
    lm_vocab_size: int = 32128            # vocab_size (SRC_T5X base L45)
    lm_hidden_size: int = 4096            # emb_dim (SRC_T5X xxl L8); lang_token_dim 4096 (SRC_BASE L44)
    lm_heads: int = 64                    # num_heads (SRC_T5X xxl L9)
    lm_head_dim: int = 64                 # head_dim (SRC_T5X xxl L12)
    lm_encoder_layers: int = 24           # num_encoder_layers (SRC_T5X xxl L10)
    lm_decoder_layers: int = 0            # the encoder alone is loaded (T5EncoderModel)
    lm_intermediate_size: int = 10240     # mlp_dim (SRC_T5X xxl L13)
    lm_mlp: str = "geglu"                 # mlp_activations ('gelu', 'linear') (SRC_T5X base L53)
    act_kind: str = "rdt"                 # RDTRunner: RDT + adaptors (SRC_RUNNER L27-56)
    act_width: int = 2048                 # rdt.hidden_size (SRC_BASE L52)
    act_layers: int = 28                  # rdt.depth (SRC_BASE L53)
    act_heads: int = 32                   # rdt.num_heads (SRC_BASE L54)
    act_dim: int = 128                    # action_dim = state_dim 128 (SRC_BASE L10; SRC_TRAIN L158)
    act_horizon: int = 64                 # pred_horizon = action_chunk_size 64 (SRC_BASE L5; SRC_TRAIN L159)
    act_state_dim: int = 128              # state_token_dim 128, doubled by its mask (SRC_BASE L48; SRC_RUNNER L54)
    act_text_tokens: int = 1024           # max_lang_cond_len = tokenizer_max_length 1024 (SRC_BASE L37; SRC_TRAIN L164)
    act_image_tokens: int = 4374          # img_cond_len = img_history_size 2 x num_cameras 3 x 729 patches (SRC_BASE L3, L7; SRC_TRAIN L154-156)
    act_text_adaptor_depth: int = 2       # lang_adaptor mlp2x_gelu (SRC_BASE L41)
    act_state_adaptor_depth: int = 3      # state_adaptor mlp3x_gelu (SRC_BASE L43)
    trainable: tuple = ("projector", "action_expert")  # the encoders are frozen; the runner counts model + adaptors (SRC_RUNNER L79-83)
    token_inputs: tuple = ((384, 384),)
    stated: tuple = (
        Stated("trainable_parameters", "1.2B", f"{SRC_OPENREVIEW} ('scaled it up to 1.2B parameters')",
               note="the diffusion transformer with its three adaptors, the 'Diffusion params' rdt_runner.py prints; "
                    "the frozen SigLIP (428M) and T5-XXL encoder (4.76B) are not counted"),
        Stated("trainable_parameters", "1B", f"{SRC_README} L7 ('a **1B**-parameter ... Diffusion Transformer')",
               note="the model's name, RDT-1B"),
        Stated("visual_tokens", "729", f"{SRC_SIGLIP} L35 (comment '(B, 729, ...)' on last_hidden_state)",
               setting="384x384 image", note="per camera image; the same comment gives the width as 1536, the "
                                             "So400m width is 1152"),
    )
