"""Compute claims of token-reduction papers (issue 17): exact FLOP counts on the meta device, token counts
from narrow forward passes, and a committed ledger equal to a fresh run."""
from __future__ import annotations

import functools
import json

import pytest

from tests.paths import REPO_ROOT

pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from fractions import Fraction  # noqa: E402

LEDGER = REPO_ROOT / "reproductions" / "ledger" / "compute_claims.json"
FIX = "python -m reproductions.compute_claims --ledger"


@functools.lru_cache(maxsize=1)
def fresh() -> dict:
    from reproductions.compute_claims import ledger
    return json.loads(json.dumps(ledger(), sort_keys=True))


def rows() -> dict:
    return {row["id"]: row for row in fresh()["claims"]}


def test_fresh_run_reproduces_the_committed_ledger():
    committed = json.loads(LEDGER.read_text(encoding="utf-8"))
    assert fresh() == committed, f"the ledger is stale; regenerate it with `{FIX}`"


def test_counter_equals_the_closed_form_of_a_llama_prefill():
    from reproductions.compute_claims import Prefill, prefill_flops
    from reproductions.zoo.llava import LLaVA15_7B
    cfg = LLaVA15_7B()
    n, d, m, V, T = 612, cfg.lm_hidden_size, cfg.lm_intermediate_size, cfg.lm_vocab_size, cfg.lm_layers
    count = prefill_flops(cfg, Prefill(system=36, image=576))
    assert count.total == 8_283_431_632_896
    # 2 FLOPs per multiply-add: q, k, v, o projections, Q K^T and A V over the full n x n, three SwiGLU matrices
    assert count.layers == T * 2 * (4 * n * d * d + 2 * n * n * d + 3 * n * d * m)
    assert count.attention_scores == T * 2 * 2 * n * n * d
    assert count.lm_head == 2 * n * d * V
    assert count.total == count.layers + count.lm_head


def test_pruning_between_layers_counts_each_layer_at_its_own_length():
    from reproductions.compute_claims import Prefill, prefill_flops
    from reproductions.zoo.llava import LLaVA15_7B
    cfg = LLaVA15_7B()
    d, m, V = cfg.lm_hidden_size, cfg.lm_intermediate_size, cfg.lm_vocab_size

    def layer(n):
        return 2 * (4 * n * d * d + 2 * n * n * d + 3 * n * d * m)
    pruned = prefill_flops(cfg, Prefill(system=36, image=576, stages=((3, 288),)))
    assert pruned.total == 3 * layer(612) + 29 * layer(324) + 2 * 324 * d * V == 4_699_377_893_376


def test_text_after_the_image_survives_every_drop():
    from reproductions.compute_claims import Prefill, formula_flops, prefill_flops
    from reproductions.zoo.llava import LLaVA15_7B
    cfg = LLaVA15_7B()
    prefill = Prefill(system=2, image=64, text=10, stages=((8, 32), (16, 16), (24, 8)))
    assert [prefill.length_at(i) for i in (0, 8, 16, 24)] == [76, 44, 28, 20]
    d, m, V = cfg.lm_hidden_size, cfg.lm_intermediate_size, cfg.lm_vocab_size
    expected = sum(8 * 2 * (4 * n * d * d + 2 * n * n * d + 3 * n * d * m) for n in (76, 44, 28, 20))
    assert prefill_flops(cfg, prefill).total == expected + 2 * 20 * d * V
    assert formula_flops(cfg, prefill, ffn_matrices=3) * 2 == expected


def test_fastv_formula_gives_the_table1_figures_as_one_layer_means():
    from reproductions.compute_claims import Prefill, formula_flops
    from reproductions.zoo.llava import LLaVA15_7B, LLaVA15_13B
    assert formula_flops(LLaVA15_13B(), Prefill(system=36, image=576)) == 40 * 154_641_530_880
    assert formula_flops(LLaVA15_13B(), Prefill(system=36, image=576, stages=((2, 288),))) == 40 * 84_599_930_880
    assert formula_flops(LLaVA15_7B(), Prefill(system=36, image=576)) == 32 * 99_327_541_248


def test_pinned_flop_integers_of_the_ledger():
    found = rows()
    assert found["fastv-llava15-13b-table1-baseline"]["computed"] == 16_037_196_595_200
    assert found["fastv-llava15-13b-table1-k2-r50"]["computed"] == 8_790_288_629_760
    assert found["fastv-llava15-13b-table1-baseline"]["formula_value"] == 154_641_530_880
    assert found["fastv-llava15-13b-table1-k2-r50"]["formula_value"] == 84_599_930_880
    detail = found["fastv-llava15-7b-k3-r50"]["detail"]
    assert (detail["baseline_flops"], detail["reduced_flops"]) == (8_283_431_632_896, 4_699_377_893_376)
    assert detail["tokens_by_layers"] == [[612, 3], [324, 29]]
    detail = found["pyramiddrop-llava-next-7b"]["detail"]
    assert (detail["baseline_flops"], detail["reduced_flops"]) == (43_185_862_606_848, 19_364_999_331_840)
    assert detail["tokens_by_layers"] == [[2928, 8], [1464, 8], [732, 8], [366, 8]]


def test_shares_follow_from_the_pinned_integers():
    found = rows()
    detail = found["fastv-llava15-13b-k2-r50"]["detail"]
    assert found["fastv-llava15-13b-k2-r50"]["computed"] == round(
        float(100 * (1 - Fraction(detail["reduced_flops"], detail["baseline_flops"]))), 4)
    assert found["fastv-llava15-13b-k2-r50"]["formula_value"] == 45.2929
    assert found["fastv-llava15-7b-k3-r50"]["formula_value"] == 56.6555


def test_reducers_emit_the_token_counts_of_their_code():
    from reproductions.compute_claims import clip_features, deco, llava_mini_compressor, tokenpacker, visionzip
    features = clip_features()
    assert features.shape[1] == 576
    assert [tokenpacker(features, s).shape[1] for s in (2, 3, 4)] == [144, 64, 36]
    with pytest.raises(ValueError, match="divide"):
        tokenpacker(features, 5)
    assert [deco(features, q).shape[1] for q in (144, 64)] == [144, 64]
    assert visionzip(clip_features(keep_class_token=True), 54, 10).shape[1] == 64
    assert llava_mini_compressor(features, 1).shape[1] == 1
    assert llava_mini_compressor(features, 2).shape[1] == 4


def test_stated_figures_are_read_at_their_precision():
    from reproductions.compute_claims import parse_stated
    assert parse_stated("57%") == (57, Fraction(1, 2))
    assert parse_stated("0.17%") == (Fraction(17, 100), Fraction(1, 200))
    assert parse_stated("154.6B") == (154_600_000_000, 50_000_000)
    assert parse_stated("144") == (144, 0)
    with pytest.raises(ValueError):
        parse_stated("~144")


def test_every_claim_names_its_source_paper_and_verdict():
    from reproductions.compute_claims import CLAIMS
    claims = json.loads(LEDGER.read_text(encoding="utf-8"))["claims"]
    assert len(claims) == len(CLAIMS) >= 8
    assert [r["id"] for r in claims] == sorted(r["id"] for r in claims)
    papers = REPO_ROOT / "catalog" / "papers"
    for row in claims:
        assert row["verdict"] in ("matched", "diverged") and row["source"] and row["command"], row["id"]
        if "formula_verdict" in row:
            assert row["formula_verdict"] in ("matched", "diverged"), row["id"]
        if "diverged" in (row["verdict"], row.get("formula_verdict")):
            assert row["cause"], f"{row['id']}: a diverged figure needs its cause"
        if papers.is_dir():
            assert (papers / f"{row['paper']}.yaml").is_file(), f"{row['id']}: no catalog record {row['paper']}"
