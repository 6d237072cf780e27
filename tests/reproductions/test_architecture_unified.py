"""Unified understanding-and-generation models and the 2025 flagships (issue 17): exact integers on the meta
device, visual tokens from narrow forward passes, and the building blocks they need (VQ tokenizers, the
generation heads, the MoE decoder). Only these models are built, so the file runs in well under a minute."""
from __future__ import annotations

import functools

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from reproductions.architecture import _skip_init, count, tokens  # noqa: E402
from reproductions.assemble import build, narrow  # noqa: E402
from reproductions.layers import count_parameters  # noqa: E402
from reproductions.zoo import REPRODUCTIONS  # noqa: E402

EXACT = {
    ("janus-1.3b", "total_parameters"): 2_089_232_011,
    ("janus-1.3b", "vision_parameters"): 316_283_904,       # SigLIP-L/16-384 with its MAP head and final norm
    ("janus-1.3b", "projector_parameters"): 6_295_552,      # 1024 -> 2048 -> 2048 GELU MLP
    ("janus-1.3b", "language_parameters"): 1_652_656_128,   # DeepSeek-LLM 1.3B, two 102,400-row tables
    ("janus-1.3b", "generation_parameters"): 113_996_427,   # VQ-16 (71,883,403) + gen_embed, gen_aligner, gen_head
    ("janus-pro-7b", "total_parameters"): 7_420_368_523,
    ("janus-pro-7b", "projector_parameters"): 20_979_712,
    ("janus-pro-7b", "language_parameters"): 6_910_365_696,
    ("janus-pro-7b", "generation_parameters"): 172_739_211,
    ("show-o-256", "total_parameters"): 1_543_557_630,
    ("show-o-256", "vision_parameters"): 95_387_004,        # MAGVIT-v2 encoder + decoder, lookup-free codes
    ("show-o-256", "language_parameters"): 1_448_170_626,   # Phi-1.5 with 58,498-row tables and a biased head
    ("emu3", "total_parameters"): 8_762_751_807,
    ("emu3", "vision_parameters"): 270_740_287,             # the MoVQGAN-style video tokenizer
    ("emu3", "language_parameters"): 8_492_011_520,
    ("chameleon-7b", "total_parameters"): 7_081_877_379,
    ("chameleon-7b", "vision_parameters"): 68_718_467,      # taming VQGAN, 8192 x 256 codebook
    ("chameleon-7b", "language_parameters"): 7_013_158_912,
    ("blip3o-8b", "total_parameters"): 9_657_406_368,
    ("blip3o-8b", "generation_parameters"): 1_365_239_712,  # 64 x 3584 queries + Lumina-Next DiT (1792 wide, 24 layers)
    ("blip3o-4b", "total_parameters"): 5_117_011_872,
    ("blip3o-4b", "generation_parameters"): 1_362_388_896,
    ("internvl3-1b", "total_parameters"): 938_193_024,
    ("internvl3-1b", "vision_parameters"): 304_012_288,     # InternViT-300M-448px-V2_5 (layer scale, class token)
    ("internvl3-1b", "projector_parameters"): 4_482_816,    # LayerNorm(4096) + 4096 -> 896 -> 896
    ("internvl3-1b", "language_parameters"): 629_697_920,   # Qwen2.5-0.5B shape, 151,674 rows, untied
    ("internvl3-8b", "total_parameters"): 7_944_373_760,
    ("internvl3-8b", "projector_parameters"): 27_540_480,
    ("internvl3-8b", "language_parameters"): 7_612_820_992,
    ("kimi-vl-a3b", "total_parameters"): 16_407_656_048,
    ("kimi-vl-a3b", "vision_parameters"): 416_866_032,      # MoonViT (27 layers, 64 x 64 position table)
    ("kimi-vl-a3b", "projector_parameters"): 30_679_808,    # LayerNorm(1152) + 4608 -> 4608 -> 2048
    ("kimi-vl-a3b", "language_parameters"): 15_960_110_208,
    ("kimi-vl-a3b", "activated_parameters"): 2_914_776_192,
    ("kimi-vl-a3b", "activated_nonembedding_parameters"): 2_243_687_552,   # Moonlight: 2.24B
    ("kimi-vl-a3b", "language_nonembedding_parameters"): 15_289_021_568,   # Moonlight: 15.29B
}

VISUAL_TOKENS = {
    ("janus-1.3b", "384x384 image"): 576,        # 24 x 24 SigLIP patches
    ("show-o-256", "256x256 image"): 256,        # 16 x 16 MAGVIT-v2 codes
    ("show-o-512", "512x512 image"): 1024,       # 32 x 32 codes
    ("chameleon-7b", "512x512 image"): 1024,     # 32 x 32 codes
    ("blip3o-8b", "448x448 image"): 256,         # Qwen2.5-VL understanding path
    ("internvl3-1b", "448x448 image"): 256,      # 32 x 32 patches, pixel shuffle 0.5
    ("internvl3-1b", "896x896 image"): 1280,     # 2 x 2 tiles + thumbnail
    ("kimi-vl-a3b", "448x448 image"): 256,       # 32 x 32 patches merged 2 x 2
}


@functools.lru_cache(maxsize=None)
def _counts(name: str) -> dict:
    return count(REPRODUCTIONS[name])


@functools.lru_cache(maxsize=None)
def _tokens(name: str) -> dict:
    return tokens(REPRODUCTIONS[name])


def _meta(cfg):
    with torch.device("meta"), _skip_init():
        return build(cfg)


@pytest.mark.parametrize(("model", "quantity"), sorted(EXACT))
def test_parameter_counts_are_exact(model, quantity):
    assert _counts(model)[quantity] == EXACT[(model, quantity)]


@pytest.mark.parametrize(("model", "setting"), sorted(VISUAL_TOKENS))
def test_visual_tokens_from_a_narrow_forward_pass(model, setting):
    assert _tokens(model)[setting] == VISUAL_TOKENS[(model, setting)]


def test_emu3_image_is_rows_of_codes_each_closed_by_an_end_of_line_token():
    """8x downsampling: 64 x 64 codes at 512 px, plus one eol per row (8190 at Emu3's 720 px image area)."""
    cfg = REPRODUCTIONS["emu3"].replace(vit_image_size=512, token_inputs=((512, 512),))
    assert tokens(cfg)["512x512 image"] == 64 * 64 + 64
    assert REPRODUCTIONS["emu3"].vit_image_size // 8 == 90  # 90 x 91 = 8190 at 720 px (the ledger's forward pass)


def test_janus_1_3b_and_janus_pro_1b_share_one_architecture():
    assert _counts("janus-1.3b") == _counts("janus-pro-1b")


@pytest.mark.parametrize(("name", "side", "grid"), [("janus-1.3b", 384, 24), ("chameleon-7b", 512, 32),
                                                     ("show-o-256", 256, 16)])
def test_tokenizer_codes_cover_the_image_at_its_downsampling(name, side, grid):
    torch.manual_seed(0)
    model = build(narrow(REPRODUCTIONS[name])).eval()
    tokenizer = model.image_generator.tokenizer if hasattr(model, "image_generator") else model.vision_encoder
    with torch.no_grad():
        codes = tokenizer.encode(torch.randn(1, 3, side, side))
        pixels = tokenizer.decode(codes)
    assert codes.shape == (1, grid, grid) and 0 <= int(codes.min()) and int(codes.max()) < tokenizer.codebook_size
    assert pixels.shape == (1, 3, side, side) and torch.isfinite(pixels).all()


def test_lookup_free_quantizer_has_no_codebook_weights():
    tokenizer = _meta(REPRODUCTIONS["show-o-256"]).vision_encoder
    assert tokenizer.codebook is None and tokenizer.codebook_size == 2 ** 13


def test_moe_activated_parameters_leave_out_the_unrouted_experts():
    cfg = REPRODUCTIONS["kimi-vl-a3b"]
    expert = 3 * cfg.lm_hidden_size * cfg.lm_expert_width                   # SwiGLU gate, up, down
    moe_layers = cfg.lm_layers - cfg.lm_dense_layers
    inactive = moe_layers * (cfg.lm_experts - cfg.lm_experts_per_token) * expert
    counts = _counts("kimi-vl-a3b")
    assert counts["language_parameters"] - counts["activated_parameters"] == inactive


def test_narrow_moe_decoder_routes_and_produces_finite_logits():
    cfg = narrow(REPRODUCTIONS["kimi-vl-a3b"])
    torch.manual_seed(0)
    model = build(cfg).eval()
    with torch.no_grad():
        logits = model(torch.randn(1, 3, 448, 448), torch.randint(0, cfg.lm_vocab_size, (1, 4)))
    assert logits.shape == (1, 256 + 4, cfg.lm_vocab_size) and torch.isfinite(logits).all()


def test_kimi_vl_count_does_not_depend_on_the_counting_resolution():
    cfg = REPRODUCTIONS["kimi-vl-a3b"]
    assert count(cfg.replace(vit_image_size=896))["vision_parameters"] == _counts("kimi-vl-a3b")["vision_parameters"]


def test_blip3o_dit_width_under_newer_diffusers_adds_297m():
    """diffusers >= 0.33 no longer takes two thirds of LuminaFeedForward's inner_dim (4 x 1792 -> 7168, not 4864)."""
    wide = count(REPRODUCTIONS["blip3o-8b"].replace(gen_dit_mlp_width=7168))["generation_parameters"]
    assert wide - _counts("blip3o-8b")["generation_parameters"] == 24 * 3 * 1792 * (7168 - 4864) == 297_271_296


def test_chameleon_query_key_norms_are_layernorms_with_bias():
    cfg = REPRODUCTIONS["chameleon-7b"]
    with_bias = count_parameters(_meta(cfg).language_model)
    rms = count_parameters(_meta(cfg.replace(lm_qk_norm="head")).language_model)
    assert with_bias - rms == cfg.lm_layers * 2 * (cfg.lm_hidden_size // cfg.lm_heads)


def test_unified_models_state_every_tokenizer_field():
    from reproductions.assemble import unstated_fields
    assert unstated_fields(REPRODUCTIONS["chameleon-7b"].replace(vq_kind="none")) == ["vq_kind"]
    assert "vq_codebook_size" in unstated_fields(REPRODUCTIONS["janus-1.3b"].replace(vq_codebook_size=None))
    assert "lm_expert_width" in unstated_fields(REPRODUCTIONS["kimi-vl-a3b"].replace(lm_expert_width=None))
