"""LLaVA (arXiv 2304.08485), LLaVA-1.5 (arXiv 2310.03744), LLaVA-NeXT / 1.6 (LLaVA-VL blog, 2024-01-30)."""
from __future__ import annotations

from ..assemble import model_config
from ..spec import Stated
from .components import ClipL14_224, ClipL14_336, Llama2_7B, Llama2_13B

SRC_ZOO = "haotian-liu/LLaVA docs/MODEL_ZOO.md@c121f0432da27facab705978f83c4ada465e46fd"
SRC_PROJECTOR = "haotian-liu/LLaVA llava/model/multimodal_projector/builder.py@c121f0432da27facab705978f83c4ada465e46fd L37-45"
SRC_FINETUNE = "haotian-liu/LLaVA scripts/v1_5/finetune.sh@c121f0432da27facab705978f83c4ada465e46fd"
SRC_PINPOINTS = ("LLaVA-VL/LLaVA-NeXT scripts/archived/finetune_mixtral_1.6_336px_anyres.sh"
                 "@df179663ae8b83207df100a1f7af24caec633ff9 L78")
SRC_ANYRES = "haotian-liu/LLaVA llava/model/llava_arch.py@c121f0432da27facab705978f83c4ada465e46fd L164-196"
VOCAB_NOTE = "the tokens LLaVA adds to the vocabulary are not modelled (a few rows of 4096/5120 entries)"


@model_config
class LLaVA_13B(ClipL14_224, Llama2_13B):
    name: str = "llava-13b-v0"
    paper: str = "2304.08485"
    catalog_id: str = "llava"
    vit_select_layer: int = -2       # --mm_vision_select_layer -2 with openai/clip-vit-large-patch14 (haotian-liu/LLaVA scripts/finetune.sh L23-25)
    mp_kind: str = "linear"          # projector 'linear' (SRC_PROJECTOR L37), CLIP-L + linear in MODEL_ZOO L116
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "13B", f"{SRC_ZOO} L116 (Vicuna-13B-v0, LLaVA-13b-delta-v0)",
               note="size in the checkpoint name", cause=VOCAB_NOTE),
    )


@model_config
class LLaVA15_7B(ClipL14_336, Llama2_7B):
    name: str = "llava-1.5-7b"
    paper: str = "2310.03744"
    catalog_id: str = "llava-1-5"
    vit_select_layer: int = -2       # --mm_vision_select_layer -2 (SRC_FINETUNE)
    mp_kind: str = "mlp"             # --mm_projector_type mlp2x_gelu (SRC_FINETUNE; SRC_PROJECTOR L39-45)
    mp_depth: int = 2                # the 2 in mlp2x_gelu (SRC_PROJECTOR L39-41)
    token_inputs: tuple = ((336, 336),)
    stated: tuple = (
        Stated("total_parameters", "7B", f"{SRC_ZOO} L25 (LLaVA-1.5 7B)", note="size in the model name"),
    )


@model_config
class LLaVA15_13B(ClipL14_336, Llama2_13B):
    name: str = "llava-1.5-13b"
    paper: str = "2310.03744"
    catalog_id: str = "llava-1-5"
    vit_select_layer: int = -2       # SRC_FINETUNE
    mp_kind: str = "mlp"             # mlp2x_gelu (SRC_FINETUNE)
    mp_depth: int = 2                # the 2 in mlp2x_gelu (SRC_PROJECTOR L39-41)
    token_inputs: tuple = ((336, 336),)
    stated: tuple = (
        Stated("total_parameters", "13B", f"{SRC_ZOO} L26 (LLaVA-1.5 13B)", note="size in the model name"),
    )


@model_config
class LLaVANeXT_Vicuna7B(LLaVA15_7B):
    """LLaVA-1.6: LLaVA-1.5 architecture plus 'anyres' tiling and an ``image_newline`` vector."""
    name: str = "llava-next-vicuna-7b"
    paper: str = ""                  # no arXiv paper: LLaVA-NeXT was released as a blog post (catalog: llava-next)
    catalog_id: str = "llava-next"
    tok_tiling: str = "llava-anyres"  # image_aspect_ratio anyres, mm_patch_merge_type spatial_unpad (SRC_ANYRES)
    tok_grid_pinpoints: tuple = ((336, 672), (672, 336), (672, 672), (1008, 336), (336, 1008))  # SRC_PINPOINTS
    token_inputs: tuple = ((336, 336), (672, 672), (336, 1008), (480, 640))
    stated: tuple = (
        Stated("total_parameters", "7B", f"{SRC_ZOO} L13 (LLaVA-1.6 Vicuna-7B)", note="size in the model name",
               cause="image_newline (4096 entries) is not modelled"),
    )


@model_config
class LLaVANeXT_Vicuna13B(Llama2_13B, LLaVANeXT_Vicuna7B):
    name: str = "llava-next-vicuna-13b"
    stated: tuple = (
        Stated("total_parameters", "13B", f"{SRC_ZOO} L14 (LLaVA-1.6 Vicuna-13B)", note="size in the model name"),
    )
