"""Compute claims of token-reduction papers, recomputed from the architecture (issue 17).

Token-reduction papers state what their method saves: a share of the language model's FLOPs after pruning
visual tokens inside it (FastV, PyramidDrop), or how many visual tokens a new projector or selector keeps
(TokenPacker, DeCo, VisionZip, LLaVA-Mini, Dynamic-LLaVA). Each claim below is recomputed two ways where the
paper gives its own formula: with that formula, and with torch's FLOP counter
(``torch.utils.flop_counter.FlopCounterMode``) over a prefill of the full-size language model built on the
meta device, pruning the visual tokens between layers exactly as the method's code does. Token counts come
from a real forward pass of the narrow LLaVA-1.5 vision tower (``assemble.narrow``) followed by a
re-implementation of the method's reducer; only the count is reproduced, not which tokens are chosen.
Torch only (no pydantic, no vlkb imports), like the rest of reproductions/.

API:
    CLAIMS: tuple[Claim, ...]          every claim, with its source and the setting it is recomputed at
    Prefill(system, image, text, stages)   a prefill: token counts and (layer, kept image tokens) drops
    prefill_flops(cfg, prefill) -> FlopCount   counter FLOPs of the language model's prefill, by part
    formula_flops(cfg, prefill, ffn_matrices) -> int   the FastV cost formula summed over the layers
    evaluate(claim) -> dict; ledger() -> dict   one row per claim; the committed ledger

    python -m reproductions.compute_claims            # print every claim, stated vs computed
    python -m reproductions.compute_claims --ledger   # also rewrite reproductions/ledger/compute_claims.json

Conventions: the counter counts 2 FLOPs per multiply-add (FLOPs, not MACs), every matrix product of every
layer, attention over the full n x n score matrix (what the math SDPA kernel computes, causal or not) and the
lm_head over every position; it counts no norms, activations or RoPE (no matrix products).
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

from .architecture import _skip_init
from .assemble import build, narrow
from .tokens import visual_tokens
from .zoo.llava import LLaVA15_7B, LLaVA15_13B, LLaVANeXT_Vicuna7B

LEDGER = Path("reproductions/ledger/compute_claims.json")
COMMAND = "python -m reproductions.compute_claims"

FASTV = "pkunlp-icler/FastV@d1659729b5bf1be225e99ee15783deeea80f63b1"
FASTV_SCRIPT = f"{FASTV} src/FastV/inference/eval/eval_aokvqa_latency_fastv_inplace.sh"
FASTV_CODE = f"{FASTV} src/transformers/src/transformers/models/llama/modeling_llama.py L733-754"
FASTV_TABLE1 = ("arXiv 2403.06764 Table 1 (LLaVA-1.5-13B rows), read here only as quoted by two third-party "
                "reviews (vlkb search index files 66582749751 and 66763945802); the primary table was not readable")
PDROP = "Cooperx521/PyramidDrop@6444f304aee4b7edcb022839fb9e8cd07859704a"
TOKENPACKER = "CircleRadon/TokenPacker@771a16e7462c3afb908a0c429513ba43f709f2c1"
DECO = "yaolinli/DeCo@103416e7fc9106205712152252245fe3f1979ad7"
VISIONZIP = "dvlab-research/VisionZip@3151f6df4fca36a4cd1c985e5956e725b1f9ad02"
LLAVA_MINI = "ictnlp/LLaVA-Mini@47da1137f7b503be685ab5faa9f64a88b102e786"
DYNAMIC_LLAVA = "Osilly/dynamic_llava@e1469bcba4be8a5ccc0fb2e792a33b406678ca7f"

FASTV_FORMULA = "FastV Sec. 4.2 / Eq. 5: per layer 4nd^2 + 2n^2d + 2ndm (n tokens, d hidden, m FFN width)"
PDROP_FORMULA = "PyramidDrop: FastV's per-layer cost with 3ndm for LLaMA's three FFN matrices (FastV issue #29)"
FORMULA_SOURCE = ("formula: https://github.com/cokeshao/HoliTom/issues/2 (maintainer code, "
                  "T*(4*n*d**2+2*n**2*d+2*n*d*m), following FastV) and https://github.com/pkunlp-icler/FastV/issues/27 "
                  "(FastV maintainer: 'follow the equation-5 in the paper')")


# --------------------------------------------------------------------------------------------- prefill FLOPs
@dataclass(frozen=True)
class Prefill:
    """A prefill [system | image | text]; ``stages`` are (first layer, image tokens kept from there on)."""
    system: int
    image: int
    text: int = 0
    stages: tuple[tuple[int, int], ...] = ()

    def image_tokens_at(self, layer: int) -> int:
        kept = self.image
        for first_layer, image_tokens in self.stages:
            if layer >= first_layer:
                kept = image_tokens
        return kept

    def length_at(self, layer: int) -> int:
        return self.system + self.image_tokens_at(layer) + self.text


@dataclass(frozen=True)
class FlopCount:
    total: int
    layers: int      # every decoder layer (attention projections, attention scores, FFN)
    attention_scores: int  # Q K^T and A V (the bmm of scaled-dot-product attention)
    lm_head: int


def _language_model(cfg):
    with torch.device("meta"), _skip_init():
        return build(cfg).language_model


def prefill_flops(cfg, prefill: Prefill) -> FlopCount:
    """Counter FLOPs of the decoder over ``prefill``; image tokens are dropped between layers by gathering
    the kept positions, as FastV's in-place path (FASTV_CODE) and PyramidDrop's rank & drop do."""
    return _prefill_flops(type(cfg), prefill) if cfg == type(cfg)() else _count(cfg, prefill)


@functools.lru_cache(maxsize=32)
def _prefill_flops(config_class, prefill: Prefill) -> FlopCount:
    return _count(config_class(), prefill)  # zoo defaults only: a changed config is never served from here


@torch.no_grad()
def _count(cfg, prefill: Prefill) -> FlopCount:
    language_model = _language_model(cfg)
    x = torch.empty(1, prefill.length_at(0), cfg.lm_hidden_size, device="meta")          # [1,n,d]
    with FlopCounterMode(display=False) as counter:
        for index, layer in enumerate(language_model.layers):
            kept = prefill.image_tokens_at(index)
            if x.shape[1] != prefill.length_at(index):  # meta tensors carry no values: which tokens is moot
                start, current = prefill.system, x.shape[1] - prefill.system - prefill.text
                x = torch.cat([x[:, :start + kept], x[:, start + current:]], dim=1)       # [1,n',d]
            x = layer(x)
        language_model.lm_head(language_model.final_norm(x))                              # [1,n',V]
    counts = counter.get_flop_counts()
    layers = sum(counts.get("DecoderLayer", {}).values())
    scores = sum(v for op, v in counts.get("DecoderLayer.attn", {}).items() if "bmm" in str(op))
    return FlopCount(total=counter.get_total_flops(), layers=layers, attention_scores=scores,
                     lm_head=sum(counts.get("Linear", {}).values()))


def formula_flops(cfg, prefill: Prefill, *, ffn_matrices: int = 2) -> int:
    """FastV's cost 4nd^2 + 2n^2d + 2ndm per layer (``ffn_matrices=3``: PyramidDrop's correction), summed."""
    d, m = cfg.lm_hidden_size, cfg.lm_intermediate_size
    total = 0
    for layer in range(cfg.lm_layers):
        n = prefill.length_at(layer)
        total += 4 * n * d * d + 2 * n * n * d + ffn_matrices * n * d * m
    return total


# --------------------------------------------------------------------------------------------- visual tokens
@functools.lru_cache(maxsize=2)
@torch.no_grad()
def _clip_features(keep_class_token: bool) -> torch.Tensor:
    cfg = LLaVA15_7B()
    torch.manual_seed(0)
    small = narrow(dataclasses.replace(cfg, vit_keep_class_token=keep_class_token))
    model = build(small).eval()
    return model.vision_encoder(torch.randn(1, 3, cfg.vit_image_size, cfg.vit_image_size))


def clip_features(*, keep_class_token: bool = False) -> torch.Tensor:
    """Features of the narrow LLaVA-1.5 CLIP tower (layer -2) for one 336 px image: [1, 576(+1), width]."""
    return _clip_features(keep_class_token).clone()


def _grid(features: torch.Tensor) -> torch.Tensor:
    B, N, C = features.shape
    side = int(N ** 0.5)
    if side * side != N:
        raise ValueError(f"{N} patch tokens are not a square grid")
    return features.transpose(1, 2).reshape(B, C, side, side)                          # [B,C,h,w]


def tokenpacker(features: torch.Tensor, scale_factor: int) -> torch.Tensor:
    """TokenPacker (TOKENPACKER builder.py L39-140): bilinear-downsampled queries, each attending to its
    scale x scale region of patches (region-to-point attention); (24 / scale)^2 tokens."""
    grid = _grid(features)
    B, C, side, _ = grid.shape
    if side % scale_factor:
        raise ValueError("scale_factor must divide the grid size")  # builder.py L50-51
    s, out = scale_factor, side // scale_factor
    queries = F.interpolate(grid, size=(out, out), mode="bilinear").flatten(2).transpose(1, 2)   # [B,q,C]
    regions = grid.unfold(2, s, s).unfold(3, s, s)                                         # [B,C,o,o,s,s]
    keys = regions.reshape(B, C, out * out, s * s).permute(0, 2, 3, 1)                     # [B,q,s*s,C]
    weights = torch.softmax((queries.unsqueeze(2) * keys).sum(-1) / C ** 0.5, dim=-1)      # [B,q,s*s]
    return (weights.unsqueeze(-1) * keys).sum(2)                                           # [B,q,C]


def deco(features: torch.Tensor, query_num: int) -> torch.Tensor:
    """DeCo's AvgPoolProjector (DECO README L26-57): 2D adaptive average pooling to sqrt(query_num)^2 tokens."""
    hw = int(query_num ** 0.5)
    return F.adaptive_avg_pool2d(_grid(features), (hw, hw)).flatten(2).transpose(1, 2)    # [B,hw*hw,C]


def visionzip(hidden: torch.Tensor, dominant: int, contextual: int) -> torch.Tensor:
    """VisionZip (VISIONZIP visionzip/main.py L7, clip_encoder.py L46-83): the class token plus dominant-1
    patches of highest class attention, then `contextual` tokens merged from the rest by similarity.
    hidden: [B, 1+N, C] with the class token first. The class-attention stand-in is a dot product with the
    class token (the count does not depend on which tokens are chosen)."""
    B, _, C = hidden.shape
    dominant_num = dominant - 1                                                  # main.py L7: dominant-1
    score = (hidden[:, 1:] @ hidden[:, :1].transpose(1, 2)).squeeze(-1)          # [B,N]
    keep = torch.cat([torch.zeros(B, 1, dtype=torch.long), score.topk(dominant_num, dim=1).indices + 1], dim=1)
    mask = torch.ones(hidden.shape[:2], dtype=torch.bool).scatter_(1, keep, False)
    dominant_tokens = hidden[~mask].view(B, dominant_num + 1, C)
    rest = hidden[mask].view(B, -1, C)
    normalized = rest / rest.norm(dim=-1, keepdim=True)
    step = max(1, rest.shape[1] // contextual)                                   # clip_encoder.py L67
    targets = torch.arange(0, rest.shape[1], step)[:contextual]
    others = ~torch.isin(torch.arange(rest.shape[1]), targets)
    assign = F.one_hot((normalized[:, others] @ normalized[:, targets].transpose(1, 2)).argmax(-1),
                       contextual).to(rest.dtype)                                # [B,N-k,contextual]
    merged = assign.transpose(1, 2) @ rest[:, others] / assign.sum(1).clamp(min=1).unsqueeze(-1)
    return torch.cat([dominant_tokens, rest[:, targets] + merged], dim=1)        # [B,dominant+contextual,C]


def llava_mini_compressor(features: torch.Tensor, compressor_size: int) -> torch.Tensor:
    """LLaVA-Mini's compressor (LLAVA_MINI llavamini_arch.py L197-205): compressor_size^2 learned queries
    cross-attending to the patches."""
    queries = torch.zeros(compressor_size ** 2, features.shape[-1])
    weights = torch.softmax(queries @ features.transpose(1, 2) / features.shape[-1] ** 0.5, dim=-1)
    return weights @ features                                                    # [B,q,C]


# --------------------------------------------------------------------------------------------- claims
@dataclass(frozen=True)
class Claim:
    id: str
    paper: str            # catalog/papers record id
    arxiv: str
    quantity: str         # flops_remaining_percent | flops_reduction_percent | flops | visual_tokens | percent
    stated: str           # as written: "57%", "154.6B", "144"
    source: str
    setting: str
    compute: Callable[[], dict] = dataclasses.field(repr=False, compare=False)
    source_kind: str = "primary"
    formula: str = ""     # the paper's own formula, when it gives one
    cause: str = ""       # why a computed figure differs from the stated one
    note: str = ""


def _runs(prefill: Prefill, layers: int) -> list[list[int]]:
    """[[sequence length, number of consecutive layers at it], ...]"""
    runs: list[list[int]] = []
    for layer in range(layers):
        n = prefill.length_at(layer)
        if runs and runs[-1][0] == n:
            runs[-1][1] += 1
        else:
            runs.append([n, 1])
    return runs


def _ratio_claim(cfg, prefill: Prefill, *, ffn_matrices: int, reduction: bool) -> dict:
    base = dataclasses.replace(prefill, stages=())
    counted, counted_base = prefill_flops(cfg, prefill), prefill_flops(cfg, base)
    formula, formula_base = (formula_flops(cfg, p, ffn_matrices=ffn_matrices) for p in (prefill, base))

    def percent(part, whole):
        share = Fraction(part, whole)
        return 100 * (1 - share if reduction else share)
    return {"computed": percent(counted.total, counted_base.total), "formula": percent(formula, formula_base),
            "detail": {"baseline_flops": counted_base.total, "reduced_flops": counted.total,
                       "baseline_lm_head_flops": counted_base.lm_head, "reduced_lm_head_flops": counted.lm_head,
                       "formula_baseline": formula_base, "formula_reduced": formula,
                       "tokens_by_layers": _runs(prefill, cfg.lm_layers)}}


def _table_claim(cfg, prefill: Prefill) -> dict:
    """An absolute FLOPs figure: the counter's whole prefill against the formula's per-layer mean."""
    counted, formula = prefill_flops(cfg, prefill), formula_flops(cfg, prefill)
    return {"computed": Fraction(counted.total), "formula": Fraction(formula, cfg.lm_layers),
            "detail": {"counter_total": counted.total, "counter_layers": counted.layers,
                       "counter_attention_scores": counted.attention_scores, "counter_lm_head": counted.lm_head,
                       "formula_sum_over_layers": formula, "layers": cfg.lm_layers,
                       "tokens_by_layers": _runs(prefill, cfg.lm_layers)}}


def _tokens(reduced: torch.Tensor, source_tokens: int) -> dict:
    return {"computed": Fraction(reduced.shape[1]), "detail": {"input_tokens": source_tokens,
                                                                "output_tokens": int(reduced.shape[1])}}


def _share(kept: int, total: int, *, reduction: bool) -> dict:
    share = Fraction(kept, total)
    return {"computed": 100 * (1 - share if reduction else share),
            "detail": {"input_tokens": total, "output_tokens": kept}}


def _fastv(cfg, K: int, R: Fraction, **kw) -> dict:
    image = _llava_tokens()                         # 576, as --fast-v-image-token-length 576 (FASTV_SCRIPT L18)
    kept = image - int(image * R)                   # rank = (1-R) * N_image (FASTV_SCRIPT L7)
    prefill = Prefill(system=36, image=image, stages=((K, kept),))  # --fast-v-sys-length 36 (FASTV_SCRIPT L17)
    return _ratio_claim(cfg, prefill, ffn_matrices=2, **kw)


def _llava_tokens() -> int:
    return clip_features().shape[1]


@functools.lru_cache(maxsize=1)
def _llava_next_tokens() -> int:
    cfg = LLaVANeXT_Vicuna7B()
    torch.manual_seed(0)
    small = narrow(cfg)
    return visual_tokens(build(small).eval(), small, (672, 672))


def _pyramiddrop() -> dict:
    image = _llava_next_tokens()
    # drop after layers 8, 16, 24 to 50%, 25%, 12.5% of the image tokens, int() as modeling_llama_pdrop.py L1262
    stages = tuple((layer, int(image * ratio)) for layer, ratio in ((8, 0.5), (16, 0.25), (24, 0.125)))
    cfg = LLaVANeXT_Vicuna7B()
    result = _ratio_claim(cfg, Prefill(system=0, image=image, stages=stages), ffn_matrices=3, reduction=True)
    by_text = {}
    for text in (0, 36, 100):  # the share moves with the (unstated) text length
        prefill = Prefill(system=0, image=image, text=text, stages=stages)
        base = dataclasses.replace(prefill, stages=())
        share = Fraction(formula_flops(cfg, prefill, ffn_matrices=3), formula_flops(cfg, base, ffn_matrices=3))
        by_text[str(text)] = round(float(100 * (1 - share)), 4)
    result["detail"]["formula_reduction_percent_by_text_tokens"] = by_text
    return result


SECONDARY_TABLE1 = "secondary: third-party reviews quoting the paper's Table 1"
CAUSE_TABLE1 = ("Table 1's FLOPs are the formula's mean per layer over the 40 layers, in multiply-adds of attention "
                "and a two-matrix FFN, at 36 system + 576 image tokens (instruction tokens left out). The counter "
                "counts the whole prefill: every layer, 2 FLOPs per multiply-add, LLaMA's three FFN matrices and the "
                "lm_head.")
CAUSE_RATIO = ("the formula counts two FFN matrices and no lm_head; the counter counts LLaMA's three SwiGLU matrices "
               "and the lm_head on every kept position, which weigh the linear (per-token) cost more")

CLAIMS: tuple[Claim, ...] = (
    Claim("fastv-llava15-7b-k3-r50", "fastv", "2403.06764", "flops_remaining_percent", "57%",
          f"{FASTV} README.md L202 (lmms-eval table header 'FastV K=3 R=50% (FLOPS=57%)')",
          "LLaVA-1.5-7B, K=3, R=50%: 36 system + 576 image tokens, 288 image tokens kept from layer 3",
          lambda: _fastv(LLaVA15_7B(), 3, Fraction(1, 2), reduction=False),
          formula=FASTV_FORMULA, cause=CAUSE_RATIO, note=FORMULA_SOURCE),
    Claim("fastv-llava15-13b-k2-r50", "fastv", "2403.06764", "flops_reduction_percent", "45%",
          "https://arxiv.org/html/2403.06764v3 Abstract ('a 45% reduction in FLOPs for LLaVA-1.5-13B'); "
          f"{FASTV} README.md L15",
          "LLaVA-1.5-13B, K=2, R=50% (the Table 1 row, per the reviews): 36 system + 576 image tokens",
          lambda: _fastv(LLaVA15_13B(), 2, Fraction(1, 2), reduction=True),
          formula=FASTV_FORMULA, cause=CAUSE_RATIO,
          note="the abstract and README give no K and R; K=2, R=50% is the Table 1 setting. " + FORMULA_SOURCE),
    Claim("fastv-llava15-13b-table1-baseline", "fastv", "2403.06764", "flops", "154.6B", FASTV_TABLE1,
          "LLaVA-1.5-13B prefill of 36 system + 576 image tokens, no pruning",
          lambda: _table_claim(LLaVA15_13B(), Prefill(system=36, image=576)),
          source_kind=SECONDARY_TABLE1, formula=FASTV_FORMULA + ", mean over layers", cause=CAUSE_TABLE1),
    Claim("fastv-llava15-13b-table1-k2-r50", "fastv", "2403.06764", "flops", "84.6B", FASTV_TABLE1,
          "LLaVA-1.5-13B, K=2, R=50%: 36 system + 576 image tokens, 288 image tokens kept from layer 2",
          lambda: _table_claim(LLaVA15_13B(), Prefill(system=36, image=576, stages=((2, 288),))),
          source_kind=SECONDARY_TABLE1, formula=FASTV_FORMULA + ", mean over layers", cause=CAUSE_TABLE1),
    Claim("fastv-llava15-7b-table1-baseline", "fastv", "2403.06764", "flops", "99.3B",
          "https://github.com/lzhxmu/VTW/issues/7 (a user: \"FastV's reported 99.3B FLOPS for LLaVA-1.5-7B\")",
          "LLaVA-1.5-7B prefill of 36 system + 576 image tokens, no pruning",
          lambda: _table_claim(LLaVA15_7B(), Prefill(system=36, image=576)),
          source_kind="secondary: a GitHub issue quoting the paper", formula=FASTV_FORMULA + ", mean over layers",
          cause=CAUSE_TABLE1.replace("40 layers", "32 layers")),
    Claim("pyramiddrop-llava-next-7b", "pyramiddrop", "2410.17247", "flops_reduction_percent", "55%",
          f"{PDROP} README.md L19 ('55% inference FLOPs acceleration of LLaVA-NeXT'); layers and ratios L75-76",
          "LLaVA-NeXT-Vicuna-7B, one 672x672 image (2928 tokens: 4 tiles + base + row newlines), no text; "
          "50% / 25% / 12.5% of the image tokens kept after layers 8 / 16 / 24",
          _pyramiddrop, formula=PDROP_FORMULA,
          cause="the paper's image and text lengths are not stated where readable here; the share moves with them",
          note="formula: https://github.com/pkunlp-icler/FastV/issues/29 (PyramidDrop's author: three linear "
               "layers in LLaMA's FFN). The share moves with the text length, which the README does not give: "
               "see detail.formula_reduction_percent_by_text_tokens"),
    Claim("tokenpacker-scale2-tokens", "tokenpacker", "2407.02392", "visual_tokens", "144",
          f"{TOKENPACKER} README.md L131 (TokenPacker-7b, 336x336, ratio 1/4, 144 tokens)",
          "LLaVA-1.5 CLIP-L/336 grid, scale_factor 2", lambda: _tokens(tokenpacker(clip_features(), 2), 576)),
    Claim("tokenpacker-scale3-tokens", "tokenpacker", "2407.02392", "visual_tokens", "64",
          f"{TOKENPACKER} README.md L136 (ratio 1/9, checkpoint '...-16patch-64token'); scale_factor 3 L98",
          "one 336x336 image or HD patch, scale_factor 3", lambda: _tokens(tokenpacker(clip_features(), 3), 576)),
    Claim("tokenpacker-scale4-tokens", "tokenpacker", "2407.02392", "visual_tokens", "36",
          f"{TOKENPACKER} README.md L137 (ratio 1/16, checkpoint '...-16patch-36token'); scale_factor 4 L98",
          "one 336x336 image or HD patch, scale_factor 4", lambda: _tokens(tokenpacker(clip_features(), 4), 576)),
    Claim("tokenpacker-compression-low", "tokenpacker", "2407.02392", "percent", "75%",
          f"{TOKENPACKER} README.md L41-42 ('compress the visual tokens by 75%~89%')",
          "scale_factor 2 against LLaVA-1.5's 576 tokens",
          lambda: _share(tokenpacker(clip_features(), 2).shape[1], _llava_tokens(), reduction=True)),
    Claim("tokenpacker-compression-high", "tokenpacker", "2407.02392", "percent", "89%",
          f"{TOKENPACKER} README.md L41-42 ('compress the visual tokens by 75%~89%')",
          "scale_factor 3 against LLaVA-1.5's 576 tokens",
          lambda: _share(tokenpacker(clip_features(), 3).shape[1], _llava_tokens(), reduction=True),
          note="scale_factor 4 (36 tokens, README L137) would compress by 93.75%, outside the stated range"),
    Claim("deco-default-tokens", "deco", "2405.20985", "visual_tokens", "144",
          f"{DECO} README.md L30 (AvgPoolProjector query_num: int = 144)",
          "LLaVA-1.5 CLIP-L/336 grid, query_num 144", lambda: _tokens(deco(clip_features(), 144), 576)),
    Claim("deco-figure-tokens", "deco", "2405.20985", "visual_tokens", "64",
          f"{DECO} README.md L13 ('compress the original 576 vision tokens to 64 tokens')",
          "LLaVA-1.5 CLIP-L/336 grid, query_num 64", lambda: _tokens(deco(clip_features(), 64), 576)),
    Claim("visionzip-llava15-tokens", "visionzip", "2412.04467", "visual_tokens", "64",
          f"{VISIONZIP} README.md L127-128 (54 dominant + 10 contextual tokens)",
          "LLaVA-1.5 CLIP-L/336 layer -2 with its class token, dominant=54, contextual=10",
          lambda: _tokens(visionzip(clip_features(keep_class_token=True), 54, 10), 577),
          note="the class token is one of the 54 dominant tokens: main.py L7 passes dominant-1 to the selector"),
    Claim("visionzip-llava15-share", "visionzip", "2412.04467", "percent", "10%",
          f"{VISIONZIP} README.md L50 ('By retaining only 10% of visual tokens')",
          "the 64-token setting of README L127-128 against LLaVA-1.5's 576 tokens",
          lambda: _share(visionzip(clip_features(keep_class_token=True), 54, 10).shape[1], _llava_tokens(),
                         reduction=False),
          cause="64 of 576 tokens is 11.1%; the README rounds it down to 10% (which would be 57.6 tokens)"),
    Claim("llava-mini-compression-rate", "llava-mini", "2501.03895", "percent", "0.17%",
          f"{LLAVA_MINI} README.md L24 ('1 vision token instead of 576 (compression rate of 0.17%)')",
          "LLaVA-1.5 CLIP-L/336 grid, compressor_size 1",
          lambda: _share(llava_mini_compressor(clip_features(), 1).shape[1], _llava_tokens(), reduction=False),
          note="the code's default compressor_size is 2, i.e. 4 tokens (llavamini_arch.py L197, L205); "
               "1 token needs compressor_size 1 in the released checkpoint's config, not read here"),
    Claim("dynamic-llava-kept-tokens", "dynamic-llava", "2412.00876", "visual_tokens", "115",
          "https://github.com/Osilly/dynamic_llava/issues/4 (maintainer: the 115 prefill tokens are the image "
          f"tokens times the keep rate); {DYNAMIC_LLAVA} llava/train/train_sparse.py L148 (vision_keep_rate 0.2)",
          "LLaVA-1.5, vision_keep_rate 0.2, int() as dynamic_modeling_llama.py L1899-1901",
          lambda: {"computed": Fraction(int(_llava_tokens() * 0.2)),
                   "detail": {"input_tokens": _llava_tokens(), "output_tokens": int(_llava_tokens() * 0.2)}}),
)


# --------------------------------------------------------------------------------------------- verdicts
_STATED = re.compile(r"^(\d+)(?:\.(\d+))?(%|B|T)?$")
_UNIT = {None: 1, "%": 1, "B": 10 ** 9, "T": 10 ** 12}


def parse_stated(value: str) -> tuple[Fraction, Fraction]:
    """'57%' -> (57, 1/2); '154.6B' -> (154.6e9, 0.05e9); '144' -> (144, 0): the number and its half unit."""
    match = _STATED.match(value)
    if not match:
        raise ValueError(f"cannot read the stated figure {value!r}")
    whole, decimals, unit = match.groups()
    scale = _UNIT[unit]
    number = Fraction(whole + (decimals or "")) / 10 ** len(decimals or "") * scale
    half = Fraction(0) if unit is None and not decimals else Fraction(scale, 2 * 10 ** len(decimals or ""))
    return number, half


def _verdict(computed: Fraction, stated: str) -> tuple[str, Fraction]:
    number, half = parse_stated(stated)
    difference = computed - number
    return ("matched" if abs(difference) <= half else "diverged"), difference


def _plain(value: Fraction, quantity: str):
    """Integers stay exact; shares are written to four decimals."""
    return round(value) if quantity in ("flops", "visual_tokens") else round(float(value), 4)


def evaluate(claim: Claim) -> dict:
    result = claim.compute()
    verdict, difference = _verdict(result["computed"], claim.stated)
    row = {"id": claim.id, "paper": claim.paper, "arxiv": claim.arxiv, "quantity": claim.quantity,
           "setting": claim.setting, "stated": claim.stated, "source": claim.source, "source_kind": claim.source_kind,
           "computed": _plain(result["computed"], claim.quantity), "difference": _plain(difference, claim.quantity),
           "verdict": verdict, "formula": claim.formula, "detail": result["detail"], "note": claim.note,
           "command": COMMAND}
    diverged = verdict == "diverged"
    if "formula" in result:
        formula_verdict, formula_difference = _verdict(result["formula"], claim.stated)
        row.update(formula_value=_plain(result["formula"], claim.quantity), formula_verdict=formula_verdict,
                   formula_difference=_plain(formula_difference, claim.quantity))
        diverged = diverged or formula_verdict == "diverged"
    row["cause"] = claim.cause if diverged else ""
    return row


def ledger(claims: tuple[Claim, ...] = CLAIMS) -> dict:
    return {"generated_by": f"{COMMAND} --ledger",
            "conventions": __doc__.split("Conventions: ")[1].strip().replace("\n", " "),
            "claims": sorted((evaluate(c) for c in claims), key=lambda r: r["id"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n")[0])
    parser.add_argument("--ledger", action="store_true", help=f"also write {LEDGER}")
    args = parser.parse_args(argv)
    data = ledger()
    for row in data["claims"]:
        formula = f"  formula {row['formula_value']} ({row['formula_verdict']})" if "formula_value" in row else ""
        print(f"{row['id']:<36} stated {row['stated']:<7} computed {row['computed']} ({row['verdict']}){formula}")
    if args.ledger:
        LEDGER.parent.mkdir(parents=True, exist_ok=True)
        LEDGER.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {LEDGER}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
