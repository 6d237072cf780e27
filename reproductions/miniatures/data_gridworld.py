"""Grid worlds with language instructions and actions: the vision-to-action data.

A `size` x `size` grid holds `objects` coloured objects in distinct cells and a white agent.
The instruction "go to <colour>" names one object, the target. Actions are up, down, left,
right and stop; the expert walks along x first, then y, and stops on the target. An episode
succeeds when the policy says stop on the target cell within the horizon. The agent may walk
over other objects (it is drawn on top of them).

    spec = GridWorldSpec(); worlds = sample_worlds(spec, 32, generator)
    images = render(spec, worlds)                 # [32, 3, size*cell, size*cell]
    actions = expert_actions(worlds)              # [32] indices into ACTIONS
    worlds, done = step(spec, worlds, actions)    # vectorised environment step
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .glyphs import COLOUR_NAMES, COLOURS
from .vocabulary import Vocabulary

ACTIONS = ("up", "down", "left", "right", "stop")
_MOVES = torch.tensor([[-1, 0], [1, 0], [0, -1], [0, 1], [0, 0]])  # (dy, dx) per action


@dataclass(frozen=True)
class GridWorldSpec:
    size: int = 5  # cells per side
    cell: int = 3  # pixels per cell side
    objects: int = 3  # objects per world, distinct colours
    colours: int = 5  # palette size (instructions name one of these colours)

    def __post_init__(self) -> None:
        if not self.objects <= self.colours <= len(COLOUR_NAMES):
            raise ValueError(f"GridWorldSpec: need objects <= colours <= {len(COLOUR_NAMES)}")
        if self.objects + 1 > self.size * self.size:
            raise ValueError("GridWorldSpec: too many objects for the grid")

    @property
    def horizon(self) -> int:  # the longest expert path (2 * (size - 1) moves) plus stop, plus slack
        return 2 * self.size

    @property
    def image_size(self) -> int:
        return self.size * self.cell


def gridworld_vocabulary(spec: GridWorldSpec) -> Vocabulary:
    """Words, then action tokens last, as RT-2 and OpenVLA put actions at the end of the vocabulary."""
    return Vocabulary(["<pad>", "go", "to", "<mask>"] + list(COLOUR_NAMES[: spec.colours]) + [f"<act:{a}>" for a in ACTIONS])


def sample_worlds(spec: GridWorldSpec, batch_size: int, generator: torch.Generator) -> dict:
    """Objects in distinct cells, target = object 0's colour, agent anywhere but the target cell."""
    g, cells = generator, spec.size * spec.size
    object_cells = torch.rand(batch_size, cells, generator=g).argsort(dim=1)[:, : spec.objects]
    object_colours = torch.rand(batch_size, spec.colours, generator=g).argsort(dim=1)[:, : spec.objects]
    target_slot = torch.randint(spec.objects, (batch_size,), generator=g)
    agent_offset = torch.randint(1, cells, (batch_size,), generator=g)
    rows = torch.arange(batch_size)
    target_cell = object_cells[rows, target_slot]
    agent_cell = (target_cell + agent_offset) % cells  # uniform over the other cells
    return {
        "object_cells": object_cells,
        "object_colours": object_colours,
        "target_colour": object_colours[rows, target_slot],
        "target": torch.stack([target_cell // spec.size, target_cell % spec.size], dim=1),
        "agent": torch.stack([agent_cell // spec.size, agent_cell % spec.size], dim=1),
    }


def render(spec: GridWorldSpec, worlds: dict) -> torch.Tensor:
    batch_size = worlds["agent"].shape[0]
    board = torch.zeros(batch_size, spec.size * spec.size, 3)
    rows = torch.arange(batch_size)[:, None]
    board[rows, worlds["object_cells"]] = COLOURS[worlds["object_colours"]]
    agent_cell = worlds["agent"][:, 0] * spec.size + worlds["agent"][:, 1]
    board[torch.arange(batch_size), agent_cell] = 1.0
    board = board.view(batch_size, spec.size, spec.size, 3).permute(0, 3, 1, 2)
    return board.repeat_interleave(spec.cell, dim=2).repeat_interleave(spec.cell, dim=3)


def instructions(spec: GridWorldSpec, vocab: Vocabulary, worlds: dict, masked: torch.Tensor | None = None) -> torch.Tensor:
    """[B, 3] token ids of "go to <colour>"; rows where `masked` is True say "go to <mask>"."""
    colour_word = vocab[COLOUR_NAMES[0]] + worlds["target_colour"]
    if masked is not None:
        colour_word = torch.where(masked, vocab["<mask>"], colour_word)
    batch_size = colour_word.shape[0]
    return torch.stack([torch.full((batch_size,), vocab["go"]), torch.full((batch_size,), vocab["to"]), colour_word], dim=1)


def expert_actions(worlds: dict) -> torch.Tensor:
    delta = worlds["target"] - worlds["agent"]
    dy, dx = delta[:, 0], delta[:, 1]
    action = torch.full_like(dx, ACTIONS.index("stop"))
    action = torch.where(dy < 0, ACTIONS.index("up"), action)
    action = torch.where(dy > 0, ACTIONS.index("down"), action)
    action = torch.where(dx < 0, ACTIONS.index("left"), action)
    return torch.where(dx > 0, ACTIONS.index("right"), action)


def step(spec: GridWorldSpec, worlds: dict, actions: torch.Tensor) -> tuple[dict, torch.Tensor]:
    """Move the agent (walls clamp it); returns the new worlds and which episodes chose stop."""
    moved = (worlds["agent"] + _MOVES[actions]).clamp(0, spec.size - 1)
    return {**worlds, "agent": moved}, actions == ACTIONS.index("stop")
