"""Miniature 5 - query-based compression (BLIP-2's Q-Former, arXiv 2301.12597; Flamingo's
Perceiver resampler, arXiv 2204.14198): how accuracy changes with the number of learned queries
when the task needs the information of the whole image.

Scenes of 4 x 4 cells (16 patch features); every question asks for the shape or the colour in
one named cell, so an answer needs that cell's content and the resampler, which does not see
the question, must keep all 16 cells. A Perceiver resampler with M learned latents sits between
the ViT and the decoder LM; everything trains end to end from the same seed and data for
M in {1, 4, 16}. Expectation: accuracy rises with M until M reaches the number of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from ..projectors import PerceiverResampler
from ..vlm import VisionLanguageModel, count_visual_tokens
from .data_scenes import SceneSpec, sample_scenes, scene_vocabulary
from .harness import TEST_SEED, Comparison, Preregistration
from .models import evaluate_in_chunks, seeded, tiny_language_model, tiny_vision_encoder
from .training import train


@dataclass(frozen=True)
class QueryConfig:
    scene: SceneSpec = field(default_factory=lambda: SceneSpec(grid=4, question_kinds=("shape_at", "colour_at")))
    queries: tuple[int, ...] = (1, 4, 16)
    vit_width: int = 32
    vit_depth: int = 1
    vit_heads: int = 2
    resampler_depth: int = 1
    resampler_heads: int = 2
    lm_width: int = 32
    lm_layers: int = 1
    lm_heads: int = 2
    batch: int = 64
    steps: int = 80  # cpu-tiny: smoke-test sized
    lr: float = 3e-3
    test_examples: int = 256
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)
    margin: float = 0.02


CONFIGS = {
    "cpu-tiny": QueryConfig(),
    "gpu": QueryConfig(
        vit_width=64, vit_depth=2, vit_heads=4, resampler_depth=2, resampler_heads=4,
        lm_width=64, lm_layers=2, lm_heads=4, batch=256, steps=2000, lr=1e-3, test_examples=4096,
        seeds=tuple(range(8)),
    ),
}


def arm_name(queries: int) -> str:
    return f"{queries}-queries"


def preregister(config: QueryConfig) -> Preregistration:
    arms = tuple(arm_name(q) for q in config.queries)
    return Preregistration(
        miniature="queries",
        source_claim="BLIP-2 Q-Former / Flamingo Perceiver resampler: a fixed number of learned queries compresses the image",
        metric="exact answer accuracy on per-cell shape/colour questions over 4x4 glyph scenes",
        arms=arms,
        comparisons=tuple(
            Comparison(f"{more}-beat-{fewer}", f"{more} answer more questions than {fewer}", more, fewer, config.margin)
            for fewer, more in zip(arms, arms[1:])
        ),
        seeds=config.seeds,
        budget={"steps": config.steps, "batch": config.batch, "test_examples": config.test_examples,
                "cells": config.scene.cells, "resampler": "PerceiverResampler"},
    )


class QueryReader(nn.Module):
    def __init__(self, vlm: VisionLanguageModel):
        super().__init__()
        self.vlm = vlm

    def logits(self, batch: dict) -> torch.Tensor:
        return self.vlm(batch["images"], batch["question"])[:, -1]

    def forward(self, batch: dict) -> torch.Tensor:
        return F.cross_entropy(self.logits(batch), batch["answer"])


def run_seed(config: QueryConfig, seed: int, device: str) -> dict:
    spec, vocab = config.scene, scene_vocabulary(config.scene)
    test = sample_scenes(spec, vocab, config.test_examples, torch.Generator().manual_seed(TEST_SEED))
    test = {k: v.to(device) for k, v in test.items()}
    arms = {}
    for queries in config.queries:
        generator = torch.Generator().manual_seed(seed)
        vlm = seeded(seed, lambda: VisionLanguageModel(
            tiny_vision_encoder(image_size=spec.image_size, patch_size=spec.cell, width=config.vit_width,
                                depth=config.vit_depth, heads=config.vit_heads),
            PerceiverResampler(dim=config.vit_width, depth=config.resampler_depth, heads=config.resampler_heads,
                               head_dim=config.vit_width // config.resampler_heads, num_latents=queries, ff_mult=2,
                               out_dim=config.lm_width),
            tiny_language_model(vocab_size=len(vocab), width=config.lm_width, layers=config.lm_layers, heads=config.lm_heads),
        ))
        model = QueryReader(vlm).to(device)
        train(model, lambda _: sample_scenes(spec, vocab, config.batch, generator), steps=config.steps, lr=config.lr, device=device)
        with torch.no_grad():
            correct = (evaluate_in_chunks(model.logits, test, 1024).argmax(-1) == test["answer"]).sum().item()
            tokens = count_visual_tokens(vlm, test["images"][:1])
        arms[arm_name(queries)] = {"successes": int(correct), "trials": config.test_examples, "visual_tokens": tokens}
    return {"arms": arms}
