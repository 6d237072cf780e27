"""Grid worlds with language instructions and actions: the vision-to-action data.

A `size` x `size` grid holds `objects` coloured objects in distinct cells and an agent. The
instruction "go to <colour>" names one object, the target. Actions are up, down, left, right and
stop; the expert walks along x first, then y, and stops on the target. An episode succeeds when
the policy says stop on the target cell within the horizon. The agent may walk over objects.

The camera is the agent's own, as on a robot: `render` draws the (2 size - 1)^2 cells around the
agent, the agent's cell in the centre (not drawn over: the centre shows what the agent stands on)
and grey walls beyond the world's edge.

    spec = GridWorldSpec(); worlds = sample_worlds(spec, 32, generator)
    images = render(spec, worlds)                 # [32, 3, view*cell, view*cell], view = 2 size - 1
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
    size: int = 4  # cells per side
    cell: int = 2  # pixels per cell side
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
    def view(self) -> int:  # cells per side of the agent's view
        return 2 * self.size - 1

    @property
    def image_size(self) -> int:
        return self.view * self.cell


def gridworld_vocabulary(spec: GridWorldSpec) -> Vocabulary:
    """Words, then action tokens last, as RT-2 and OpenVLA put actions at the end of the vocabulary."""
    return Vocabulary(["<pad>", "go", "to", "<mask>"] + list(COLOUR_NAMES[: spec.colours]) + [f"<act:{a}>" for a in ACTIONS])


def sample_worlds(spec: GridWorldSpec, batch_size: int, generator: torch.Generator, on_target: float = 0.0) -> dict:
    """Objects in distinct cells and a target among them; the agent stands on the target with
    probability `on_target` (training needs such states, or "stop" is never seen), otherwise
    anywhere else, uniformly. Test episodes start off the target (on_target=0)."""
    g, cells = generator, spec.size * spec.size
    object_cells = torch.rand(batch_size, cells, generator=g).argsort(dim=1)[:, : spec.objects]
    object_colours = torch.rand(batch_size, spec.colours, generator=g).argsort(dim=1)[:, : spec.objects]
    target_slot = torch.randint(spec.objects, (batch_size,), generator=g)
    agent_offset = torch.randint(1, cells, (batch_size,), generator=g)
    stands_on_target = torch.rand(batch_size, generator=g) < on_target
    rows = torch.arange(batch_size)
    target_cell = object_cells[rows, target_slot]
    agent_cell = (target_cell + torch.where(stands_on_target, 0, agent_offset)) % cells
    return {
        "object_cells": object_cells,
        "object_colours": object_colours,
        "target_colour": object_colours[rows, target_slot],
        "target": torch.stack([target_cell // spec.size, target_cell % spec.size], dim=1),
        "agent": torch.stack([agent_cell // spec.size, agent_cell % spec.size], dim=1),
    }


WALL = 0.5  # grey


def render(spec: GridWorldSpec, worlds: dict) -> torch.Tensor:
    """The agent-centred view [B, 3, view*cell, view*cell]."""
    batch_size, size = worlds["agent"].shape[0], spec.size
    board = torch.zeros(batch_size, size * size, 3)
    rows = torch.arange(batch_size)[:, None]
    board[rows, worlds["object_cells"]] = COLOURS[worlds["object_colours"]]
    padded = torch.full((batch_size, 3 * size - 2, 3 * size - 2, 3), WALL)
    padded[:, size - 1 : 2 * size - 1, size - 1 : 2 * size - 1] = board.view(batch_size, size, size, 3)
    offsets = torch.arange(spec.view)
    ys = (worlds["agent"][:, 0:1] + offsets)[:, :, None]  # top-left of the view in padded coordinates
    xs = (worlds["agent"][:, 1:2] + offsets)[:, None, :]
    view = padded[torch.arange(batch_size)[:, None, None], ys, xs]  # [B, view, view, 3]
    view = view.permute(0, 3, 1, 2)
    return view.repeat_interleave(spec.cell, dim=2).repeat_interleave(spec.cell, dim=3)


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
