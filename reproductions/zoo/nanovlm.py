"""nanoVLM-222M (huggingface/nanoVLM v0.1): SigLIP-B/16 + pixel shuffle + linear + SmolLM2-135M."""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated

V01 = "6ba9082e16f1fc8c21a1f8d0c54b26c9233c8771"  # tag v0.1
SRC_CONFIG = f"huggingface/nanoVLM models/config.py@{V01}"
SRC_VIT = f"huggingface/nanoVLM models/vision_transformer.py@{V01}"
SRC_README = f"huggingface/nanoVLM README.md@{V01}"


@model_config
class NanoVLM_222M(VLMConfig):
    name: str = "nanovlm-222m"
    paper: str = ""                   # no paper; a repository
    catalog_id: str = "nanovlm"
    vit_image_size: int = 224         # vit_img_size (SRC_CONFIG L9)
    vit_patch_size: int = 16          # vit_patch_size (SRC_CONFIG L8)
    vit_width: int = 768              # vit_hidden_dim (SRC_CONFIG L6)
    vit_depth: int = 12               # vit_n_blocks (SRC_CONFIG L12)
    vit_heads: int = 12               # vit_n_heads (SRC_CONFIG L10)
    vit_mlp_width: int = 3072         # vit_inter_dim = 4 * vit_hidden_dim (SRC_CONFIG L7)
    vit_class_token: bool = False     # vit_cls_flag False (SRC_CONFIG L14)
    vit_pre_norm: bool = False        # no norm before the blocks (SRC_VIT ViT.forward)
    vit_post_norm: bool = True        # self.layer_norm after the blocks (SRC_VIT, ViT.forward)
    vit_post_norm_on_features: bool = True  # self.layer_norm(x) on all tokens when no CLS (SRC_VIT)
    vit_norm_eps: float = 1e-6        # vit_ln_eps (SRC_CONFIG L13)
    vit_act: str = "gelu_tanh"        # nn.GELU(approximate='tanh') (SRC_VIT L104)
    vit_patch_bias: bool = True       # nn.Conv2d default bias (SRC_VIT L18-24)
    vit_qkv_bias: str = "qkv"         # qkv_proj bias=True (SRC_VIT L58)
    mp_kind: str = "pixel-shuffle"    # ModalityProjector.pixel_shuffle + proj (models/modality_projector.py)
    mp_scale: float = 0.5             # mp_pixel_shuffle_factor 2 (SRC_CONFIG L35)
    mp_head: str = "linear"           # nn.Linear(..., bias=False) (models/modality_projector.py)
    lm_vocab_size: int = 49152        # lm_vocab_size (SRC_CONFIG L22)
    lm_hidden_size: int = 576         # lm_hidden_dim (SRC_CONFIG L17)
    lm_intermediate_size: int = 1536  # lm_inter_dim (SRC_CONFIG L18)
    lm_layers: int = 30               # lm_n_blocks (SRC_CONFIG L26)
    lm_heads: int = 9                 # lm_n_heads (SRC_CONFIG L23)
    lm_kv_heads: int = 3              # lm_n_kv_heads (SRC_CONFIG L24)
    lm_max_positions: int = 8192      # lm_max_position_embeddings (SRC_CONFIG L21); RoPE, no parameters
    lm_norm_eps: float = 1e-5         # lm_rms_eps (SRC_CONFIG L19)
    lm_tie_embeddings: bool = True    # lm_tie_weights True (SRC_CONFIG L30)
    trainable: tuple = ("vision_encoder", "projector", "language_model")  # all trained (lr_mp, lr_backbones)
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "222M", f"{SRC_README} L17 ('results in a **222M** nanoVLM')"),
        Stated("vision_parameters", "85M", f"{SRC_README} L17 (SigLIP-B/16-224-85M)",
               cause="SigLIP-B/16 without its attention-pooling head is 85.8M: the name truncates, it does not round"),
        Stated("visual_tokens", "49", f"{SRC_CONFIG} L28 (lm_max_length = 128 - 49, 'Deduct the image token length')",
               setting="224x224 image"),
    )
