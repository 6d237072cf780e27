"""Exact integers and visual-token counts read off real forward passes at the true input geometry."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from _architecture_cache import all_results  # noqa: E402

# Exact integers of components whose published shapes fix them (see test_architecture_parity.py
# for the same numbers from the transformers library's own classes).
EXACT_COMPONENTS = {
    ("llava-1.5-7b", "vision_parameters"): 303_507_456,        # CLIP ViT-L/14-336 as CLIPVisionModel
    ("llava-1.5-7b", "language_parameters"): 6_738_415_616,    # LLaMA-2-7B / Vicuna-7B
    ("blip2-opt-2.7b", "language_parameters"): 2_651_678_720,  # OPT-2.7B with BLIP-2's 50,304 rows
    ("blip2-opt-2.7b", "projector_parameters"): 107_130_880,   # Q-Former + 32 queries + projection
    ("nanovlm-222m", "vision_parameters"): 85_797_120,         # SigLIP-B/16-224 without its pooling head
    ("fuyu-8b", "total_parameters"): 9_408_238_592,
}

VISUAL_TOKENS = {
    ("llava-13b-v0", "224x224 image"): 256,      # 16 x 16 patches, CLS dropped
    ("llava-1.5-7b", "336x336 image"): 576,      # 24 x 24 patches
    ("blip2-opt-2.7b", "224x224 image"): 32,     # learned queries
    ("openflamingo-9b", "224x224 image"): 64,    # Perceiver latents
    ("qwen-vl", "448x448 image"): 256,           # resampler queries
    ("nanovlm-222m", "224x224 image"): 49,       # 14 x 14 patches, pixel shuffle by 2
    ("cogvlm-17b", "490x490 image"): 1227,       # 35 x 35 patches + begin/end-of-image
    ("fuyu-8b", "300x300 image"): 110,           # 10 rows x (10 patches + newline)
    ("fuyu-8b", "1080x1920 image"): 2340,        # 36 rows x (64 patches + newline)
    ("llava-next-vicuna-7b", "336x336 image"): 1176,   # base 576 + 1x2 grid unpadded to 24x24 + 24 newlines
    ("llava-next-vicuna-7b", "672x672 image"): 2928,   # base 576 + 48 x (48 + 1)
    ("llava-next-vicuna-7b", "336x1008 image"): 2328,  # 1x3 grid (336x1008 pinpoint): 576 + 24 x (72 + 1)
}


@pytest.mark.parametrize(("model", "quantity"), sorted(EXACT_COMPONENTS))
def test_component_parameter_counts_are_exact(model, quantity):
    assert all_results()[model]["computed"][quantity] == EXACT_COMPONENTS[(model, quantity)]


@pytest.mark.parametrize(("model", "setting"), sorted(VISUAL_TOKENS))
def test_visual_tokens_from_a_real_forward_pass(model, setting):
    assert all_results()[model]["computed"]["visual_tokens"][setting] == VISUAL_TOKENS[(model, setting)]


def test_stated_exact_token_counts_match():
    for result in all_results().values():
        for check in result["checks"]:
            if check["quantity"] == "visual_tokens":
                assert check["verdict"] == "matched", (result["model"], check)


def test_parse_stated_keeps_the_stated_precision():
    from reproductions.spec import compare, parse_stated, precision_of
    assert parse_stated("7.06B") == (7.06e9, pytest.approx(0.005e9))
    assert parse_stated("576") == (576, 0.0)
    assert precision_of("222M") == "1M" and precision_of("7.06B") == "0.01B" and precision_of("32") == "exact"
    assert compare(7_062_902_784, "7B")[0] == "matched"
    assert compare(7_062_902_784, "7.1B")[0] == "matched"
    assert compare(7_062_902_784, "7.06B")[0] == "matched"
    assert compare(7_062_902_784, "7.07B")[0] == "diverged"
    assert compare(33, "32") == ("diverged", 1)


def test_parse_stated_rejects_text_that_is_not_a_number():
    from reproductions.spec import parse_stated
    with pytest.raises(ValueError, match="not a number"):
        parse_stated("about 7B")


def test_variant_takes_the_language_model_of_its_first_base():
    from reproductions.zoo import REPRODUCTIONS
    variant = REPRODUCTIONS["instructblip-vicuna-13b"]
    assert (variant.lm_hidden_size, variant.lm_layers, variant.lm_vocab_size) == (5120, 40, 32001)
    assert variant.mp_text_ffn and variant.vit_width == 1408


def test_tied_embeddings_are_counted_once():
    from reproductions.language_models import DecoderLM
    from reproductions.layers import count_parameters
    with torch.device("meta"):
        tied = DecoderLM(vocab_size=100, hidden_size=8, layers=1, heads=2, intermediate_size=16, tie_embeddings=True)
        untied = DecoderLM(vocab_size=100, hidden_size=8, layers=1, heads=2, intermediate_size=16)
    assert count_parameters(untied) - count_parameters(tied) == 100 * 8
