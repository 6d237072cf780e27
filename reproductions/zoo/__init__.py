"""The reproduced models: ``REPRODUCTIONS`` maps a model name to its config instance.

One module per family; each config is a dataclass whose defaults carry their source.
"""
from __future__ import annotations

from ..assemble import require_stated
from . import (blip2, cogvlm, fuyu, gemma3, internvl, llava, nanovlm, openflamingo, openvla, pi0, qwen2_5_vl, qwen_vl,
               siglip2)
from . import blip3o, chameleon, emu3, internvl3, janus, kimi_vl, show_o  # unified models and 2025 flagships (issue 17)
from . import cogact, gr00t, octo, rdt, smolvla  # vision-to-action policies (issue 17)

_MODULES = (llava, blip2, qwen_vl, cogvlm, internvl, nanovlm, openflamingo, fuyu, qwen2_5_vl, gemma3, siglip2, openvla,
            pi0)
_MODULES += (janus, show_o, emu3, chameleon, blip3o, internvl3, kimi_vl)
_MODULES += (octo, smolvla, rdt, gr00t, cogact)


def _collect():
    found = {}
    for module in _MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and getattr(value, "__module__", "") == module.__name__ \
                    and getattr(value, "name", ""):
                cfg = value()
                require_stated(cfg)  # a model that forgot a field fails here, at import, not with a guessed count
                if cfg.name in found:
                    raise ValueError(f"duplicate reproduction name {cfg.name!r} in {module.__name__}")
                found[cfg.name] = cfg
    return dict(sorted(found.items()))


REPRODUCTIONS = _collect()
