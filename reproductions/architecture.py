"""Run one architecture reproduction: counts on the meta device, visual tokens from real forward passes.

API:
    reproduce(cfg) -> dict: {"model", "paper", "inputs", "computed", "checks", "catalog_id"}
        computed: total / per-component / trainable parameter counts of the full-size model built on
        torch's meta device, and visual tokens per input size from a narrow model run on the CPU.
        checks: one row per stated figure, with verdict "matched" or "diverged" at the stated precision.
    ledger_rows(results) -> list of flat, sorted rows for reproductions/ledger/architecture.json.
    environment(device) -> {"torch": ..., "python": ..., "device": ...}
"""
from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import platform

import torch
from torch import nn

from .assemble import build, component_parameters, narrow
from .layers import count_parameters
from .spec import compare, precision_of
from .tokens import visual_tokens

RERUN = "python -m reproductions.run {name}"


def _setting(hw: tuple[int, int]) -> str:
    return f"{hw[0]}x{hw[1]} image"


def _grouped(model, patterns: tuple[str, ...]) -> int:
    include = [p for p in patterns if not p.startswith("!")]
    exclude = [p[1:] for p in patterns if p.startswith("!")]
    return sum(p.numel() for name, p in model.named_parameters()
               if any(fnmatch.fnmatchcase(name, g) for g in include)
               and not any(fnmatch.fnmatchcase(name, g) for g in exclude))


@contextlib.contextmanager
def _skip_init():
    """Parameter initialisation is pointless on the meta device and costs most of the build time."""
    patched = [nn.Linear, nn.Embedding, nn.LayerNorm, nn.Conv2d, nn.RMSNorm, nn.MultiheadAttention]
    saved = {cls: cls.__dict__.get("reset_parameters") for cls in patched}
    saved_mha = nn.MultiheadAttention.__dict__.get("_reset_parameters")
    try:
        for cls in patched:
            cls.reset_parameters = lambda self: None
        nn.MultiheadAttention._reset_parameters = lambda self: None
        yield
    finally:
        for cls, original in saved.items():
            if original is None:
                del cls.reset_parameters
            else:
                cls.reset_parameters = original
        nn.MultiheadAttention._reset_parameters = saved_mha


def count(cfg) -> dict[str, int]:
    with torch.device("meta"), _skip_init():
        model = build(cfg)
    parts = component_parameters(model)
    counts = {
        "total_parameters": count_parameters(model),
        "vision_parameters": parts["vision_encoder"],
        "projector_parameters": parts["projector"],
        "language_parameters": parts["language_model"],
        "trainable_parameters": sum(count_parameters(model.get_submodule(name)) for name in cfg.trainable),
    }
    if "cross_attention" in parts:
        counts["cross_attention_parameters"] = parts["cross_attention"]
    if "action_expert" in parts:
        counts["action_expert_parameters"] = parts["action_expert"]
    if "image_generator" in parts:
        counts["generation_parameters"] = parts["image_generator"]
    if hasattr(model.language_model, "activated_parameters"):  # mixture of experts (moe.py)
        embeddings = model.language_model.embedding_parameters()
        counts["activated_parameters"] = model.language_model.activated_parameters()
        counts["activated_nonembedding_parameters"] = counts["activated_parameters"] - embeddings
        counts["language_nonembedding_parameters"] = parts["language_model"] - embeddings
    for quantity, patterns in cfg.count_groups:
        counts[quantity] = _grouped(model, patterns)
    counts.update(cfg.derived_counts())  # figures that are not parameter counts (OpenVLA's action tokens)
    return counts


@torch.no_grad()
def tokens(cfg, *, seed: int = 0) -> dict[str, int]:
    torch.manual_seed(seed)
    small_cfg = narrow(cfg)
    model = build(small_cfg).eval()
    out = {}
    for hw in cfg.token_inputs:
        out[_setting(hw)] = visual_tokens(model, small_cfg, hw)
    # the language model really takes them: one full forward pass at the first input size
    hw = cfg.token_inputs[0]
    if not cfg.tok_tiling and cfg.lm_kind != "none":
        side = cfg.vit_image_size if cfg.vit_kind in ("vit", "fused-vit") else None
        pixels = torch.randn(1, 3, *(hw if side is None else (side, side)))
        logits = model(pixels, torch.randint(0, small_cfg.lm_vocab_size, (1, 5)))
        if not torch.isfinite(logits).all():
            raise RuntimeError(f"{cfg.name}: narrow forward pass produced non-finite logits")
    return out


def reproduce(cfg) -> dict:
    counts = count(cfg)
    token_counts = tokens(cfg) if cfg.token_inputs else {}
    checks = []
    for stated in cfg.stated:
        if stated.quantity == "visual_tokens":
            computed = token_counts.get(stated.setting)
            if computed is None:
                raise ValueError(f"{cfg.name}: no token count computed for setting {stated.setting!r}; "
                                 f"add it to token_inputs")
        else:
            computed = counts[stated.quantity]
        verdict, difference = compare(computed, stated.value)
        checks.append({
            "quantity": stated.quantity, "setting": stated.setting, "stated": stated.value,
            "stated_precision": precision_of(stated.value), "source": stated.source, "computed": computed,
            "difference": int(round(difference)), "verdict": verdict,
            "cause": stated.cause if verdict == "diverged" else "", "note": stated.note,
        })
    inputs = {k: v for k, v in dataclasses.asdict(cfg).items() if k not in ("stated", "name", "paper", "catalog_id")}
    return {"model": cfg.name, "paper": cfg.paper, "catalog_id": cfg.catalog_id, "inputs": inputs,
            "computed": {**counts, "visual_tokens": token_counts}, "checks": checks,
            "rerun": RERUN.format(name=cfg.name)}


def ledger_rows(results: list[dict]) -> list[dict]:
    rows = []
    for result in results:
        for check in result["checks"]:
            rows.append({
                "model": result["model"], "paper": result["paper"], "catalog_id": result["catalog_id"],
                "quantity": check["quantity"], "setting": check["setting"], "stated": check["stated"],
                "stated_precision": check["stated_precision"], "source": check["source"],
                "computed": check["computed"], "difference": check["difference"], "verdict": check["verdict"],
                "cause": check["cause"], "note": check["note"], "command": result["rerun"],
            })
    return sorted(rows, key=lambda r: (r["model"], r["quantity"], r["setting"], r["stated"]))


def environment(device: str) -> dict:
    env = {"torch": torch.__version__, "python": platform.python_version(), "device": device}
    if device.startswith("cuda") and torch.cuda.is_available():
        env["gpu"] = torch.cuda.get_device_name(0)
    return env
