"""SmolVLA (arXiv 2506.01844) as huggingface/lerobot builds smolvla_base: SmolVLM2-500M-Video-Instruct cut to its
first 16 text layers (layer skipping), plus an action expert 0.75x as wide that interleaves cross-attention to
the VLM's keys and values with joint self-attention (every second layer).

SmolVLM2-500M (huggingface/smollm training configs): SigLIP-B/16 at 512 px (32 x 32 patches), pixel shuffle by
4 (64 visual tokens per image), one bias-free linear map into SmolLM2-360M's width, an untied output head.
The VLM and its head stay in the policy (lerobot keeps ``self.vlm`` whole; only the layers are cut), so the
stated 450M counts them.
"""
from __future__ import annotations

from ..assemble import model_config
from ..policies import PolicyConfig
from ..spec import Stated

C = "7427f31801f944f5ec9ce53cda02862ce7d1638b"
SRC_CONFIG = f"huggingface/lerobot src/lerobot/policies/smolvla/configuration_smolvla.py@{C}"
SRC_EXPERT = f"huggingface/lerobot src/lerobot/policies/smolvla/smolvlm_with_expert.py@{C}"
SRC_POLICY = f"huggingface/lerobot src/lerobot/policies/smolvla/modeling_smolvla.py@{C}"
SRC_DOCS = f"huggingface/lerobot docs/source/smolvla.mdx@{C}"
S = "a041759883ec7152d18fb985ea49be641a0bceef"
SRC_SMOLVLM = f"huggingface/smollm vision/experiments/pretraining/vloom/tr_349_vsmollm2_500M_3rd_stage/config.yaml@{S}"
SRC_M4 = f"huggingface/smollm vision/m4/models/vllama3/modeling_vllama3.py@{S}"
SRC_SMOLLM2 = f"huggingface/smollm text/pretraining/smollm2/config_smollm2_360M.yaml@{S}"
SRC_B16 = ("google-research/big_vision big_vision/models/vit.py@0127fb6b337ee2a27bf4e54dea79cff176527356 "
           "L297-300 (decode_variant 'B')")
SRC_VOCAB = ("the exported checkpoint's text_config vocab_size, read in copies found by the code index "
             "(find_string ids 56720497476 and 59730315370); the m4 tokenizer adds 89 tokens to SmolLM2's 49,152 "
             f"({SRC_SMOLVLM} L84-128), padded to a multiple of 64")
SRC_SEQ_LEN = ("https://huggingface.co/HuggingFaceTB/SmolVLM2-500M-Video-Instruct/blob/refs%2Fpr%2F11/"
               "processor_config.json ('image_seq_len': 64)")


@model_config
class SmolVLA_Base(PolicyConfig):
    name: str = "smolvla-base"
    paper: str = "2506.01844"
    catalog_id: str = "smolvla"
    vit_image_size: int = 512             # google/siglip-base-patch16-512 (SRC_SMOLVLM L134); resize_imgs_with_padding 512 (SRC_CONFIG L45)
    vit_patch_size: int = 16              # patch16 (SRC_SMOLVLM L134)
    vit_width: int = 768                  # "B" width (SRC_B16)
    vit_depth: int = 12                   # "B" depth (SRC_B16)
    vit_heads: int = 12                   # "B" num_heads (SRC_B16)
    vit_mlp_width: int = 3072             # "B" mlp_dim (SRC_B16)
    vit_class_token: bool = False         # SigLIP: patch tokens only
    vit_post_norm: bool = True            # post_layernorm
    vit_post_norm_on_features: bool = True  # embed_image reads last_hidden_state, after post_layernorm (SRC_EXPERT L202-215)
    vit_norm_eps: float = 1e-6            # SigLIP LayerNorm epsilon
    vit_act: str = "gelu_tanh"            # SigLIP GELU (tanh approximation)
    vit_patch_bias: bool = True           # SigLIP patch convolution has a bias
    mp_kind: str = "pixel-shuffle"        # connector: pixel shuffle + modality_projection (SRC_M4 L1091-1094, L1281-1292)
    mp_scale: float = 0.25                # pixel_shuffle_factor 4 (configuration_vllama3.py L322); use_resampler False (SRC_SMOLVLM L147)
    mp_head: str = "linear"               # SimpleMLP: one Linear(768 * 16 -> 960, bias=False) (vision/m4/models/common.py L116-121)
    lm_vocab_size: int = 49280            # SRC_VOCAB
    lm_hidden_size: int = 960             # SmolLM2-360M hidden_size (SRC_SMOLLM2 L41)
    lm_intermediate_size: int = 2560      # intermediate_size (SRC_SMOLLM2 L43)
    lm_layers: int = 16                   # num_vlm_layers 16 of 32: layers[:16] (SRC_CONFIG L96; SRC_EXPERT L102-104; SRC_SMOLLM2 L47)
    lm_heads: int = 15                    # num_attention_heads (SRC_SMOLLM2 L46)
    lm_kv_heads: int = 5                  # num_key_value_heads (SRC_SMOLLM2 L48)
    lm_norm_eps: float = 1e-5             # rms_norm_eps (SRC_SMOLLM2 L51)
    lm_tie_embeddings: bool = False       # tie_word_embeddings False for SmolVLM2-500M (SRC_SMOLVLM L143)
    act_kind: str = "smolvla-expert"      # SmolVLMWithExpertModel, attention_mode cross_attn (SRC_CONFIG L89)
    act_width: int = 720                  # int(960 * expert_width_multiplier 0.75) (SRC_CONFIG L98; SRC_EXPERT L110)
    act_layers: int = 16                  # num_expert_layers -1: as many as the cut VLM (SRC_CONFIG L95; SRC_EXPERT L112)
    act_heads: int = 15                   # deep copy of the text config keeps 15 heads (SRC_EXPERT L108)
    act_kv_heads: int = 5                 # and 5 key/value heads (SRC_EXPERT L108)
    act_head_dim: int = 64                # and head_dim 960 / 15 = 64 (SRC_EXPERT L108, L128-129)
    act_intermediate_size: int = 2048     # get_intermediate_size(720): 256 * ceil(4 * int(2 * 720 / 3) / 256) (SRC_EXPERT L67-71, L111)
    act_self_attention_every: int = 2     # self_attn_every_n_layers 2 (SRC_CONFIG L97; SRC_EXPERT L122-136)
    act_dim: int = 32                     # max_action_dim (SRC_CONFIG L42)
    act_state_dim: int = 32               # max_state_dim (SRC_CONFIG L41)
    act_horizon: int = 50                 # chunk_size (SRC_CONFIG L29)
    trainable: tuple = ("action_expert",)  # train_expert_only, freeze_vision_encoder (SRC_CONFIG L69-70); expert + projections
    token_inputs: tuple = ((512, 512),)
    stated: tuple = (
        Stated("total_parameters", "450M", f"{SRC_DOCS} L49 ('smolvla_base ... our pretrained 450M model')"),
        Stated("visual_tokens", "64", f"{SRC_SEQ_LEN}; image_seq_len = (512 / 16)^2 / 4^2 ({SRC_M4} L1107)",
               setting="512x512 image", note="per camera image; SmolVLA embeds each image whole (SRC_EXPERT L202-215)"),
    )
