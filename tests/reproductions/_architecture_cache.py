"""One CPU run of every architecture reproduction, shared by the architecture tests of a session."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def all_results() -> dict:
    from reproductions.run import run_architectures
    results = run_architectures([], device="cpu", out=None, progress=lambda items, _label: items)
    return {r["model"]: r for r in results}
