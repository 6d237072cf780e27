"""pi0 (arXiv 2410.24164) as openpi builds it: PaliGemma (SigLIP So400m/14 at 224 px, Gemma 2B) plus a
Gemma-style 300M action expert that denoises 50-step action chunks by flow matching.

openpi's SigLIP module ends in a dense head to the Gemma width (num_classes=paligemma width); it is modelled as
the projector. The action expert's count here is its transformer (``count_groups``), as the code comment
states it; its five small projections (3.2M) are counted in the total.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

C = "15a9616a00943ada6c20a0f158e3adb39df2ccac"
SRC_GEMMA = f"Physical-Intelligence/openpi src/openpi/models/gemma.py@{C}"
SRC_PI0 = f"Physical-Intelligence/openpi src/openpi/models/pi0.py@{C}"
SRC_CONFIG = f"Physical-Intelligence/openpi src/openpi/models/pi0_config.py@{C}"
SRC_SIGLIP = f"Physical-Intelligence/openpi src/openpi/models/siglip.py@{C}"
SRC_MODEL = f"Physical-Intelligence/openpi src/openpi/models/model.py@{C}"


@model_config
class Pi0(VLMConfig):
    name: str = "pi0"
    paper: str = "2410.24164"
    catalog_id: str = "pi0"
    vit_image_size: int = 224             # IMAGE_RESOLUTION = (224, 224) (SRC_MODEL L47)
    vit_patch_size: int = 14              # variant="So400m/14" (SRC_PI0 L84)
    vit_width: int = 1152                 # So400m width (SRC_SIGLIP L318)
    vit_depth: int = 27                   # So400m depth (SRC_SIGLIP L333)
    vit_heads: int = 16                   # So400m num_heads (SRC_SIGLIP L363)
    vit_mlp_width: int = 4304             # So400m mlp_dim (SRC_SIGLIP L348)
    vit_class_token: bool = False         # pool_type="none": no class token, no MAP head (SRC_PI0 L85)
    vit_post_norm: bool = True            # encoder_norm (SRC_SIGLIP L161)
    vit_post_norm_on_features: bool = True  # the normed encoder output goes to the head (SRC_SIGLIP L161)
    vit_norm_eps: float = 1e-6            # flax nn.LayerNorm default epsilon
    vit_act: str = "gelu_tanh"            # flax nn.gelu default (tanh approximation)
    vit_patch_bias: bool = True           # flax nn.Conv default bias
    mp_kind: str = "linear"               # SigLIP head nn.Dense(num_classes=paligemma width), with bias (SRC_PI0 L83)
    lm_vocab_size: int = 257152           # PALIGEMMA_VOCAB_SIZE (SRC_GEMMA L41)
    lm_hidden_size: int = 2048            # gemma_2b width (SRC_GEMMA L81)
    lm_layers: int = 18                   # gemma_2b depth (SRC_GEMMA L82)
    lm_intermediate_size: int = 16384     # gemma_2b mlp_dim (SRC_GEMMA L83)
    lm_heads: int = 8                     # gemma_2b num_heads (SRC_GEMMA L84)
    lm_kv_heads: int = 1                  # gemma_2b num_kv_heads (SRC_GEMMA L85)
    lm_head_dim: int = 256                # gemma_2b head_dim (SRC_GEMMA L86)
    lm_mlp: str = "geglu"                 # gating_einsum + linear with a GELU gate (SRC_GEMMA FeedForward)
    lm_tie_embeddings: bool = True        # Embedder.decode multiplies by the input table (SRC_GEMMA L154)
    act_kind: str = "flow-matching"       # action expert + action/state/time projections (SRC_PI0 L92-100)
    act_width: int = 1024                 # gemma_300m width (SRC_GEMMA L72)
    act_layers: int = 18                  # gemma_300m depth (SRC_GEMMA L73)
    act_intermediate_size: int = 4096     # gemma_300m mlp_dim (SRC_GEMMA L74)
    act_heads: int = 8                    # gemma_300m num_heads (SRC_GEMMA L75)
    act_kv_heads: int = 1                 # gemma_300m num_kv_heads (SRC_GEMMA L76)
    act_head_dim: int = 256               # gemma_300m head_dim (SRC_GEMMA L77)
    act_dim: int = 32                     # action_dim = 32 (SRC_CONFIG L25)
    act_state_input: bool = True          # pi0 (pi05=False) has state_proj (SRC_PI0 L96-99)
    trainable: tuple = ("vision_encoder", "projector", "language_model", "action_expert")
    token_inputs: tuple = ((224, 224),)
    count_groups: tuple = (
        ("action_expert_parameters", ("action_expert.layers.*", "action_expert.final_norm.*")),
    )
    stated: tuple = (
        Stated("action_expert_parameters", "311M", f"{SRC_GEMMA} L70 (gemma_300m: '# 311M params')",
               note="the expert transformer, without its action and state projections"),
    )
