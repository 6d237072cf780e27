"""GR00T N1 (arXiv 2503.14734), the GR00T-N1-2B checkpoint, as NVIDIA/Isaac-GR00T's N1 code builds it.

System 2: Eagle-2 (SigLIP So400m/14 at 224 px without its pooling head, pixel shuffle 0.5 into a 2-layer MLP,
SmolLM2-1.7B) with the language model cut after layer 12 and its output head dropped, then a linear map from
2048 to 1536 (``EagleBackbone.linear``). System 1: a 16-block DiT (32 heads x 48 = 1536 wide) with adaptive
LayerNorm on the flow-matching time; even blocks attend to the VLM tokens, odd ones to the state and action
tokens; per-embodiment (32 slots) MLPs encode the state and the noisy 16 x 32 action chunk and decode the
velocity. The backbone's linear map belongs to the VLM side: with it the VLM is the 1.34B the paper states.

Sources: the N1-era code is read at upstream commit b51a5e8 (the last before the N1.5 release), from a fork that
carries the upstream history (tomputer-g/Isaac-GR00T; the upstream snapshot is too large to fetch here); the
checkpoint's own hyper-parameters are in its config.json on the Hugging Face Hub.
"""
from __future__ import annotations

from ..assemble import model_config
from ..policies import PolicyConfig
from ..spec import Stated

C = "b51a5e88bc6c94bffb8cabf89e265a24def08135"
SRC_EAGLE = f"NVIDIA/Isaac-GR00T gr00t/model/backbone/eagle2_hg_model/config.json@{C}"
SRC_EAGLE_MODEL = f"NVIDIA/Isaac-GR00T gr00t/model/backbone/eagle2_hg_model/modeling_eagle_chat.py@{C}"
SRC_BACKBONE = f"NVIDIA/Isaac-GR00T gr00t/model/backbone/eagle_backbone.py@{C}"
SRC_DIT = f"NVIDIA/Isaac-GR00T gr00t/model/action_head/cross_attention_dit.py@{C}"
SRC_HEAD = f"NVIDIA/Isaac-GR00T gr00t/model/action_head/flow_matching_action_head.py@{C}"
SRC_CKPT = ("https://huggingface.co/nvidia/GR00T-N1-2B/blob/main/config.json (revision 32e1fd2), "
            "key {key}")
SRC_PAPER = ("arXiv 2503.14734 Section 2 ('The GR00T-N1-2B model has 2.2B parameters in total, with 1.34B in the "
             "VLM'), read in a reading note (woodenonez.github.io/note-readpaper/notes/llm/gr00t), not in the paper "
             "itself: an aggregator source; web-3kk.pages.dev/en/knowledge/models/groot-n1 lists the same 2.2B and 1.34B")


@model_config
class GR00T_N1_2B(PolicyConfig):
    name: str = "gr00t-n1-2b"
    paper: str = "2503.14734"
    catalog_id: str = "gr00t-n1"
    vit_image_size: int = 224             # force_image_size 224; vision_config.image_size 224 (SRC_EAGLE L14, L153)
    vit_patch_size: int = 14              # vision_config.patch_size (SRC_EAGLE L177)
    vit_width: int = 1152                 # vision_config.hidden_size (SRC_EAGLE L148)
    vit_depth: int = 27                   # vision_config.num_hidden_layers (SRC_EAGLE L171)
    vit_heads: int = 16                   # vision_config.num_attention_heads (SRC_EAGLE L167)
    vit_mlp_width: int = 4304             # vision_config.intermediate_size (SRC_EAGLE L154)
    vit_class_token: bool = False         # siglip_vision_model: patch tokens only (SRC_EAGLE L165; SRC_EAGLE_MODEL L249-252)
    vit_post_norm: bool = True            # SigLIP post_layernorm
    vit_post_norm_on_features: bool = True  # select_layer -1 reads last_hidden_state (SRC_EAGLE L119; SRC_EAGLE_MODEL L238-244)
    vit_norm_eps: float = 1e-6            # vision_config.layer_norm_eps (SRC_EAGLE L161)
    vit_act: str = "gelu_tanh"            # vision_config.hidden_act gelu_pytorch_tanh (SRC_EAGLE L147)
    vit_patch_bias: bool = True           # SigLIP patch convolution has a bias
    mp_kind: str = "pixel-shuffle"        # pixel_shuffle + mlp1 (SRC_EAGLE_MODEL L222-233, L260-266)
    mp_scale: float = 0.5                 # downsample_ratio (SRC_EAGLE L12)
    mp_head: str = "mlp"                  # mlp1: LayerNorm, Linear, GELU, Linear (SRC_EAGLE_MODEL L88-93)
    lm_vocab_size: int = 49164            # llm_config.vocab_size (SRC_EAGLE L109)
    lm_hidden_size: int = 2048            # llm_config.hidden_size (SRC_EAGLE L45)
    lm_intermediate_size: int = 8192      # llm_config.intermediate_size (SRC_EAGLE L51)
    lm_layers: int = 12                   # 24 layers (SRC_EAGLE L69) popped to select_layer 12 (SRC_BACKBONE L82, L113-114; SRC_CKPT backbone_cfg.select_layer)
    lm_heads: int = 32                    # llm_config.num_attention_heads (SRC_EAGLE L66)
    lm_kv_heads: int = 32                 # llm_config.num_key_value_heads (SRC_EAGLE L70)
    lm_norm_eps: float = 1e-5             # llm_config.rms_norm_eps (SRC_EAGLE L84)
    lm_tie_embeddings: bool = True        # tie_word_embeddings; lm_head replaced by Identity anyway (SRC_EAGLE L93; SRC_BACKBONE L112)
    act_kind: str = "gr00t-dit"           # FlowmatchingActionHead (SRC_HEAD L179-214)
    act_width: int = 1536                 # input_embedding_dim (SRC_CKPT action_head_cfg.input_embedding_dim; SRC_HEAD L147-149)
    act_layers: int = 16                  # diffusion_model_cfg.num_layers (SRC_CKPT)
    act_heads: int = 32                   # diffusion_model_cfg.num_attention_heads (SRC_CKPT)
    act_head_dim: int = 48                # diffusion_model_cfg.attention_head_dim (SRC_CKPT); inner_dim 32 x 48 (SRC_DIT L217)
    act_mlp_width: int = 1024             # hidden_size, = diffusion_model_cfg.output_dim (SRC_CKPT; SRC_HEAD L151)
    act_dim: int = 32                     # action_head_cfg.action_dim (SRC_CKPT)
    act_state_dim: int = 64               # action_head_cfg.max_state_dim (SRC_CKPT; gr00t/experiment/data_config.py L130)
    act_horizon: int = 16                 # action_head_cfg.action_horizon (SRC_CKPT)
    act_embodiments: int = 32             # max_num_embodiments default (SRC_HEAD L167); the checkpoint config sets none
    act_positions: int = 1024             # max_seq_len default, add_pos_embed true (SRC_HEAD L152, L212-213; SRC_CKPT)
    trainable: tuple = ("vision_encoder", "projector", "backbone_projection", "action_expert")  # tune_llm false, tune_visual true (SRC_CKPT backbone_cfg; SRC_BACKBONE L160-167)
    token_inputs: tuple = ((224, 224),)
    count_groups: tuple = (
        ("vlm_parameters", ("vision_encoder.*", "projector.*", "language_model.*", "backbone_projection.*")),
    )
    stated: tuple = (
        Stated("total_parameters", "2.2B", SRC_PAPER),
        Stated("vlm_parameters", "1.34B", SRC_PAPER,
               note="Eagle-2 cut at layer 12 with the backbone's linear map to 1536; without that map it is 1.332B, "
                    "which would round to 1.33B"),
        Stated("visual_tokens", "64", SRC_CKPT.format(key="backbone_cfg.processor_cfg.model_spec.num_image_token") +
               f"; num_image_token = (224 / 14)^2 x 0.5^2 ({SRC_EAGLE_MODEL} L61)", setting="224x224 image"),
    )
