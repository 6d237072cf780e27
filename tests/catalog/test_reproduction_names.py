"""Architecture entries name the reproduction that rebuilds them (`reproduction:`), so the paper page can put the
computed counts beside the stated ones: each name must be a model of the committed ledger, of that paper, once."""

from __future__ import annotations

import json
from collections import Counter

from tests.paths import REPO_ROOT
from vlkb.loading.catalog import load_catalog


def test_every_named_reproduction_is_a_ledger_model_of_the_same_paper():
    checks = json.loads((REPO_ROOT / "reproductions/ledger/architecture.json").read_text(encoding="utf-8"))["checks"]
    paper_of = {c["model"]: c["catalog_id"] for c in checks}
    catalog, _ = load_catalog(REPO_ROOT / "catalog")
    named = [(paper.id, arch.reproduction) for paper in catalog.papers.values() for arch in paper.architecture
             if arch.reproduction]
    assert len(named) >= 25
    for paper_id, name in named:
        assert name in paper_of, f"{paper_id}: reproduction {name!r} is not in the ledger"
        assert paper_of[name] == paper_id, f"{paper_id}: {name!r} reproduces {paper_of[name]}"
    twice = [name for name, n in Counter(name for _, name in named).items() if n > 1]
    assert not twice, f"named by two variants: {twice}"
