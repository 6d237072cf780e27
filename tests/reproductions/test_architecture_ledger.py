"""The committed ledger is exactly what a fresh CPU run produces; every config default names its source."""
from __future__ import annotations

import json
import re

import pytest

from tests.paths import REPO_ROOT

pytest.importorskip("torch", reason="the reproductions need torch: pip install -e '.[repro]'")

from _architecture_cache import all_results  # noqa: E402

ROOT = REPO_ROOT
LEDGER = ROOT / "reproductions" / "ledger" / "architecture.json"
FIX = "python -m reproductions.run --ledger reproductions/ledger/architecture.json"


def test_fresh_cpu_run_reproduces_the_committed_ledger():
    from reproductions.run import ledger
    fresh = json.loads(json.dumps(ledger(list(all_results().values())), sort_keys=True))
    committed = json.loads(LEDGER.read_text(encoding="utf-8"))
    assert fresh == committed, f"the ledger is stale; regenerate it with `{FIX}`"


def test_ledger_rows_are_sorted_and_complete():
    rows = json.loads(LEDGER.read_text(encoding="utf-8"))["checks"]
    keys = [(r["model"], r["quantity"], r["setting"], r["stated"]) for r in rows]
    assert keys == sorted(keys)
    for row in rows:
        assert row["verdict"] in ("matched", "diverged"), row
        assert row["source"] and row["command"].startswith("python -m reproductions.run "), row
        if row["verdict"] == "diverged":
            assert row["cause"], f"{row['model']} {row['quantity']}: a diverged figure needs its likely cause"


def test_at_least_thirty_two_models_are_reproduced():
    assert len(all_results()) >= 32


def test_every_config_default_carries_a_comment():
    zoo = ROOT / "reproductions" / "zoo"
    field = re.compile(r"^\s+(vit2?|mp|lm|act|xattn|tok)_\w+\s*:")
    missing = []
    for path in sorted(zoo.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if field.match(line) and "#" not in line:
                missing.append(f"{path.name}:{number}: {line.strip()}")
    assert not missing, "config defaults without a reason/source comment:\n" + "\n".join(missing)


def test_catalog_cross_references_exist():
    from reproductions.zoo import REPRODUCTIONS
    papers = ROOT / "catalog" / "papers"
    if not papers.is_dir():
        pytest.skip("no catalog/papers in this checkout")
    dangling = [f"{cfg.name} -> {cfg.catalog_id}" for cfg in REPRODUCTIONS.values()
                if cfg.catalog_id and not (papers / f"{cfg.catalog_id}.yaml").is_file()]
    assert not dangling, f"catalog_id without a paper record: {dangling}"
