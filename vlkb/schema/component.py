"""The component record: a vision encoder or language model, with what is needed to rebuild it.

The reproductions rebuild models from these hyper-parameters, so each one needs a source with a
locator (an official config at a commit, or the paper's table).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from vlkb.schema.common import MAX_ITEMS, LocatedSource, Line, OwnId, RecordId, StatedCount, StrictModel, Text
from vlkb.schema.benchmark import PaperRef

ComponentType = Literal["vision-encoder", "language-model", "image-tokenizer", "action-expert"]
"""The two backbones of the survey's pipeline, the tokenizers and autoencoders that image generators
write through, and the action heads or experts of vision-language-action models."""

VISION_KEYS = ("image_size", "patch_size", "width", "depth", "heads", "mlp_width")
LANGUAGE_KEYS = ("hidden_size", "layers", "heads", "kv_heads", "intermediate_size", "vocab_size", "max_positions")
TOKENIZER_KEYS = ("image_size", "codebook_size", "downsampling", "latent_channels")
KEYS_BY_TYPE = {"vision-encoder": VISION_KEYS, "language-model": LANGUAGE_KEYS, "image-tokenizer": TOKENIZER_KEYS,
                "action-expert": LANGUAGE_KEYS}


class Hyperparameters(StrictModel):
    """Architecture numbers; which ones a component may give depends on its type (`KEYS_BY_TYPE`)."""

    image_size: int | None = Field(None, ge=1, description="Input side length in pixels.")
    patch_size: int | None = Field(None, ge=1, description="Patch side length in pixels.")
    width: int | None = Field(None, ge=1, description="Transformer width of the vision tower.")
    depth: int | None = Field(None, ge=1, description="Number of transformer blocks of the vision tower.")
    heads: int | None = Field(None, ge=1, description="Attention heads.")
    mlp_width: int | None = Field(None, ge=1, description="Hidden width of the vision MLP.")
    hidden_size: int | None = Field(None, ge=1, description="LLM hidden size.")
    layers: int | None = Field(None, ge=1, description="LLM decoder layers.")
    kv_heads: int | None = Field(None, ge=1, description="Key/value heads (grouped-query attention).")
    intermediate_size: int | None = Field(None, ge=1, description="LLM MLP width.")
    vocab_size: int | None = Field(None, ge=1, description="Vocabulary size.")
    max_positions: int | None = Field(None, ge=1, description="Context length the model was trained for.")
    codebook_size: int | None = Field(None, ge=2, description="Entries of a discrete image tokenizer's codebook.")
    downsampling: int | None = Field(None, ge=1, description="Spatial downsampling factor of a tokenizer or autoencoder.")
    latent_channels: int | None = Field(None, ge=1, description="Channels of an autoencoder's continuous latent.")


class Component(StrictModel):
    """A part VLLMs are built from: vision encoder, language model, image tokenizer or action expert."""

    id: OwnId = Field(description="Record id; equals the file name.")
    name: Line = Field(description="Display name, e.g. CLIP ViT-L/14 at 336 px.")
    type: ComponentType = Field(description="vision-encoder, language-model, image-tokenizer or action-expert.")
    family: Line = Field(description="Model family, e.g. CLIP, LLaMA-2.")
    parameters: StatedCount | None = Field(None, description="Parameter count as stated by the source.")
    hyperparameters: Hyperparameters = Field(default_factory=Hyperparameters, description="Numbers to rebuild it.")
    introduced_by: RecordId | None = Field(None, description="Catalog id of the introducing paper, if present.")
    paper: PaperRef | None = Field(None, description="The paper that introduced it.")
    note: Text | None = Field(None, description="Caveats, e.g. which layer VLLMs take features from.")
    sources: list[LocatedSource] = Field(min_length=1, max_length=MAX_ITEMS, description="Where the numbers were read, with locators.")

    @model_validator(mode="after")
    def _keys_fit_type(self) -> "Component":
        given = {k for k, v in self.hyperparameters.model_dump().items() if v is not None}
        foreign = given - set(KEYS_BY_TYPE[self.type])
        if foreign:
            raise ValueError(f"hyper-parameters {sorted(foreign)} do not belong to a {self.type}")
        return self
