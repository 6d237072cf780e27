"""Glyph scenes with questions: the vision-to-text data of the connector and query miniatures.

A scene is a `grid` x `grid` board of cells; each cell is empty or holds one coloured shape,
jittered inside its cell and drawn over Gaussian pixel noise. Questions ask what is in a cell
("shape_at", "colour_at") or how many objects have a colour or shape ("count_colour",
"count_shape"); every answer is one word. The same scene is also given as words (one object
word per cell, e.g. "red-plus" or "empty"): the text a language model can be pre-trained on
before it ever sees pixels, as LLaVA's LLM knew language before its projector was trained.

    spec = SceneSpec(grid=3); vocab = scene_vocabulary(spec)
    batch = sample_scenes(spec, vocab, 64, torch.Generator().manual_seed(0))
    batch["images"]       # [64, 3, 3*cell, 3*cell] float
    batch["description"]  # [64, 9] object-word ids, row-major cells
    batch["question"]     # [64, 3] (kind, argument, "?") ids
    batch["answer"]       # [64] answer-word ids
    batch["objects"]      # [64, 9] object class per cell: 0 empty, 1 + shape * colours + colour
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .glyphs import COLOUR_NAMES, COLOURS, SHAPE_NAMES, SHAPES, paste
from .vocabulary import Vocabulary

QUESTION_KINDS = ("shape_at", "colour_at", "count_colour", "count_shape")


@dataclass(frozen=True)
class SceneSpec:
    grid: int = 3  # cells per side; the visual tokens of a patch-per-cell ViT are grid**2
    cell: int = 7  # pixels per cell side: a 5x5 glyph plus up to 2 pixels of jitter
    shapes: int = 6  # how many of glyphs.SHAPE_NAMES are used
    colours: int = 5  # how many of glyphs.COLOUR_NAMES are used
    empty_probability: float = 0.3
    noise: float = 0.1  # standard deviation of additive pixel noise
    question_kinds: tuple[str, ...] = QUESTION_KINDS

    def __post_init__(self) -> None:
        unknown = set(self.question_kinds) - set(QUESTION_KINDS)
        if unknown:
            raise ValueError(f"SceneSpec.question_kinds: unknown {sorted(unknown)}; use {QUESTION_KINDS}")
        if not 1 <= self.shapes <= len(SHAPE_NAMES) or not 1 <= self.colours <= len(COLOUR_NAMES):
            raise ValueError(f"SceneSpec: shapes <= {len(SHAPE_NAMES)} and colours <= {len(COLOUR_NAMES)}")
        if self.cell < 5:
            raise ValueError("SceneSpec.cell must be >= 5 (the glyphs are 5x5)")

    @property
    def cells(self) -> int:
        return self.grid * self.grid

    @property
    def image_size(self) -> int:
        return self.grid * self.cell

    @property
    def object_classes(self) -> int:
        return 1 + self.shapes * self.colours


def object_words(spec: SceneSpec) -> list[str]:
    words = ["empty"]
    for shape in SHAPE_NAMES[: spec.shapes]:
        for colour in COLOUR_NAMES[: spec.colours]:
            words.append(f"{colour}-{shape}")
    return words


def scene_vocabulary(spec: SceneSpec) -> Vocabulary:
    words = ["<pad>", "?"] + list(QUESTION_KINDS)
    words += [f"cell{i}" for i in range(spec.cells)]
    words += list(SHAPE_NAMES[: spec.shapes]) + list(COLOUR_NAMES[: spec.colours])
    words += [str(n) for n in range(spec.cells + 1)]
    words += object_words(spec)  # includes "empty", the answer for an empty cell
    return Vocabulary(words)


def sample_scenes(spec: SceneSpec, vocab: Vocabulary, batch_size: int, generator: torch.Generator) -> dict:
    """Draw `batch_size` scenes and one question each; all randomness comes from `generator`."""
    g, cells = generator, spec.cells
    shape = torch.randint(spec.shapes, (batch_size, cells), generator=g)
    colour = torch.randint(spec.colours, (batch_size, cells), generator=g)
    present = torch.rand(batch_size, cells, generator=g) >= spec.empty_probability
    jitter = torch.randint(spec.cell - 5 + 1, (batch_size, cells, 2), generator=g)
    kind = torch.randint(len(spec.question_kinds), (batch_size,), generator=g)
    cell_asked = torch.randint(cells, (batch_size,), generator=g)
    colour_asked = torch.randint(spec.colours, (batch_size,), generator=g)
    shape_asked = torch.randint(spec.shapes, (batch_size,), generator=g)
    noise = torch.randn(batch_size, 3, spec.image_size, spec.image_size, generator=g)

    index = torch.arange(cells)
    top = (index // spec.grid) * spec.cell + jitter[..., 0]
    left = (index % spec.grid) * spec.cell + jitter[..., 1]
    bitmaps = SHAPES[shape] * present[..., None, None]
    images = torch.zeros(batch_size, 3, spec.image_size, spec.image_size)
    paste(images, bitmaps, top, left, COLOURS[colour])
    images = images + spec.noise * noise

    objects = torch.where(present, 1 + shape * spec.colours + colour, torch.zeros_like(shape))
    first_object_word = vocab["empty"]
    description = first_object_word + objects

    rows = torch.arange(batch_size)
    kinds = [vocab[k] for k in spec.question_kinds]
    kind_word = torch.tensor(kinds)[kind]
    shape_word = vocab[SHAPE_NAMES[0]] + shape
    colour_word = vocab[COLOUR_NAMES[0]] + colour
    count_of_colour = ((colour == colour_asked[:, None]) & present).sum(1)
    count_of_shape = ((shape == shape_asked[:, None]) & present).sum(1)
    present_asked = present[rows, cell_asked]
    answers = {
        "shape_at": torch.where(present_asked, shape_word[rows, cell_asked], vocab["empty"]),
        "colour_at": torch.where(present_asked, colour_word[rows, cell_asked], vocab["empty"]),
        "count_colour": vocab["0"] + count_of_colour,
        "count_shape": vocab["0"] + count_of_shape,
    }
    arguments = {
        "shape_at": vocab["cell0"] + cell_asked,
        "colour_at": vocab["cell0"] + cell_asked,
        "count_colour": vocab[COLOUR_NAMES[0]] + colour_asked,
        "count_shape": vocab[SHAPE_NAMES[0]] + shape_asked,
    }
    answer = torch.zeros(batch_size, dtype=torch.long)
    argument = torch.zeros(batch_size, dtype=torch.long)
    for position, name in enumerate(spec.question_kinds):
        chosen = kind == position
        answer = torch.where(chosen, answers[name], answer)
        argument = torch.where(chosen, arguments[name], argument)
    question_mark = torch.full((batch_size,), vocab["?"])
    question = torch.stack([kind_word, argument, question_mark], dim=1)
    return {
        "images": images,
        "description": description,
        "question": question,
        "answer": answer,
        "objects": objects,
        "kind": kind,
    }
