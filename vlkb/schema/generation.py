"""How a text-to-vision or unified model generates images.

The survey's text-to-vision stream (arXiv 2501.02765, Section 5) and the unified models since differ in
the generator (diffusion, autoregression over visual tokens, masked prediction, flow matching), the
image tokenizer or autoencoder, and how the language model steers generation. Facts per variant, sourced.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from vlkb.schema.common import MAX_ITEMS, Line, LocatedSource, RecordId, StrictModel, Text

GeneratorFamily = Literal["diffusion", "autoregressive", "masked", "flow-matching", "hybrid"]
"""How pixels come about: denoising, next-token prediction over visual tokens, masked-token prediction,
flow matching, or a mix (e.g. autoregression that ends in a diffusion head)."""

Conditioning = Literal["hidden-states-to-diffusion", "learnable-queries", "shared-transformer", "text-encoder",
                       "other"]
"""How the language model steers the generator: its hidden states feed a diffusion decoder, learnable
queries read them out, one transformer makes both text and image tokens, or a separate text encoder."""

EncoderSharing = Literal["shared", "separate"]
"""Whether understanding and generation read images through the same encoder (unified models)."""


class GenerationFacts(StrictModel):
    """How one model variant generates images."""

    variant: Line = Field(description="Model variant, as in architecture and results.")
    generator: GeneratorFamily = Field(description="Generator family (controlled vocabulary).")
    image_tokenizer: RecordId | None = Field(None, description="Id of the tokenizer or autoencoder in catalog/components/.")
    codebook_size: int | None = Field(None, ge=2, le=10**9, description="Entries of the visual codebook (discrete tokenizers).")
    downsampling: int | None = Field(None, ge=1, le=1024, description="Spatial downsampling factor of the tokenizer or VAE.")
    latent_channels: int | None = Field(None, ge=1, le=100_000, description="Channels of a continuous latent.")
    output_resolution: int | None = Field(None, ge=1, le=100_000, description="Side length of generated images in pixels.")
    conditioning: Conditioning | None = Field(None, description="How the language model conditions the generator.")
    encoders: EncoderSharing | None = Field(None, description="Shared or separate encoders for understanding and generation.")
    decoder: Line | None = Field(None, description="The diffusion decoder or image head, as the source names it.")
    note: Text | None = Field(None, description="Caveats in our own words.")
    sources: list[LocatedSource] = Field(min_length=1, max_length=MAX_ITEMS, description="Where these facts were read.")
