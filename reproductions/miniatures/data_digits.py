"""Digit strings on a page, rendered at several resolutions: the reading data of the resolution miniature.

A page of `page` x `page` pixels carries a string of `length` digits in the 3x5 bitmap font
(one pixel between digits), centred and shifted by up to `jitter` pixels each way, over pixel
noise (a reading task, not a search: where the string is, is nearly known). The page is drawn once at full
resolution and then resized with area averaging to each requested resolution, as a VLM's image
processor resizes a document to its encoder's input size: at a quarter of the page size a digit
is under one pixel wide and cannot be read.

    spec = DigitPageSpec(page=24, length=3)
    batch = sample_digit_pages(spec, (6, 12, 24), torch.Generator().manual_seed(0))
    batch["images"][12]   # [B, 1, 12, 12]
    batch["digits"]       # [B, 3] digit values 0..9, left to right
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .glyphs import DIGITS, paste
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class DigitPageSpec:
    page: int = 24  # full-resolution page side in pixels
    length: int = 3  # digits per string
    noise: float = 0.1  # pixel noise at full resolution, before resizing
    min_ink: float = 0.6  # ink brightness is uniform in [min_ink, 1]
    jitter: int = 1  # largest shift of the string from the centre, in full-resolution pixels

    def __post_init__(self) -> None:
        if self.string_width + 2 * self.jitter > self.page or 5 + 2 * self.jitter > self.page:
            raise ValueError(f"DigitPageSpec: {self.length} digits (+ jitter) need more than the page's {self.page} px")

    @property
    def string_width(self) -> int:
        return 4 * self.length - 1


def digit_vocabulary(spec: DigitPageSpec) -> Vocabulary:
    return Vocabulary(["<pad>"] + [f"digit{k}?" for k in range(spec.length)] + [str(d) for d in range(10)])


def sample_digit_pages(spec: DigitPageSpec, resolutions: tuple[int, ...], batch_size: int, generator: torch.Generator) -> dict:
    g = generator
    digits = torch.randint(10, (batch_size, spec.length), generator=g)
    shift = torch.randint(-spec.jitter, spec.jitter + 1, (batch_size, 2), generator=g)
    top = (spec.page - 5) // 2 + shift[:, :1]
    left = (spec.page - spec.string_width) // 2 + shift[:, 1:]
    ink = spec.min_ink + (1 - spec.min_ink) * torch.rand(batch_size, 1, 1, generator=g)
    noise = torch.randn(batch_size, 1, spec.page, spec.page, generator=g)
    page = torch.zeros(batch_size, 1, spec.page, spec.page)
    offsets = 4 * torch.arange(spec.length)
    paste(page, DIGITS[digits], top.expand(-1, spec.length), left + offsets, ink.expand(-1, spec.length, 1))
    page = page + spec.noise * noise
    images = {}
    for resolution in resolutions:
        if spec.page % resolution:
            raise ValueError(f"resolution {resolution} must divide the page size {spec.page}")
        images[resolution] = page if resolution == spec.page else F.interpolate(page, size=resolution, mode="area")
    return {"images": images, "digits": digits}
