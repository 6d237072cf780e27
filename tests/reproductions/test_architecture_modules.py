"""The shared modules run: shapes of every projector, tower options, the T5 and Flamingo paths, and
the full-width forward entry point (on a narrow config, so CPU CI stays fast)."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from reproductions import projectors as P  # noqa: E402
from reproductions.assemble import build, narrow  # noqa: E402
from reproductions.layers import Attention, count_parameters  # noqa: E402
from reproductions.vision_towers import VisionTransformer  # noqa: E402
from reproductions.zoo import REPRODUCTIONS  # noqa: E402


@pytest.fixture
def features():
    torch.manual_seed(0)
    return torch.randn(2, 64, 16)  # [B, N=8x8, Dv]


@pytest.mark.parametrize(("projector", "tokens"), [
    (lambda: P.LinearProjector(in_dim=16, out_dim=12), 64),
    (lambda: P.MLPProjector(in_dim=16, out_dim=12, depth=2), 64),
    (lambda: P.QFormer(vision_dim=16, num_queries=5, width=8, depth=2, heads=2, mlp_width=16, out_dim=12), 5),
    (lambda: P.PerceiverResampler(dim=16, depth=1, heads=2, head_dim=4, num_latents=7, out_dim=12), 7),
    (lambda: P.CrossAttentionResampler(kv_dim=16, embed_dim=12, heads=2, num_queries=9, out_dim=12, out_norm=True), 9),
    (lambda: P.PixelShuffleMLP(in_dim=16, out_dim=12, scale=0.5), 16),
    (lambda: P.PixelShuffleMLP(in_dim=16, out_dim=12, scale=0.5, head="linear"), 16),
    (lambda: P.LDPv2Projector(in_dim=16, out_dim=12, grid=4), 16),
    (lambda: P.GLUProjector(in_dim=16, out_dim=12, hidden_dim=20), 66),
    (lambda: P.CAbstractor(in_dim=16, out_dim=12, num_queries=4, depth=1, hidden_dim=8), 4),
])
def test_projector_maps_features_to_visual_tokens(features, projector, tokens):
    out = projector()(features)
    assert out.shape == (2, tokens, 12) and torch.isfinite(out).all()


def test_grid_projectors_reject_a_class_token(features):
    with pytest.raises(ValueError, match="square grid"):
        P.PixelShuffleMLP(in_dim=16, out_dim=12)(torch.cat([features[:, :1], features], dim=1))


def test_qwen_resampler_positions_count_but_do_not_train():
    resampler = P.CrossAttentionResampler(kv_dim=16, embed_dim=12, heads=2, num_queries=9)
    assert not resampler.pos_embed.requires_grad
    assert count_parameters(resampler) - count_parameters(resampler, trainable_only=True) == 9 * 12


def test_grouped_query_attention_and_query_key_norms_run():
    x = torch.randn(1, 5, 32)
    for options in ({"kv_heads": 2}, {"qk_norm": "full", "qkv_bias": "none"}, {"qk_norm": "head", "qkv_bias": "qv"}):
        assert Attention(dim=32, heads=4, **options)(x).shape == (1, 5, 32)


def test_penultimate_layer_features_differ_from_last_and_drop_the_class_token():
    torch.manual_seed(0)
    tower = VisionTransformer(image_size=28, patch_size=14, width=16, depth=2, heads=2, mlp_width=32, pre_norm=True)
    penultimate = VisionTransformer(image_size=28, patch_size=14, width=16, depth=2, heads=2, mlp_width=32,
                                    pre_norm=True, select_layer=-2)
    penultimate.load_state_dict(tower.state_dict())
    pixels = torch.randn(1, 3, 28, 28)
    assert tower(pixels).shape == penultimate(pixels).shape == (1, 4, 16)
    assert not torch.allclose(tower(pixels), penultimate(pixels))


def test_position_table_stored_on_a_smaller_grid_is_interpolated():
    tower = VisionTransformer(image_size=56, patch_size=14, width=16, depth=1, heads=2, mlp_width=32,
                              class_token=False, position_grid=2)
    assert tower.position_embedding.shape == (4, 16)
    assert tower(torch.randn(1, 3, 56, 56)).shape == (1, 16, 16)


@pytest.mark.parametrize("name", ["blip2-flan-t5-xl", "openflamingo-9b", "cogvlm-17b", "fuyu-8b"])
def test_narrow_models_of_each_family_produce_finite_logits(name):
    cfg = narrow(REPRODUCTIONS[name])
    torch.manual_seed(0)
    model = build(cfg).eval()
    h, w = cfg.token_inputs[0] if cfg.vit_kind == "raw-patches" else (cfg.vit_image_size,) * 2
    with torch.no_grad():
        logits = model(torch.randn(1, 3, h, w), torch.randint(0, cfg.lm_vocab_size, (1, 4)))
    assert torch.isfinite(logits).all() and logits.shape[-1] == cfg.lm_vocab_size


def test_full_forward_reports_latency_and_shapes_on_cpu():
    from reproductions.forward import full_forward
    result = full_forward(narrow(REPRODUCTIONS["llava-1.5-7b"]), device="cpu", dtype=torch.float32, repeats=1)
    assert result["logits_finite"] and result["logits_shape"] == [1, 576 + 32, 64]
    assert result["latency_ms_per_image"] > 0 and "peak_memory_gib" not in result


def test_vlkb_repro_cli_registers_run_and_list():
    import argparse

    from vlkb.cli import repro
    parser = argparse.ArgumentParser()
    repro.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["repro", "run", "llava-1.5-7b", "--device", "cpu"])
    assert args.names == ["llava-1.5-7b"] and callable(args.run)
    assert callable(parser.parse_args(["repro", "list"]).run)


def test_tiling_rules_pick_the_grid_their_source_code_picks():
    from reproductions.tokens import anyres_grid, internvl_grid
    pinpoints = ((336, 672), (672, 336), (672, 672), (1008, 336), (336, 1008))  # (width, height)
    assert anyres_grid((672, 672), pinpoints, 336) == (2, 2)
    assert anyres_grid((336, 1008), pinpoints, 336) == (3, 1)       # a wide image: 3 columns, 1 row
    assert anyres_grid((336, 336), pinpoints, 336) == (1, 2)        # ties go to the first least-waste pinpoint
    assert internvl_grid((448, 896), max_tiles=12, tile=448) == (2, 1)
    assert internvl_grid((448, 448), max_tiles=12, tile=448) == (1, 1)
    columns, rows = internvl_grid((300, 4000), max_tiles=12, tile=448)
    assert columns * rows <= 12 and columns > rows
