"""Kimi-VL-A3B (arXiv 2504.07491): MoonViT, a 2x2 patch-merging MLP, and the Moonlight-16B-A3B MoE decoder.

The language model is Moonlight-16B-A3B (DeepSeek-V3 layout: latent attention, 64 routed experts of which 6
per token plus 2 shared, the first layer dense; moe.py). Its config.json and Kimi-VL's were read in copies the
code index holds; MoonViT's shapes in EasyDeL's mirror of the Kimi-VL config and its layers in vLLM's port of
the Kimi-VL modeling code. MoonViT runs at native resolution; the tokens here are counted at 448 x 448 (its
64 x 64 position table is interpolated to the patch grid, so the count does not depend on the size). Kimi-VL-A3B-Instruct
and -Thinking share the architecture.

Counts (README table and Moonlight report): 16B total and 3B activated include the embedding tables; Moonlight's
15.29B / 2.24B exclude them. The activated figures here are the language model's: the vision encoder and
projector (0.45B) run for every image token.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

SRC_README = "MoonshotAI/Kimi-VL README.md@2e1cd0ac0f55a9ca4b2e68b28ed013ce8449ea4c"
SRC_MOONLIGHT = "MoonshotAI/Moonlight Moonlight.pdf@c2ad5b20c605086526a179d36901bfc41b52b44b"
SRC_MOONLIGHT_README = "MoonshotAI/Moonlight README.md@c2ad5b20c605086526a179d36901bfc41b52b44b"
SRC_TEXT = ("Kimi-VL-A3B text_config as a test quotes 'the real kimi-vl-a3b-thinking checkpoint', found by the code index "
            "(find_string id 54699038243)")
SRC_MOONLIGHT_CONFIG = ("Moonlight-16B-A3B-Instruct config.json as published, quoted in a test found by the code index "
                        "(find_string id 70966029457)")
SRC_VISION = ("MoonViTConfig defaults mirroring moonshotai/Kimi-VL-A3B-Instruct, erfanzar/EasyDeL "
              "easydel/modules/kimi_vl/kimi_vl_configuration.py@0317bfa4838d6106563db9cf7360fa2c13b9e7d3 (read_file id 20274454737)")
SRC_MOONVIT = ("vllm-project/vllm vllm/model_executor/models/moonvit.py@055e47c28003156421365af985d676fc921cb075 "
               "(adapted from Kimi-VL-A3B-Instruct modeling_kimi_vl.py; read_file id 59330261969)")
SRC_PROJECTOR = ("KimiVLMultiModalProjector in vLLM's kimi_vl.py, found by the code index (find_string id 15399043): "
                 "pre_norm LayerNorm(1152, eps 1e-5), linear_1 4608 -> 4608, GELU, linear_2 4608 -> text hidden, biases")
README_ACTIVATED_CAUSE = ("the README does not say how it counts: the decoder activates 2.24B parameters without its "
                          "embedding tables (Moonlight's own figure), 2.58B with the output head and 2.91B with both "
                          "163,840 x 2048 tables, so 2.8B matches none of them at 0.1B")


@model_config
class KimiVL_A3B(VLMConfig):
    name: str = "kimi-vl-a3b"
    paper: str = "2504.07491"
    catalog_id: str = "kimi-vl"
    vit_image_size: int = 448             # counting resolution (native resolution in use); the count does not depend on it
    vit_patch_size: int = 14              # patch_size (SRC_VISION)
    vit_width: int = 1152                 # hidden_size (SRC_VISION)
    vit_depth: int = 27                   # num_hidden_layers (SRC_VISION)
    vit_heads: int = 16                   # num_attention_heads (SRC_VISION)
    vit_mlp_width: int = 4304             # intermediate_size (SRC_VISION)
    vit_class_token: bool = False         # patch embedding plus positions only (SRC_MOONVIT MoonVisionPatchEmbed)
    vit_position_grid: int = 64           # Learnable2DInterpPosEmb(64, 64, 1152), interpolated to the grid (SRC_MOONVIT; SRC_VISION init_pos_emb_*)
    vit_post_norm: bool = True            # encoder final_layernorm (SRC_MOONVIT MoonVitEncoder)
    vit_post_norm_on_features: bool = True  # the merged patches are the normed features (SRC_MOONVIT MoonVitEncoder.forward)
    vit_norm_eps: float = 1e-5            # nn.LayerNorm default eps (SRC_MOONVIT norm0 / norm1)
    vit_act: str = "gelu_tanh"            # ACT2FN['gelu_pytorch_tanh'] (SRC_MOONVIT MoonVitPretrainedModel block_cfg)
    vit_patch_bias: bool = True           # proj Conv2d(3, 1152, 14, 14) with no bias argument: the default bias (SRC_MOONVIT)
    vit_qkv_bias: str = "qkv"             # wqkv with attn_bias True (SRC_MOONVIT block_cfg 'attn_bias': True)
    mp_kind: str = "kimi-merger"          # KimiVLMultiModalProjector (SRC_PROJECTOR)
    mp_merge: int = 2                     # merge_kernel_size (2, 2) (SRC_VISION)
    lm_kind: str = "moe"                  # DeepseekV3ForCausalLM (SRC_MOONLIGHT_CONFIG architectures; SRC_TEXT model_type deepseek_v3)
    lm_vocab_size: int = 163840           # vocab_size (SRC_TEXT; SRC_MOONLIGHT_CONFIG)
    lm_hidden_size: int = 2048            # hidden_size (SRC_TEXT)
    lm_intermediate_size: int = 11264     # intermediate_size, the dense first layer (SRC_TEXT)
    lm_layers: int = 27                   # num_hidden_layers (SRC_TEXT)
    lm_heads: int = 16                    # num_attention_heads (SRC_TEXT)
    lm_dense_layers: int = 1              # first_k_dense_replace (SRC_TEXT); moe_layer_freq 1 (SRC_MOONLIGHT_CONFIG)
    lm_experts: int = 64                  # n_routed_experts (SRC_TEXT)
    lm_experts_per_token: int = 6         # num_experts_per_tok (SRC_MOONLIGHT_CONFIG)
    lm_shared_experts: int = 2            # n_shared_experts (SRC_TEXT)
    lm_expert_width: int = 1408           # moe_intermediate_size (SRC_TEXT)
    lm_kv_lora_rank: int = 512            # kv_lora_rank (SRC_TEXT)
    lm_q_lora_rank: int | None = None     # q_lora_rank null: direct q_proj (SRC_TEXT)
    lm_qk_nope_head_dim: int = 128        # qk_nope_head_dim (SRC_TEXT)
    lm_qk_rope_head_dim: int = 64         # qk_rope_head_dim (SRC_TEXT)
    lm_v_head_dim: int = 128              # v_head_dim (SRC_TEXT)
    lm_router_bias: bool = True           # topk_method noaux_tc: e_score_correction_bias (SRC_MOONLIGHT_CONFIG)
    lm_norm_eps: float = 1e-5             # rms_norm_eps (SRC_MOONLIGHT_CONFIG)
    lm_tie_embeddings: bool = False       # tie_word_embeddings false (SRC_MOONLIGHT_CONFIG)
    trainable: tuple = ("vision_encoder", "projector", "language_model")
    token_inputs: tuple = ((448, 448),)
    stated: tuple = (
        Stated("total_parameters", "16B", f"{SRC_README} L43 (Kimi-VL-A3B-Instruct: #Total Params 16B)"),
        Stated("activated_parameters", "3B", f"{SRC_README} L43 (#Activated Params 3B)",
               note="the language model's activated parameters, embeddings included; with the vision side 3.36B"),
        Stated("activated_parameters", "2.8B", f"{SRC_README} L15 ('activating only 2.8B parameters in its language "
               "decoder')", cause=README_ACTIVATED_CAUSE),
        Stated("language_parameters", "16B", f"{SRC_MOONLIGHT} Section 3.3 ('16B total when including embedding')",
               note="Moonlight-16B-A3B, Kimi-VL's language model"),
        Stated("language_nonembedding_parameters", "15.29B", f"{SRC_MOONLIGHT} Section 3.3; {SRC_MOONLIGHT_README} "
               "L50 (Total Params 15.29B, embeddings excluded per L65)"),
        Stated("activated_nonembedding_parameters", "2.24B", f"{SRC_MOONLIGHT} Section 3.3; {SRC_MOONLIGHT_README} "
               "L49 (Activated Param 2.24B)"),
    )
