"""Labelled binary images for the tiny conditional generator (text-to-vision).

Each image is a `canvas` x `canvas` binary picture of one digit from the 3x5 font at a random
place, with each ink pixel dropped with probability `dropout` so that a class is a distribution
rather than a handful of pictures. The label is the digit. Images are flattened row-major into
`canvas**2` pixel tokens (0 or 1) for an autoregressive generator.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .glyphs import DIGITS, paste


@dataclass(frozen=True)
class LabelledImageSpec:
    canvas: int = 8
    classes: int = 10  # digits 0..classes-1
    dropout: float = 0.1

    @property
    def pixels(self) -> int:
        return self.canvas * self.canvas


def sample_labelled_images(spec: LabelledImageSpec, batch_size: int, generator: torch.Generator) -> dict:
    g = generator
    labels = torch.randint(spec.classes, (batch_size,), generator=g)
    top = torch.randint(spec.canvas - 5 + 1, (batch_size, 1), generator=g)
    left = torch.randint(spec.canvas - 3 + 1, (batch_size, 1), generator=g)
    keep = (torch.rand(batch_size, 1, 5, 3, generator=g) >= spec.dropout).float()
    images = torch.zeros(batch_size, 1, spec.canvas, spec.canvas)
    paste(images, DIGITS[labels][:, None] * keep, top, left, torch.ones(batch_size, 1, 1))
    return {"images": images, "labels": labels, "pixels": images.flatten(1).long()}
