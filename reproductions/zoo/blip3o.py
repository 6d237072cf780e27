"""BLIP3-o 4B / 8B (arXiv 2505.09568): Qwen2.5-VL for understanding, a Lumina-Next DiT for generation.

64 learned queries follow the prompt; their hidden states condition a diffusion transformer that generates
64 CLIP (EVA-CLIP) image features by flow matching; a separate SDXL-based diffusion decoder renders pixels.
Counted here: the Qwen2.5-VL backbone (the zoo's qwen2_5_vl configs), the queries and the DiT. Not counted:
the EVA-CLIP-E target encoder the model object also builds for training (gen_vision_tower) and the pixel
decoder. Read from JiuhaiChen/BLIP3o, branch main, at one commit; the DiT's blocks come from diffusers.

The DiT feed-forward width depends on the diffusers version: the BLIP3-o copy of LuminaNextDiT2DModel passes
``inner_dim=4 * dim`` to diffusers' LuminaFeedForward, which took two thirds of it before diffusers 0.33
(-> 4864, used here, as the copied model intends) and takes it whole since (-> 7168, 297M more in the 8B's
DiT). BLIP3-o installs a diffusers fork (requirements.txt) that could not be read.
"""
from __future__ import annotations

from ..assemble import model_config
from ..spec import Stated
from .qwen2_5_vl import Qwen25VL_3B, Qwen25VL_7B

C = "4689ec389e2b9108efc8b9761432538fc890156d"
SRC_DIT = f"JiuhaiChen/BLIP3o blip3o/model/nextdit_crossattn.py@{C}"
SRC_LUMINA = f"JiuhaiChen/BLIP3o blip3o/model/lumina_nextdit2d.py@{C}"
SRC_BUILDER = f"JiuhaiChen/BLIP3o blip3o/model/multimodal_encoder/builder.py@{C}"
SRC_ARCH = f"JiuhaiChen/BLIP3o blip3o/model/blip3o_arch.py@{C}"
SRC_SLURM = f"JiuhaiChen/BLIP3o slurm.sh@{C}"
SRC_README = f"JiuhaiChen/BLIP3o README.md@{C}"
SRC_FFN = ("huggingface/diffusers src/diffusers/models/attention.py, LuminaFeedForward: 'inner_dim = int(2 * inner_dim / 3)' "
           "until commit 81440fd47493b9f9e817411ca0499d0bf06fde95 (v0.33.0, 2025-02-12), then rounded to multiple_of only")
CAUSE = ("the name gives the size class of the Qwen2.5-VL backbone ({backbone}); the 64 queries and the diffusion "
         "transformer ({dit}) come on top")


@model_config
class BLIP3o_8B(Qwen25VL_7B):
    name: str = "blip3o-8b"
    paper: str = "2505.09568"
    catalog_id: str = "blip3-o"
    gen_kind: str = "diffusion"           # latent_queries + NextDiTCrossAttn (SRC_ARCH L30-41)
    gen_queries: int = 64                 # --n_query 64 (SRC_SLURM L49); nn.Parameter(1, n_query, hidden) (SRC_ARCH L33)
    gen_dit_width: int = 1792             # dim (SRC_DIT L18)
    gen_dit_layers: int = 24              # n_layers (SRC_DIT L19)
    gen_dit_heads: int = 28               # n_heads (SRC_DIT L20)
    gen_dit_kv_heads: int = 28            # n_kv_heads (SRC_DIT L21)
    gen_dit_mlp_width: int = 4864         # LuminaFeedForward(inner_dim=4 * 1792, multiple_of 256) (SRC_LUMINA L95-100, SRC_DIT L22) under SRC_FFN
    gen_dit_in_channels: int = 1792       # in_channels: the CLIP feature width it denoises (SRC_DIT L17)
    gen_dit_patch: int = 1                # patch_size (SRC_DIT L16); input_size 8: 8 x 8 = 64 features (L15)
    stated: tuple = (
        Stated("total_parameters", "8B", f"{SRC_README} L14 (model weights '8 B')",
               cause=CAUSE.format(backbone="Qwen2.5-VL-7B, 8.29B", dit="1.37B")),
    )


@model_config
class BLIP3o_4B(Qwen25VL_3B, BLIP3o_8B):
    name: str = "blip3o-4b"
    catalog_id: str = "blip3-o"  # the swapped backbone listed first would bring Qwen2.5-VL's record id
    stated: tuple = (
        Stated("total_parameters", "4B", f"{SRC_README} L14 (model weights '4 B')",
               cause=CAUSE.format(backbone="Qwen2.5-VL-3B, 3.75B", dit="1.36B")),
    )
