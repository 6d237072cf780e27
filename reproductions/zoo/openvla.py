"""OpenVLA-7B (arXiv 2406.09246): Prismatic "dinosiglip-vit-so-224px" fused towers, fused GELU MLP, Llama 2 7B.

Actions are discrete: each of the 7 dimensions is binned into 256 uniform bins whose ids are the last 256 of
the base Llama vocabulary (prismatic/vla/action_tokenizer.py L15, L34-47: id = vocab_size - bin, with
tokenizer.vocab_size 32000, i.e. ids 31744..31999); the embedding table itself has 32064 rows (one added
<PAD>, padded to a multiple of 64), so the action tokens reuse existing rows and add none.
"""
from __future__ import annotations

from ..action_tokens import uniform_bin_tokens
from ..assemble import model_config
from ..spec import Stated
from .components import Llama2_7B

C = "c8f03f48af692657d3060c19588038c7220e9af9"
SRC_TOWERS = f"openvla/openvla prismatic/models/backbones/vision/dinosiglip_vit.py@{C}"
SRC_PROJECTOR = f"openvla/openvla prismatic/util/nn_utils.py@{C} L37-53 (FusedMLPProjector)"
SRC_LLAMA_PAD = f"openvla/openvla prismatic/models/backbones/llm/llama2.py@{C} L73-76"
SRC_ACTION_TOKENIZER = f"openvla/openvla prismatic/vla/action_tokenizer.py@{C}"
ACTION_BINS = 256                         # ActionTokenizer(bins: int = 256) (SRC_ACTION_TOKENIZER L15)
BASE_VOCABULARY = 32000                   # tokenizer.vocab_size: the base Llama 2 vocabulary, before <PAD> (Llama2_7B)
SRC_TIMM_DINO = ("timm vit_large_patch14_reg4_dinov2 (patch 14, width 1024, depth 24, heads 16, init_values 1e-5, "
                 "reg_tokens 4, no_embed_class), read in a copy found by the code index (find_string id 24287243142)")
SRC_TIMM_SIGLIP = ("timm vit_so400m_patch14_siglip_224 (patch 14, width 1152, depth 27, heads 16, mlp_ratio 3.7362, "
                   "no class token, global_pool 'map'), read in a copy found by the code index (find_string id 24202159761)")


@model_config
class OpenVLA_7B(Llama2_7B):
    name: str = "openvla-7b"
    paper: str = "2406.09246"
    catalog_id: str = "openvla"
    vit_kind: str = "fused-vit"           # DinoSigLIPViTBackbone: both featurizers, features concatenated (SRC_TOWERS L43-68)
    vit_image_size: int = 224             # dinosiglip-vit-so-224px, img_size=default_image_size (SRC_TOWERS L22-25, L50-57)
    vit_patch_size: int = 14              # patch14 in both timm ids (SRC_TOWERS L23-24)
    vit_width: int = 1024                 # DINOv2 ViT-L embed_dim (SRC_TIMM_DINO)
    vit_depth: int = 24                   # DINOv2 ViT-L depth (SRC_TIMM_DINO)
    vit_heads: int = 16                   # DINOv2 ViT-L num_heads (SRC_TIMM_DINO)
    vit_mlp_width: int = 4096             # timm default mlp_ratio 4 x 1024 (SRC_TIMM_DINO sets no mlp_ratio)
    vit_class_token: bool = True          # timm class token (DINOv2 keeps it)
    vit_registers: int = 4                # reg_tokens=4 (SRC_TIMM_DINO)
    vit_position_prefix: bool = False     # no_embed_class=True: positions for the patches only (SRC_TIMM_DINO)
    vit_layer_scale: bool = True          # init_values=1e-5: LayerScale ls1/ls2 (SRC_TIMM_DINO)
    vit_post_norm: bool = True            # timm's final norm (kept in the checkpoint, not applied to the features)
    vit_norm_eps: float = 1e-6            # timm ViT LayerNorm epsilon
    vit_patch_bias: bool = True           # timm PatchEmbed conv bias
    vit_select_layer: int = -2            # get_intermediate_layers(n={len(blocks) - 2}): second-to-last block (SRC_TOWERS L61-67)
    vit2_width: int = 1152                # SigLIP So400m embed_dim (SRC_TIMM_SIGLIP)
    vit2_depth: int = 27                  # SigLIP So400m depth (SRC_TIMM_SIGLIP)
    vit2_heads: int = 16                  # SigLIP So400m num_heads (SRC_TIMM_SIGLIP)
    vit2_mlp_width: int = 4304            # int(1152 * 3.7362) (SRC_TIMM_SIGLIP)
    vit2_pool: str = "attention-head"     # global_pool 'map': timm keeps attn_pool with num_classes=0 (SRC_TIMM_SIGLIP, SRC_TOWERS L55-56)
    mp_kind: str = "fused-mlp"            # fused-gelu-mlp (SRC_PROJECTOR)
    lm_vocab_size: int = 32064            # 32000 + <PAD>, resize_token_embeddings(pad_to_multiple_of=64) (SRC_LLAMA_PAD)
    trainable: tuple = ("vision_encoder", "projector", "language_model")  # the whole model is fine-tuned (paper Sec. 3.4)
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "7B", f"openvla/openvla README.md@{C} L90 (openvla-7b)",
               note="size in the model name",
               cause="the name counts the Llama 2 7B backbone (6.74B); the fused DINOv2 + SigLIP towers (0.73B) "
                     "and the fused projector (0.07B) come on top, 7.54B in all"),
        Stated("action_bins", "256", f"{SRC_ACTION_TOKENIZER} L39 ('the last `n_bins` tokens of the vocabulary "
                                     f"(e.g., tokenizer.vocab[-256:])'), L15 (bins=256)",
               setting="token ids in the last 256 slots of the 32,000-token Llama vocabulary",
               note="every action in [-1, 1] pushed through the tokenizer: ids 31,744-31,999 (vocab_size - "
                    "digitize, L41-45); action_token_begin_idx (L36) is 31,743, one below the lowest id emitted"),
        Stated("action_levels", "256", f"{SRC_ACTION_TOKENIZER} L15, L18 (256 bins per dimension)",
               setting="distinct actions the 256 token ids decode to",
               cause="np.linspace(-1, 1, 256) makes 256 bin edges, hence 255 intervals and 255 bin centres "
                     "(L31-32); digitize returns 1..256 and decoding clips the top index onto the last centre "
                     "(L53-66), so the two highest actions share one token's value: 255 levels"),
    )

    def derived_counts(self) -> dict[str, int]:
        """The action tokenizer re-run on every bin (reproductions/action_tokens.py)."""
        return uniform_bin_tokens(base_vocabulary=BASE_VOCABULARY, bins=ACTION_BINS)
