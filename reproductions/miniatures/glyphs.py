"""Bitmap glyphs and a vectorised paste: the pixels every generated dataset is drawn from.

The bitmaps are this project's own design (3x5 digits, 5x5 shapes); every glyph differs from
every other, some in a single pixel (e.g. 0/8, 5/6 and 8/9 in the digits).
Nothing here comes from a real font.
`paste` draws a batch of glyphs into a batch of canvases with one scatter, so datasets never loop
over examples in Python.
"""

from __future__ import annotations

import torch

_DIGIT_ROWS = {  # 3 wide x 5 tall, '#' = ink
    0: ("###", "#.#", "#.#", "#.#", "###"),
    1: (".#.", "##.", ".#.", ".#.", "###"),
    2: ("###", "..#", "###", "#..", "###"),
    3: ("###", "..#", ".##", "..#", "###"),
    4: ("#.#", "#.#", "###", "..#", "..#"),
    5: ("###", "#..", "###", "..#", "###"),
    6: ("###", "#..", "###", "#.#", "###"),
    7: ("###", "..#", ".#.", ".#.", ".#."),
    8: ("###", "#.#", "###", "#.#", "###"),
    9: ("###", "#.#", "###", "..#", "###"),
}

SHAPE_NAMES = ("square", "block", "plus", "cross", "triangle", "diamond")
_SHAPE_ROWS = {  # 5 x 5
    "square": ("#####", "#...#", "#...#", "#...#", "#####"),
    "block": ("#####", "#####", "#####", "#####", "#####"),
    "plus": ("..#..", "..#..", "#####", "..#..", "..#.."),
    "cross": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "triangle": ("..#..", ".###.", ".###.", "#####", "#####"),
    "diamond": ("..#..", ".#.#.", "#...#", ".#.#.", "..#.."),
}

COLOUR_NAMES = ("red", "green", "blue", "yellow", "magenta", "cyan")
COLOURS = torch.tensor(  # RGB in [0, 1]
    [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]], dtype=torch.float32
)


def _bitmap(rows: tuple[str, ...]) -> torch.Tensor:
    return torch.tensor([[c == "#" for c in row] for row in rows], dtype=torch.float32)


DIGITS = torch.stack([_bitmap(_DIGIT_ROWS[d]) for d in range(10)])  # [10, 5, 3]
SHAPES = torch.stack([_bitmap(_SHAPE_ROWS[name]) for name in SHAPE_NAMES])  # [6, 5, 5]


def paste(
    canvas: torch.Tensor,
    bitmaps: torch.Tensor,
    top: torch.Tensor,
    left: torch.Tensor,
    colours: torch.Tensor,
) -> torch.Tensor:
    """Draw one glyph per (example, slot) into `canvas` in place and return it.

    canvas [B, C, H, W]; bitmaps [B, S, h, w] (0/1 ink); top, left [B, S] integer offsets;
    colours [B, S, C]. Ink overwrites what was there. Glyphs of one example must not overlap
    (which of two writes to one pixel wins is unspecified); every dataset here places them in
    disjoint cells. A slot whose bitmap is all zeros draws nothing: that is an empty cell.
    """
    batch, slots, height, width = bitmaps.shape
    channels = canvas.shape[1]
    dy = torch.arange(height).view(1, 1, height, 1)
    dx = torch.arange(width).view(1, 1, 1, width)
    rows = (top.view(batch, slots, 1, 1) + dy).expand(batch, slots, height, width)
    cols = (left.view(batch, slots, 1, 1) + dx).expand(batch, slots, height, width)
    ink = bitmaps > 0
    example = torch.arange(batch).view(batch, 1, 1, 1).expand_as(rows)
    b, y, x = example[ink], rows[ink], cols[ink]  # [K] pixel coordinates with ink
    slot = torch.arange(slots).view(1, slots, 1, 1).expand_as(rows)[ink]
    colour = colours[b, slot]  # [K, C]
    for c in range(channels):  # C is 1 or 3; deterministic index_put (no accumulate)
        canvas[b, torch.full_like(b, c), y, x] = colour[:, c]
    return canvas
