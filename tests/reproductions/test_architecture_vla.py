"""Vision-to-action policies (issue 17): exact integers of Octo, SmolVLA, RDT-1B, GR00T N1 and CogACT, their
visual tokens, the verdicts of their stated figures, OpenVLA's action-token check, and parity of the parts that
the transformers library also implements (T5 encoders, SigLIP and SmolVLM towers, Llama decoders, SmolVLA's
expert as lerobot edits a LlamaModel). Counts run on the meta device; parity is checked two layers deep."""
from __future__ import annotations

import functools

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from reproductions.architecture import reproduce  # noqa: E402
from reproductions.assemble import build, narrow  # noqa: E402
from reproductions.layers import count_parameters  # noqa: E402
from reproductions.zoo import REPRODUCTIONS  # noqa: E402

POLICIES = ("octo-small", "octo-base", "smolvla-base", "rdt-1b", "gr00t-n1-2b", "cogact-small", "cogact-base",
            "cogact-large")


@functools.lru_cache(maxsize=None)
def result(name: str) -> dict:
    return reproduce(REPRODUCTIONS[name])


EXACT = {
    # Octo: the README's sizes are everything but the frozen t5-base encoder
    ("octo-small", "trainable_parameters"): 27_042_060,
    ("octo-small", "trunk_parameters"): 21_294_336,          # 12 ViT-S blocks + encoder_norm
    ("octo-small", "vision_parameters"): 2_116_096,          # two SmallStem16 tokenizers on 6 channels
    ("octo-small", "projector_parameters"): 1_928_064,       # dense maps + position tables over 10 steps
    ("octo-small", "action_expert_parameters"): 1_703_564,   # diffusion MLP-ResNet
    ("octo-small", "language_parameters"): 109_628_544,      # t5-base encoder (T5 1.0, ReLU)
    ("octo-small", "total_parameters"): 136_670_604,
    ("octo-base", "trainable_parameters"): 92_830_092,
    ("octo-base", "trunk_parameters"): 85_056_000,
    ("octo-base", "total_parameters"): 202_458_636,
    # SmolVLA: SmolVLM2-500M cut to 16 layers (head kept) + the interleaved expert
    ("smolvla-base", "vision_parameters"): 86_433_024,       # SigLIP-B/16 at 512 px, no pooling head
    ("smolvla-base", "projector_parameters"): 11_796_480,    # 12,288 -> 960, no bias
    ("smolvla-base", "language_parameters"): 251_935_680,    # 16 SmolLM2-360M layers, 49,280 rows, untied head
    ("smolvla-base", "action_expert_parameters"): 99_880_992,
    ("smolvla-base", "total_parameters"): 450_046_176,
    # RDT-1B: the runner's "Diffusion params" are model + three adaptors
    ("rdt-1b", "trainable_parameters"): 1_228_319_872,
    ("rdt-1b", "projector_parameters"): 6_557_696,           # img_adaptor 1152 -> 2048 -> 2048
    ("rdt-1b", "action_expert_parameters"): 1_221_762_176,
    ("rdt-1b", "vision_parameters"): 428_225_600,            # SigLIP So400m/14 at 384 px with its MAP head
    ("rdt-1b", "language_parameters"): 4_762_310_656,        # T5 1.1 XXL encoder
    ("rdt-1b", "total_parameters"): 6_418_856_128,
    # GR00T N1: Eagle-2 cut at layer 12 + EagleBackbone.linear, and the flow-matching DiT head
    ("gr00t-n1-2b", "vision_parameters"): 412_442_352,
    ("gr00t-n1-2b", "projector_parameters"): 13_644_800,
    ("gr00t-n1-2b", "language_parameters"): 906_045_440,
    ("gr00t-n1-2b", "vlm_parameters"): 1_335_279_856,
    ("gr00t-n1-2b", "action_expert_parameters"): 854_736_896,
    ("gr00t-n1-2b", "total_parameters"): 2_190_016_752,
    # CogACT: OpenVLA's Prismatic VLM (7,541,237,184) + DiT action modules
    ("cogact-small", "action_expert_parameters"): 12_476_807,
    ("cogact-base", "action_expert_parameters"): 88_986_887,
    ("cogact-large", "action_expert_parameters"): 307_764_231,
    ("cogact-base", "total_parameters"): 7_630_224_071,
}

TOKENS = {
    ("octo-small", "256x256 image"): 256,      # primary camera: 16 x 16 stem tokens
    ("smolvla-base", "512x512 image"): 64,     # 32 x 32 patches, pixel shuffle by 4
    ("rdt-1b", "384x384 image"): 729,          # 27 x 27 SigLIP patches
    ("gr00t-n1-2b", "224x224 image"): 64,      # 16 x 16 patches, pixel shuffle by 2
    ("cogact-base", "224x224 image"): 256,     # OpenVLA's 16 x 16 patches
}

VERDICTS = {
    ("octo-small", "trainable_parameters", "27M"): "matched",
    ("octo-base", "trainable_parameters", "93M"): "matched",
    ("smolvla-base", "total_parameters", "450M"): "matched",
    ("smolvla-base", "visual_tokens", "64"): "matched",
    ("rdt-1b", "trainable_parameters", "1.2B"): "matched",
    ("rdt-1b", "trainable_parameters", "1B"): "matched",
    ("rdt-1b", "visual_tokens", "729"): "matched",
    ("gr00t-n1-2b", "total_parameters", "2.2B"): "matched",
    ("gr00t-n1-2b", "vlm_parameters", "1.34B"): "matched",
    ("gr00t-n1-2b", "visual_tokens", "64"): "matched",
    ("cogact-base", "total_parameters", "7B"): "diverged",
    ("openvla-7b", "action_bins", "256"): "matched",
    ("openvla-7b", "action_levels", "256"): "diverged",
}


@pytest.mark.parametrize(("model", "quantity"), sorted(EXACT))
def test_policy_parameter_counts_are_exact(model, quantity):
    assert result(model)["computed"][quantity] == EXACT[(model, quantity)]


@pytest.mark.parametrize(("model", "setting"), sorted(TOKENS))
def test_policy_visual_tokens_from_a_real_forward_pass(model, setting):
    assert result(model)["computed"]["visual_tokens"][setting] == TOKENS[(model, setting)]


@pytest.mark.parametrize(("model", "quantity", "stated"), sorted(VERDICTS))
def test_stated_figures_keep_their_verdicts(model, quantity, stated):
    checks = [c for c in result(model)["checks"] if (c["quantity"], c["stated"]) == (quantity, stated)]
    assert len(checks) == 1 and checks[0]["verdict"] == VERDICTS[(model, quantity, stated)]
    if checks[0]["verdict"] == "diverged":
        assert checks[0]["cause"]


def test_every_policy_states_a_source_for_each_figure():
    for name in POLICIES:
        for stated in REPRODUCTIONS[name].stated:
            assert stated.source, (name, stated.quantity)


def test_octo_wrist_camera_gives_64_tokens_and_the_cogact_modules_add_to_openvla():
    cfg = narrow(REPRODUCTIONS["octo-small"])
    model = build(cfg).eval()
    with torch.no_grad():
        wrist = model._camera("wrist", torch.randn(1, 3, 128, 128))
    assert wrist.shape[1] == 64
    vlm = result("openvla-7b")["computed"]["total_parameters"]
    for name in ("cogact-small", "cogact-base", "cogact-large"):
        computed = result(name)["computed"]
        assert computed["total_parameters"] == vlm + computed["action_expert_parameters"]


def test_gr00t_vlm_is_1_34b_only_with_the_backbone_projection():
    computed = result("gr00t-n1-2b")["computed"]
    projection = 2048 * 1536 + 1536                           # EagleBackbone.linear(projector_dim 2048, 1536)
    assert computed["vlm_parameters"] - projection == 1_332_132_592   # rounds to 1.33B, not the stated 1.34B
    assert computed["total_parameters"] == computed["vlm_parameters"] + computed["action_expert_parameters"]


def test_openvla_action_tokens_fill_the_last_256_slots_and_decode_to_255_levels():
    from reproductions.action_tokens import uniform_bin_tokens
    assert uniform_bin_tokens(base_vocabulary=32000, bins=256) == {
        "action_bins": 256, "action_levels": 255, "lowest_action_token": 31744, "highest_action_token": 31999}
    computed = result("openvla-7b")["computed"]
    assert (computed["action_bins"], computed["action_levels"]) == (256, 255)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("name", POLICIES)
def test_narrow_policies_predict_finite_action_chunks(name, dtype):
    """bf16 too: the GPU check times every policy's full-width forward in bf16 (reproductions/forward.py)."""
    cfg = narrow(REPRODUCTIONS[name])
    torch.manual_seed(0)
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        model = build(cfg).eval()
    finally:
        torch.set_default_dtype(previous)
    side = cfg.vit_image_size
    with torch.no_grad():
        actions = model(torch.randn(1, 3, side, side, dtype=dtype), torch.randint(0, cfg.lm_vocab_size, (1, 6)))
    assert actions.shape == (1, cfg.act_horizon, cfg.act_dim) and torch.isfinite(actions).all()


def test_a_policy_config_that_forgets_a_field_fails_when_created():
    with pytest.raises(ValueError, match="act_horizon"):
        REPRODUCTIONS["gr00t-n1-2b"].replace(act_horizon=None)


# --- parity with the transformers library, two layers deep ---------------------------------------------

try:
    import transformers
except ImportError:  # parity needs the library; the counts above do not
    transformers = None
parity = pytest.mark.skipif(transformers is None, reason="transformers is not installed: parity is not checked")
DEPTH = 2


def _meta(factory):
    with torch.device("meta"):
        return factory()


def _shallow(name):
    cfg = REPRODUCTIONS[name]
    shallow = cfg.replace(vit_depth=DEPTH, lm_layers=DEPTH, act_layers=DEPTH,
                          lm_encoder_layers=DEPTH if cfg.lm_encoder_layers else 0)
    return _meta(lambda: build(shallow))


@parity
@pytest.mark.parametrize(("name", "config"), [
    ("octo-small", dict(d_model=768, d_ff=3072, num_heads=12, feed_forward_proj="relu")),
    ("rdt-1b", dict(d_model=4096, d_ff=10240, num_heads=64, feed_forward_proj="gated-gelu")),
])
def test_t5_encoders_match_t5_encoder_model(name, config):
    t5_config = transformers.T5Config(vocab_size=32128, d_kv=64, num_layers=DEPTH, **config)
    theirs = _meta(lambda: transformers.T5EncoderModel(t5_config))
    assert count_parameters(_shallow(name).language_model) == count_parameters(theirs)


@parity
def test_rdt_siglip_matches_siglip_vision_model_with_its_head():
    config = transformers.SiglipVisionConfig(hidden_size=1152, intermediate_size=4304, num_hidden_layers=DEPTH,
                                             num_attention_heads=16, image_size=384, patch_size=14)
    theirs = _meta(lambda: transformers.SiglipVisionModel(config))
    assert count_parameters(_shallow("rdt-1b").vision_encoder) == count_parameters(theirs)


@parity
def test_gr00t_siglip_matches_siglip_vision_model_without_its_head():
    config = transformers.SiglipVisionConfig(hidden_size=1152, intermediate_size=4304, num_hidden_layers=DEPTH,
                                             num_attention_heads=16, image_size=224, patch_size=14)
    theirs = _meta(lambda: transformers.SiglipVisionModel(config))
    head = sum(p.numel() for name, p in theirs.named_parameters() if ".head." in f".{name}")
    assert head > 0 and count_parameters(_shallow("gr00t-n1-2b").vision_encoder) == count_parameters(theirs) - head


@parity
def test_smolvla_tower_and_connector_match_smolvlm():
    from transformers.models.smolvlm import modeling_smolvlm
    vision = transformers.SmolVLMVisionConfig(hidden_size=768, intermediate_size=3072, num_hidden_layers=DEPTH,
                                              num_attention_heads=12, image_size=512, patch_size=16)
    tower = _meta(lambda: modeling_smolvlm.SmolVLMVisionTransformer(vision))
    connector = _meta(lambda: modeling_smolvlm.SmolVLMConnector(transformers.SmolVLMConfig(
        vision_config=vision.to_dict(), text_config={"hidden_size": 960}, scale_factor=4)))
    ours = _shallow("smolvla-base")
    assert count_parameters(ours.vision_encoder) == count_parameters(tower)
    assert count_parameters(ours.projector) == count_parameters(connector)


@parity
@pytest.mark.parametrize(("name", "config"), [
    ("smolvla-base", dict(vocab_size=49280, hidden_size=960, intermediate_size=2560, num_attention_heads=15,
                          num_key_value_heads=5, tie_word_embeddings=False)),
    ("gr00t-n1-2b", dict(vocab_size=49164, hidden_size=2048, intermediate_size=8192, num_attention_heads=32,
                         num_key_value_heads=32, tie_word_embeddings=True)),
])
def test_policy_language_models_match_llama_for_causal_lm(name, config):
    theirs = _meta(lambda: transformers.LlamaForCausalLM(transformers.LlamaConfig(num_hidden_layers=DEPTH, **config)))
    assert count_parameters(_shallow(name).language_model) == count_parameters(theirs)


@parity
def test_smolvla_expert_matches_lerobots_edited_llama_model():
    """smolvlm_with_expert.py: a LlamaModel 0.75x as wide, k/v projections of odd layers rebuilt to take the VLM's
    320-wide keys and values, token embedding removed."""
    config = transformers.LlamaConfig(vocab_size=49280, hidden_size=720, intermediate_size=2048,
                                      num_hidden_layers=DEPTH, num_attention_heads=15, num_key_value_heads=5, head_dim=64)

    def expert():
        model = transformers.LlamaModel(config)
        for index in range(DEPTH):
            if index % 2:
                model.layers[index].self_attn.k_proj = torch.nn.Linear(320, 320, bias=False)
                model.layers[index].self_attn.v_proj = torch.nn.Linear(320, 320, bias=False)
        model.embed_tokens = None
        return model

    theirs = _meta(expert)
    ours = _shallow("smolvla-base").action_expert
    projections = sum(count_parameters(getattr(ours, name)) for name in
                      ("state_proj", "action_in_proj", "action_time_mlp_in", "action_time_mlp_out", "action_out_proj"))
    assert count_parameters(ours) - projections == count_parameters(theirs)
