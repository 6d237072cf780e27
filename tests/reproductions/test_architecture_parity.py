"""Parity with an independent implementation: the transformers library's classes, built from a config
on the meta device (no weights), must hold exactly as many parameters as our modules.

Both sides are built two layers deep (counts are linear in depth, so parity at depth 2 is parity at
full depth, and CI stays fast); test_architecture_counts.py pins the full-depth integers.

Documented layout difference: transformers' Blip2 vision tower stores a full q/k/v bias (the k part
is zeros), LAVIS and we store q and v biases only, so the Blip2 tower differs by depth x width.
"""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")
transformers = pytest.importorskip("transformers", reason="transformers is not installed: parity is not checked")

from reproductions.assemble import build  # noqa: E402
from reproductions.layers import count_parameters  # noqa: E402
from reproductions.zoo import REPRODUCTIONS  # noqa: E402


def _meta(factory):
    with torch.device("meta"):
        return factory()


DEPTH = 2


def _ours(name):
    cfg = REPRODUCTIONS[name]
    shallow = cfg.replace(vit_depth=DEPTH, lm_layers=DEPTH, lm_encoder_layers=DEPTH if cfg.lm_encoder_layers else 0,
                          lm_decoder_layers=DEPTH if cfg.lm_decoder_layers else 0)
    return _meta(lambda: build(shallow))


def test_clip_vit_l14_336_matches_clip_vision_model():
    config = transformers.CLIPVisionConfig(hidden_size=1024, intermediate_size=4096, num_hidden_layers=DEPTH,
                                           num_attention_heads=16, image_size=336, patch_size=14)
    theirs = _meta(lambda: transformers.CLIPVisionModel(config))
    assert count_parameters(_ours("llava-1.5-7b").vision_encoder) == count_parameters(theirs)


def test_siglip_b16_matches_siglip_vision_model_with_and_without_its_head():
    from reproductions.vision_towers import VisionTransformer
    config = transformers.SiglipVisionConfig(hidden_size=768, intermediate_size=3072, num_hidden_layers=DEPTH,
                                             num_attention_heads=12, image_size=224, patch_size=16)
    theirs = _meta(lambda: transformers.SiglipVisionModel(config))
    head = sum(p.numel() for name, p in theirs.named_parameters() if name.startswith("head."))
    ours = _ours("nanovlm-222m").vision_encoder
    assert count_parameters(ours) == count_parameters(theirs) - head
    cfg = REPRODUCTIONS["nanovlm-222m"]
    with_head = _meta(lambda: VisionTransformer(
        image_size=224, patch_size=16, width=768, depth=DEPTH, heads=12, mlp_width=3072, class_token=False,
        patch_bias=True, norm_eps=cfg.vit_norm_eps, act="gelu_tanh", pool="attention-head"))
    assert count_parameters(with_head) == count_parameters(theirs)


def test_llama2_7b_matches_llama_for_causal_lm():
    theirs = _meta(lambda: transformers.LlamaForCausalLM(transformers.LlamaConfig(num_hidden_layers=DEPTH)))
    assert count_parameters(_ours("llava-1.5-7b").language_model) == count_parameters(theirs)


def test_opt_2_7b_matches_opt_for_causal_lm():
    config = transformers.OPTConfig(vocab_size=50304, hidden_size=2560, ffn_dim=10240, num_hidden_layers=DEPTH,
                                    num_attention_heads=32, word_embed_proj_dim=2560, max_position_embeddings=2048)
    theirs = _meta(lambda: transformers.OPTForCausalLM(config))
    assert count_parameters(_ours("blip2-opt-2.7b").language_model) == count_parameters(theirs)


def test_flan_t5_xl_matches_t5_for_conditional_generation():
    from reproductions.t5 import T5EncoderDecoder
    config = transformers.T5Config(vocab_size=32128, d_model=2048, d_kv=64, d_ff=5120, num_layers=DEPTH,
                                   num_decoder_layers=DEPTH, num_heads=32, feed_forward_proj="gated-gelu")
    theirs = _meta(lambda: transformers.T5ForConditionalGeneration(config))
    # transformers ties the output layer here; the Flan-T5 checkpoints do not (t5x logits_via_embedding=False)
    assert theirs.lm_head.weight is theirs.shared.weight
    ours_tied = _meta(lambda: T5EncoderDecoder(vocab_size=32128, d_model=2048, d_ff=5120, heads=32,
                                              encoder_layers=DEPTH, decoder_layers=DEPTH, tie_head=True))
    assert count_parameters(ours_tied) == count_parameters(theirs)
    untied = count_parameters(_ours("blip2-flan-t5-xl").language_model)
    assert untied - count_parameters(theirs) == 32128 * 2048


def test_blip2_opt_2_7b_matches_blip2_for_conditional_generation():
    text = transformers.OPTConfig(vocab_size=50304, hidden_size=2560, ffn_dim=10240, num_hidden_layers=DEPTH,
                                  num_attention_heads=32, word_embed_proj_dim=2560)
    theirs = _meta(lambda: transformers.Blip2ForConditionalGeneration(
        transformers.Blip2Config(text_config=text.to_dict(), num_query_tokens=32,
                                 vision_config={"num_hidden_layers": DEPTH})))
    ours = _ours("blip2-opt-2.7b")
    q_former = count_parameters(theirs.qformer) + theirs.query_tokens.numel() + count_parameters(theirs.language_projection)
    assert count_parameters(ours.projector) == q_former
    k_bias = DEPTH * 1408  # layout difference, see the module docstring
    assert count_parameters(ours.vision_encoder) + k_bias == count_parameters(theirs.vision_model)
    assert count_parameters(ours) + k_bias == count_parameters(theirs)


def test_fuyu_8b_matches_fuyu_for_causal_lm():
    theirs = _meta(lambda: transformers.FuyuForCausalLM(transformers.FuyuConfig(num_hidden_layers=DEPTH)))
    assert count_parameters(_ours("fuyu-8b")) == count_parameters(theirs)
