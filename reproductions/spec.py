"""What a reproduction is: a model config dataclass plus the figures its sources state.

API:
    Stated(quantity, value, source, setting="", note="", cause="")
        one published figure: ``value`` is text exactly as stated ("7B", "9.6B", "222M", "576").
    ModelConfig: base dataclass; subclasses (one per model, in ``reproductions/zoo/``) set
        ``name``, ``paper`` (arXiv id), ``vit_*``, ``mp_*``, ``lm_*`` fields and ``stated``.
    parse_stated(value) -> (number, half_unit): "7.06B" -> (7.06e9, 0.005e9); "576" -> (576, 0).
    compare(computed, value) -> (verdict, difference): "matched" when the computed number rounds to
        the stated one at the stated precision, else "diverged".

Quantities: total_parameters, vision_parameters, projector_parameters, language_parameters,
trainable_parameters, action_expert_parameters (pi0), visual_tokens. ``setting`` qualifies a figure (e.g. "672x672 image").
Unified and MoE models add generation_parameters (the image generator beside the language model: Janus's VQ
head, BLIP3-o's DiT), activated_parameters (language-model parameters one token passes through: shared weights
plus the routed experts it is sent to, embedding tables included), and the same two without the input table and
the output head (activated_nonembedding_parameters, language_nonembedding_parameters), as Moonlight states them.
Vision-to-action models add vlm_parameters (the vision-language backbone of a policy, as GR00T N1 states it) and,
for discrete action tokens, action_bins (vocabulary slots the action tokenizer emits) and action_levels (distinct
actions those tokens decode to); a config computes such figures, which are not parameter counts, in
``derived_counts()``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from vlkb.stated_counts import parse_stated, precision_of  # noqa: F401 (the ledger names them from here)

QUANTITIES = ("total_parameters", "vision_parameters", "projector_parameters", "language_parameters",
              "trainable_parameters", "action_expert_parameters", "visual_tokens",
              # unified and MoE models (issue 17)
              "generation_parameters", "activated_parameters", "activated_nonembedding_parameters",
              "language_nonembedding_parameters",
              # vision-to-action models (issue 17): the VLM part of a policy; a binning tokenizer's slots and levels
              "vlm_parameters", "action_bins", "action_levels")


@dataclass(frozen=True)
class Stated:
    quantity: str
    value: str
    source: str
    setting: str = ""
    note: str = ""
    cause: str = ""  # our explanation when the recomputed figure diverges

    def __post_init__(self):
        if self.quantity not in QUANTITIES:
            raise ValueError(f"quantity {self.quantity!r} is not one of {QUANTITIES}")
        parse_stated(self.value)


def compare(computed: int, value: str) -> tuple[str, float]:
    number, half_unit = parse_stated(value)
    difference = computed - number
    # a hair of slack so that 7.5B stated as "7.5B" is not lost to float rounding
    verdict = "matched" if abs(difference) <= half_unit * (1 + 1e-9) else "diverged"
    return verdict, difference


@dataclass
class ModelConfig:
    """Fields shared by every reproduction; the zoo subclasses override the defaults."""

    name: str = ""
    paper: str = ""            # arXiv id of the paper the model comes from
    catalog_id: str = ""       # id in catalog/papers/ when one exists (cross-reference only)
    stated: tuple[Stated, ...] = field(default_factory=tuple)
    # components whose parameters are trained at the stage the stated trainable figure refers to
    trainable: tuple[str, ...] = ("projector",)
    # inputs at which visual tokens are counted: (height, width) pairs
    token_inputs: tuple[tuple[int, int], ...] = ()
    # how a paper groups parameters when it differs from vision_encoder / projector / language_model:
    # ((quantity, (glob, ...)), ...) over parameter names; a glob starting with "!" excludes
    count_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def replace(self, **changes) -> "ModelConfig":
        return dataclasses.replace(self, **changes)

    def derived_counts(self) -> dict[str, int]:
        """Figures computed from the config rather than from the built model's parameters (none by default)."""
        return {}
