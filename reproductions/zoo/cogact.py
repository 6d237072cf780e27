"""CogACT (arXiv 2411.19650) as microsoft/CogACT builds it: OpenVLA's Prismatic VLM (DINOv2 + SigLIP at 224 px,
Llama 2 7B) plus a diffusion action module, in three sizes (DiT-S, DiT-B, DiT-L).

The action module reads one "cognition feature", the last hidden state at the final token, and denoises 16
seven-dimensional actions (the current one and 15 future ones). Its blocks are plain pre-norm transformer
blocks without affine norms; it keeps an unused action-history embedder and a learned null condition for
classifier-free guidance.
"""
from __future__ import annotations

from ..assemble import model_config
from ..policies import PolicyConfig
from ..spec import Stated
from .openvla import OpenVLA_7B

C = "b174a1b86deedfab4d198d935207e7bb0527994e"
SRC_SIZES = f"microsoft/CogACT action_model/action_model.py@{C}"
SRC_DIT = f"microsoft/CogACT action_model/models.py@{C}"
SRC_VLA = f"microsoft/CogACT vla/cogactvla.py@{C}"
SRC_CONF = f"microsoft/CogACT conf/vla.py@{C}"
SRC_README = f"microsoft/CogACT README.md@{C}"
SRC_ABSTRACT = "arXiv 2411.19650v1 Abstract (read on arxiv.org/html/2411.19650v1)"


@model_config
class CogACT_Base(PolicyConfig, OpenVLA_7B):
    name: str = "cogact-base"
    paper: str = "2411.19650"
    catalog_id: str = "cogact"
    act_kind: str = "cogact-dit"          # ActionModel(DiT) on the cognition feature (SRC_VLA L56-60, L141-145)
    act_width: int = 768                  # DiT_B hidden_size (SRC_SIZES L15)
    act_layers: int = 12                  # DiT_B depth (SRC_SIZES L15)
    act_heads: int = 12                   # DiT_B num_heads (SRC_SIZES L15)
    act_dim: int = 7                      # in_channels = action_dim 7 (SRC_VLA L47, L58)
    act_horizon: int = 16                 # future_action_window_size 15 + the current action (SRC_VLA L48; SRC_DIT L196-197)
    trainable: tuple = ("vision_encoder", "projector", "language_model", "action_expert")  # nothing frozen (SRC_CONF L69-71, L97-99)
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "7B", f"{SRC_ABSTRACT}: OpenVLA 'has similar model size (7B) with ours'",
               note="CogACT-Base (DiT-B), the paper's default action module",
               cause="the figure is OpenVLA's name, which counts the Llama 2 7B backbone; the Prismatic VLM is "
                     "7.54B and the DiT-B action module adds 0.09B, 7.63B in all"),
    )

    def derived_counts(self) -> dict[str, int]:
        """No action tokens: the action module replaces OpenVLA's binning tokenizer."""
        return {}


@model_config
class CogACT_Small(CogACT_Base):
    name: str = "cogact-small"
    act_width: int = 384                  # DiT_S hidden_size (SRC_SIZES L13)
    act_layers: int = 6                   # DiT_S depth (SRC_SIZES L13)
    act_heads: int = 4                    # DiT_S num_heads (SRC_SIZES L13)
    stated: tuple = ()


@model_config
class CogACT_Large(CogACT_Base):
    name: str = "cogact-large"
    act_width: int = 1024                 # DiT_L hidden_size (SRC_SIZES L17)
    act_layers: int = 24                  # DiT_L depth (SRC_SIZES L17)
    act_heads: int = 16                   # DiT_L num_heads (SRC_SIZES L17)
    stated: tuple = ()
