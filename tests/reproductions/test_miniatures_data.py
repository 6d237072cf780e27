"""The generated datasets: seeded, vectorised, and saying what they draw."""

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

import torch

from reproductions.miniatures.data_digits import DigitPageSpec, sample_digit_pages
from reproductions.miniatures.data_gridworld import (
    ACTIONS,
    GridWorldSpec,
    expert_actions,
    render,
    sample_worlds,
    step,
)
from reproductions.miniatures.data_labelled import LabelledImageSpec, sample_labelled_images
from reproductions.miniatures.data_scenes import SceneSpec, sample_scenes, scene_vocabulary
from reproductions.miniatures.glyphs import DIGITS, SHAPES, paste
from reproductions.miniatures.guidance import to_codes, to_images


def generator(seed=0):
    return torch.Generator().manual_seed(seed)


def test_paste_draws_what_a_loop_draws():
    bitmaps = (torch.rand(3, 2, 5, 5, generator=generator()) > 0.5).float()
    top, left = torch.tensor([[0, 6], [1, 7], [2, 5]]), torch.tensor([[0, 6], [3, 0], [5, 6]])
    colours = torch.rand(3, 2, 3, generator=generator(1))
    expected = torch.zeros(3, 3, 12, 12)
    for b in range(3):
        for s in range(2):
            for y in range(5):
                for x in range(5):
                    if bitmaps[b, s, y, x]:
                        expected[b, :, top[b, s] + y, left[b, s] + x] = colours[b, s]
    assert torch.equal(paste(torch.zeros(3, 3, 12, 12), bitmaps, top, left, colours), expected)


def test_every_glyph_differs_from_every_other():
    for table in (DIGITS, SHAPES):
        flat = table.flatten(1)
        distances = (flat[:, None] != flat[None]).sum(-1) + 100 * torch.eye(len(flat), dtype=torch.long)
        assert distances.min() >= 1


def test_scenes_are_reproducible_from_the_seed():
    spec = SceneSpec()
    vocab = scene_vocabulary(spec)
    first, second = sample_scenes(spec, vocab, 8, generator(3)), sample_scenes(spec, vocab, 8, generator(3))
    assert all(torch.equal(first[k], second[k]) for k in first)


def test_scene_answers_agree_with_a_reference_loop():
    spec = SceneSpec()
    vocab = scene_vocabulary(spec)
    batch = sample_scenes(spec, vocab, 100, generator(4))
    words = vocab.words
    for i in range(100):
        kind, argument, _ = (words[t] for t in batch["question"][i])
        cells = [words[t] for t in batch["description"][i]]
        answer = words[batch["answer"][i]]
        if kind in ("shape_at", "colour_at"):
            content = cells[int(argument.removeprefix("cell"))]
            expected = "empty" if content == "empty" else content.split("-")[1 if kind == "shape_at" else 0]
        elif kind == "count_colour":
            expected = str(sum(c.split("-")[0] == argument for c in cells if c != "empty"))
        else:
            expected = str(sum(c.split("-")[1] == argument for c in cells if c != "empty"))
        assert answer == expected, (i, kind, argument, cells)


def test_scene_cells_with_objects_have_ink_and_empty_cells_do_not():
    spec = SceneSpec(noise=0.0)
    vocab = scene_vocabulary(spec)
    batch = sample_scenes(spec, vocab, 16, generator(5))
    ink = batch["images"].abs().sum(1)  # [B, H, W]
    per_cell = ink.view(16, spec.grid, spec.cell, spec.grid, spec.cell).sum((2, 4)).flatten(1)
    assert torch.equal(per_cell > 0, batch["objects"] > 0)


def test_digit_pages_carry_exactly_the_ink_of_their_digits():
    spec = DigitPageSpec(noise=0.0, min_ink=1.0)
    batch = sample_digit_pages(spec, (6, 12, 24), 32, generator(6))
    expected_ink = DIGITS[batch["digits"]].sum((1, 2, 3))
    assert torch.equal(batch["images"][24].sum((1, 2, 3)), expected_ink)
    for resolution in (6, 12):  # area resizing keeps the mean brightness
        assert batch["images"][resolution].shape[-1] == resolution
        assert torch.allclose(batch["images"][resolution].mean((1, 2, 3)), batch["images"][24].mean((1, 2, 3)), atol=1e-6)


def test_the_expert_reaches_every_target_within_the_horizon():
    spec = GridWorldSpec()
    worlds = sample_worlds(spec, 500, generator(7))
    succeeded = torch.zeros(500, dtype=torch.bool)
    finished = torch.zeros(500, dtype=torch.bool)
    for _ in range(spec.horizon):
        actions = torch.where(finished, ACTIONS.index("stop"), expert_actions(worlds))
        worlds, stopped = step(spec, worlds, actions)
        succeeded |= stopped & ~finished & (worlds["agent"] == worlds["target"]).all(1)
        finished |= stopped
    assert succeeded.all()


def test_the_grid_world_view_is_centred_on_the_agent():
    spec = GridWorldSpec()
    worlds = sample_worlds(spec, 64, generator(8), on_target=0.5)
    images = render(spec, worlds)
    assert images.shape == (64, 3, spec.image_size, spec.image_size)
    centre = images[:, :, (spec.size - 1) * spec.cell, (spec.size - 1) * spec.cell]  # [B, 3]
    on_target = (worlds["agent"] == worlds["target"]).all(1)
    assert on_target.any() and (~on_target).any()
    from reproductions.miniatures.glyphs import COLOURS
    assert torch.equal(centre[on_target], COLOURS[worlds["target_colour"][on_target]])
    # the view's top-left cell is world cell (y - size + 1, x - size + 1): inside the world only
    # when the agent stands in the bottom-right corner, a wall everywhere else
    corner = images[:, :, 0, 0]
    bottom_right = (worlds["agent"] == spec.size - 1).all(1)
    assert torch.equal((corner == 0.5).all(1), ~bottom_right)


def test_labelled_images_round_trip_through_image_codes():
    batch = sample_labelled_images(LabelledImageSpec(), 64, generator(9))
    codes = to_codes(batch["images"])
    assert codes.shape == (64, 16) and int(codes.max()) < 16
    assert torch.equal(to_images(codes, 8), batch["images"])


def test_half_resolution_makes_some_digits_identical_that_full_resolution_keeps_apart():
    """The resolution miniature's premise: at 12 px a digit's image can equal another digit's up to ink
    brightness at some of the page's offsets (jitter 1 around top 9, left 8), at 24 px never."""
    import itertools

    import torch.nn.functional as F

    offsets = list(itertools.product((8, 9, 10), (7, 8, 9)))  # (top, left) of the first digit

    def page(digit, top, left, resolution):
        canvas = torch.zeros(1, 1, 24, 24)
        canvas[0, 0, top:top + 5, left:left + 3] = DIGITS[digit]
        image = F.interpolate(canvas, size=resolution, mode="area").flatten()
        return image / image.norm()

    def identical(resolution, a, b):
        return any(torch.allclose(page(a, *pa, resolution), page(b, *pb, resolution), atol=1e-6)
                   for pa in offsets for pb in offsets)

    assert identical(12, 0, 6) and identical(12, 0, 9)
    assert not any(identical(24, a, b) for a in range(10) for b in range(a + 1, 10))
