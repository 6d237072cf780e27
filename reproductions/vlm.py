"""Assembled vision-language model: vision encoder -> projector -> language model.

API:
    VisionLanguageModel(vision_encoder, projector, language_model, action_expert=None)
        encode_images(pixels [B,C,H,W]) -> visual_tokens [B,M,D]
        forward(pixels [B,C,H,W], input_ids [B,T]) -> logits [B,M+T,V]
            the visual tokens are spliced before the text embeddings (LLaVA-style prefix);
            a language model with a visual expert (CogVLM) receives the mask of image positions.
        ``action_expert`` (pi0): a second transformer held beside the language model; it has its own forward.
    count_visual_tokens(model, image [C,H,W] or [B,C,H,W]) -> int
        M, read off a real forward pass of the vision encoder and projector.
    RawPatches(patch_size): Fuyu's "encoder": cuts the image into flattened patches [B,N,p*p*C].

The language model only needs ``embed_tokens(ids)`` and ``forward(input_embeds, ...) -> logits``,
so the T5 encoder-decoder of ``t5.py`` also fits (the visual tokens enter its encoder).
"""
from __future__ import annotations

import torch
from torch import nn


class RawPatches(nn.Module):
    """No vision tower: Fuyu-8B feeds raw 30x30 pixel patches to a linear layer (adept.ai Fuyu blog)."""

    def __init__(self, *, patch_size: int):
        super().__init__()
        self.patch_size = patch_size

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        B, C, H, W = pixels.shape
        p = self.patch_size
        if H % p or W % p:
            raise ValueError(f"image {H}x{W} is not a multiple of the patch size {p}; pad it first")
        x = pixels.reshape(B, C, H // p, p, W // p, p).permute(0, 2, 4, 3, 5, 1)   # [B,h,w,p,p,C]
        return x.reshape(B, (H // p) * (W // p), p * p * C)                        # [B,N,p*p*C]


class VisionLanguageModel(nn.Module):
    def __init__(self, vision_encoder: nn.Module, projector: nn.Module, language_model: nn.Module,
                 action_expert: nn.Module | None = None):
        super().__init__()
        self.vision_encoder, self.projector, self.language_model = vision_encoder, projector, language_model
        if action_expert is not None:
            self.action_expert = action_expert

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.projector(self.vision_encoder(pixels))                 # [B,M,D]

    def forward(self, pixels: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        visual_tokens = self.encode_images(pixels)                          # [B,M,D]
        text = self.language_model.embed_tokens(input_ids)                  # [B,T,D]
        embeds = torch.cat([visual_tokens.to(text.dtype), text], dim=1)     # [B,M+T,D]
        if getattr(self.language_model, "visual_expert", False):
            vision_mask = torch.zeros(embeds.shape[:2], dtype=torch.bool, device=embeds.device)
            vision_mask[:, : visual_tokens.shape[1]] = True
            return self.language_model(embeds, vision_mask=vision_mask)
        return self.language_model(embeds)                                   # [B,M+T,V]


@torch.no_grad()
def count_visual_tokens(model: VisionLanguageModel, image: torch.Tensor) -> int:
    if image.dim() == 3:
        image = image.unsqueeze(0)
    return int(model.encode_images(image).shape[1])
