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
    # issue 17: the 2025 flagships, SigLIP 2, and two vision-to-action models
    ("qwen2.5-vl-7b", "vision_parameters"): 631_975_680,       # window-attention ViT (32 blocks, width 1280)
    ("qwen2.5-vl-7b", "projector_parameters"): 44_574_464,     # 2x2 patch merger into 3584
    ("qwen2.5-vl-7b", "language_parameters"): 7_615_616_512,   # Qwen2.5-7B, untied
    ("qwen2.5-vl-7b", "total_parameters"): 8_292_166_656,
    ("qwen2.5-vl-3b", "projector_parameters"): 36_708_608,     # merger into 2048
    ("qwen2.5-vl-3b", "language_parameters"): 3_085_938_688,   # Qwen2.5-3B, tied
    ("qwen2.5-vl-3b", "total_parameters"): 3_754_622_976,
    ("qwen2.5-vl-72b", "projector_parameters"): 68_172_032,    # merger into 8192
    ("qwen2.5-vl-72b", "language_parameters"): 72_706_203_648,
    ("qwen2.5-vl-72b", "total_parameters"): 73_406_351_360,
    ("gemma-3-4b", "vision_parameters"): 416_866_032,          # SigLIP So400m/14 at 896 px, no pooling head
    ("gemma-3-4b", "projector_parameters"): 2_950_272,         # RMSNorm(1152) + 1152 x 2560
    ("gemma-3-4b", "language_parameters"): 3_880_099_328,      # 262,144-row tied table (transformers' has 262,208)
    ("gemma-3-12b", "language_parameters"): 11_765_788_416,
    ("gemma-3-27b", "language_parameters"): 27_009_002_240,
    ("gemma-3-27b", "total_parameters"): 27_432_062_576,
    ("siglip2-b16-224", "vision_parameters"): 92_884_224,      # with the MAP head (85,797,120 without)
    ("siglip2-l16-256", "vision_parameters"): 315_956_224,
    ("siglip2-so400m14-384", "vision_parameters"): 428_225_600,  # 27 x 27 patches at 384 px
    ("siglip2-g-opt16-384", "vision_parameters"): 1_163_659_776,
    ("openvla-7b", "vision_parameters"): 730_911_680,          # DINOv2 ViT-L/14-reg4 + SigLIP So400m/14 (MAP head kept)
    ("openvla-7b", "projector_parameters"): 71_385_600,        # fused GELU MLP 2176 -> 8704 -> 4096 -> 4096
    ("openvla-7b", "language_parameters"): 6_738_939_904,      # Llama 2 7B with 32,064 rows
    ("openvla-7b", "total_parameters"): 7_541_237_184,
    ("pi0", "vision_parameters"): 412_442_352,                 # SigLIP So400m/14 at 224 px, no pooling head
    ("pi0", "projector_parameters"): 2_361_344,                # SigLIP head 1152 -> 2048 with bias
    ("pi0", "language_parameters"): 2_508_531_712,             # Gemma 2B, PaliGemma's 257,152 rows, tied
    ("pi0", "action_expert_parameters"): 311_464_960,          # gemma_300m transformer ('311M params')
    ("pi0", "total_parameters"): 3_238_048_528,
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
    ("qwen2.5-vl-7b", "448x448 image"): 256,     # 32 x 32 patches merged 2 x 2
    ("qwen2.5-vl-7b", "896x1120 image"): 1280,   # 64 x 80 patches merged 2 x 2 (the README's max_pixels)
    ("gemma-3-4b", "896x896 image"): 256,        # 64 x 64 patches average-pooled 4 x 4
    ("openvla-7b", "224x224 image"): 256,        # 16 x 16 patches; CLS and 4 registers dropped
    ("pi0", "224x224 image"): 256,               # 16 x 16 patches
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


def test_qwen2_5_vl_count_does_not_depend_on_the_window():
    from reproductions.architecture import count
    from reproductions.zoo import REPRODUCTIONS
    cfg = REPRODUCTIONS["qwen2.5-vl-7b"]
    assert count(cfg.replace(vit_window=4))["vision_parameters"] == count(cfg)["vision_parameters"]


def test_openvla_action_bins_are_the_last_256_base_vocabulary_tokens():
    """prismatic/vla/action_tokenizer.py: token id = tokenizer.vocab_size - digitize(action, linspace(-1, 1, 256))."""
    from reproductions.zoo import REPRODUCTIONS
    base_vocabulary, bins = 32000, 256
    edges = torch.linspace(-1, 1, bins)
    actions = torch.linspace(-1, 1, 4097)
    ids = base_vocabulary - torch.bucketize(actions, edges, right=True)   # np.digitize semantics
    assert (int(ids.min()), int(ids.max())) == (base_vocabulary - bins, base_vocabulary - 1)
    assert len(set(ids.tolist())) == bins
    # the ids lie inside the checkpoint's 32,064-row table: the action tokens reuse rows, they add none
    assert REPRODUCTIONS["openvla-7b"].lm_vocab_size == 32064 > int(ids.max())
