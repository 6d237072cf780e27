"""The examples the docs show run: the README's python blocks (the API and DuckDB), the data page's Python and
DuckDB examples, and the analysis page's code, which gives the page's numbers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT

pytest.importorskip("duckdb", reason="duckdb is in the test extra: pip install -e '.[test]'")


def _run(code: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def readme_python_blocks() -> list[str]:
    return re.findall(r"```python\n(.+?)\n```", (REPO_ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_has_the_api_and_duckdb_examples():
    blocks = readme_python_blocks()
    assert any("vlkb.load()" in b for b in blocks) and any("duckdb.sql" in b for b in blocks)


@pytest.mark.parametrize("number", range(len(readme_python_blocks())))
def test_every_python_block_of_the_readme_runs(number, tmp_path):
    out = _run(readme_python_blocks()[number], tmp_path)
    assert out.strip()


def test_the_data_page_examples_run_and_the_duckdb_one_on_the_parquet_downloads(tmp_path):
    import vlkb
    from vlkb.site.dataset_pages import DUCKDB_EXAMPLE, PYTHON_EXAMPLE

    assert "visual_tokens" in _run(PYTHON_EXAMPLE, tmp_path)
    vlkb.load().to_parquet(tmp_path)  # the site's data/ holds the same file names
    out = _run(DUCKDB_EXAMPLE, tmp_path)
    assert "representation" in out and "flow-matching" in out


def test_the_analysis_code_the_page_shows_gives_the_page_numbers(tmp_path):
    import vlkb
    from vlkb.site.analysis_page import RUN_IT, action_heads_per_half_year, analysis_page

    _run(RUN_IT, tmp_path)
    kb = vlkb.load()
    rows = action_heads_per_half_year(kb.table("papers").to_pylist(), kb.table("actions").to_pylist())
    assert sum(r["papers"] for r in rows) == kb.actions["paper"].nunique()
    page = analysis_page(kb.table("papers").to_pylist(), kb.table("actions").to_pylist())
    for row in rows:
        assert f"<tr><td>{row['half_year']}</td><td>{row['papers']}</td>" in page.body_html
    assert "def action_heads_per_half_year" in page.body_html
    # the same count with pandas, from the DataFrames: papers with a continuous head per half-year
    actions = kb.actions.merge(kb.papers[["id", "half_year"]], left_on="paper", right_on="id")
    continuous = actions[actions.representation.isin(["continuous-regression", "diffusion", "flow-matching"])]
    per_half = continuous.groupby("half_year")["paper"].nunique().to_dict()
    assert {r["half_year"]: r["continuous"] for r in rows if r["continuous"]} == per_half
