"""Octo-Small and Octo-Base (arXiv 2405.12213) as octo-models/octo's pretraining config builds them.

Two SmallStem16 image tokenizers (the primary camera at 256 px -> 16 x 16 tokens, the wrist camera at 128 px
-> 8 x 8), each reading the observation stacked with the goal image (6 channels; zeros without a goal); a frozen
t5-base encoder for the instruction (16 tokens); dense maps into the trunk width with learned position tables
over 10 timesteps; a ViT-S or ViT-B trunk; one readout token feeding a diffusion MLP-ResNet that denoises a
chunk of 4 seven-dimensional actions. The README's sizes count everything but the frozen T5 encoder: they are
checked as the trainable count (``frozen_keys=("*hf_model*",)``).

The pretraining config at this commit is Octo 1.5's; Octo 1.0's (commit 0eb0e65, Dec 2023) differs only in
settings that hold no parameters (repeat_task_tokens, dataset options), and the README table names the 1.0
checkpoints.
"""
from __future__ import annotations

from ..assemble import model_config
from ..policies import PolicyConfig
from ..spec import Stated

C = "241fb3514b7c40957a86d869fecb7c7fc353f540"
SRC_PRETRAIN = f"octo-models/octo scripts/configs/octo_pretrain_config.py@{C}"
SRC_CONFIG = f"octo-models/octo scripts/configs/config.py@{C}"
SRC_SIZES = f"octo-models/octo octo/model/components/transformer.py@{C}"
SRC_STEM = f"octo-models/octo octo/model/components/vit_encoders.py@{C}"
SRC_TOKENIZERS = f"octo-models/octo octo/model/components/tokenizers.py@{C}"
SRC_HEAD = f"octo-models/octo octo/model/components/action_heads.py@{C}"
SRC_README = f"octo-models/octo README.md@{C}"
SRC_T5_BASE = ("google-research/t5x t5x/examples/t5/t5_1_0/base.gin@cc342d419ec3e3e9c4bf1df33c82330cafdc1e16 "
               "(T5.1.0 base: the 't5-base' encoder)")


@model_config
class Octo_Small(PolicyConfig):
    name: str = "octo-small"
    paper: str = "2405.12213"
    catalog_id: str = "octo"
    vit_kind: str = "conv-stem"           # SmallStem16 tokenizers, no ViT (SRC_PRETRAIN L31-44)
    vit_image_size: int = 256             # primary camera resize_size (256, 256) (SRC_PRETRAIN L99)
    vit_wrist_image_size: int = 128       # wrist camera resize_size (128, 128) (SRC_PRETRAIN L100)
    vit_patch_size: int = 16              # SmallStem16.patch_size (SRC_STEM L268-269)
    vit_width: int = 512                  # SmallStem num_features, the "embedding" conv (SRC_STEM L106, L135-141)
    vit_stem_channels: tuple = (32, 96, 192, 384)  # SmallStem features, 3x3 stride-2 convs (SRC_STEM L102-104)
    vit_in_channels: int = 6              # image_primary stacked with the goal image_primary (SRC_PRETRAIN L34-35; SRC_TOKENIZERS L117-137)
    mp_kind: str = "linear"               # Dense {group}_projection into the trunk width (octo_module.py L168-170, L197-199)
    lm_kind: str = "t5"                   # LanguageTokenizer(encoder="t5-base") as FlaxT5EncoderModel (SRC_PRETRAIN L45-51; SRC_TOKENIZERS L189-191)
    lm_vocab_size: int = 32128            # vocab_size (SRC_T5_BASE L45)
    lm_hidden_size: int = 768             # emb_dim (SRC_T5_BASE L47)
    lm_heads: int = 12                    # num_heads (SRC_T5_BASE L48)
    lm_head_dim: int = 64                 # head_dim (SRC_T5_BASE L51)
    lm_encoder_layers: int = 12           # num_encoder_layers (SRC_T5_BASE L49)
    lm_decoder_layers: int = 0            # the encoder alone is loaded (FlaxT5EncoderModel, SRC_TOKENIZERS L190-191)
    lm_intermediate_size: int = 3072      # mlp_dim (SRC_T5_BASE L52)
    lm_mlp: str = "relu"                  # mlp_activations ('relu',) (SRC_T5_BASE L53)
    act_kind: str = "octo-diffusion"      # DiffusionActionHead on the action readout (SRC_PRETRAIN L53-62)
    act_width: int = 384                  # TOKEN_DIMS["vit_s"] (SRC_SIZES L304); transformer_size vit_s (SRC_CONFIG L13)
    act_layers: int = 12                  # vit_s num_layers (SRC_SIZES L275)
    act_heads: int = 6                    # vit_s num_attention_heads (SRC_SIZES L277)
    act_intermediate_size: int = 1536     # vit_s mlp_dim (SRC_SIZES L276)
    act_dim: int = 7                      # action_dim FieldReference(7) (SRC_PRETRAIN L29, L59)
    act_horizon: int = 4                  # action_horizon=4 (SRC_PRETRAIN L58)
    act_mlp_width: int = 256              # DiffusionActionHead hidden_dim (SRC_HEAD L409)
    act_time_dim: int = 32                # DiffusionActionHead time_dim (SRC_HEAD L406)
    act_blocks: int = 3                   # DiffusionActionHead num_blocks (SRC_HEAD L407)
    act_max_horizon: int = 10             # max_horizon (SRC_CONFIG L102): observation position tables cover 10 steps
    act_text_tokens: int = 16             # the t5-base tokenizer pads and truncates to max_length 16 (SRC_PRETRAIN L141)
    trainable: tuple = ("vision_encoder", "projector", "trunk", "action_expert")  # not the frozen *hf_model* (SRC_PRETRAIN L112)
    token_inputs: tuple = ((256, 256),)
    count_groups: tuple = (("trunk_parameters", ("trunk.*",)),)
    stated: tuple = (
        Stated("trainable_parameters", "27M", f"{SRC_README} L62 (Octo-Small: '27M Params')",
               note="the README's parameter count; Octo's checkpoint also holds the frozen t5-base encoder "
                    "(109.6M), which it leaves out"),
    )


@model_config
class Octo_Base(Octo_Small):
    name: str = "octo-base"
    act_width: int = 768                  # TOKEN_DIMS["vit_b"] (SRC_SIZES L305); config "vit_b"
    act_layers: int = 12                  # vit_b num_layers (SRC_SIZES L281)
    act_heads: int = 12                   # vit_b num_attention_heads (SRC_SIZES L283)
    act_intermediate_size: int = 3072     # vit_b mlp_dim (SRC_SIZES L282)
    stated: tuple = (
        Stated("trainable_parameters", "93M", f"{SRC_README} L61 (Octo-Base: '93M Params')",
               note="the README's parameter count; the frozen t5-base encoder (109.6M) is left out"),
    )
