"""`vlkb validate` as a contributor and as CI meet it: formats, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys


def run_validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vlkb", "validate", *args], capture_output=True, text=True)


def test_valid_catalog_exits_zero(catalog_copy):
    result = run_validate(str(catalog_copy.root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 4 papers" in result.stderr


def test_errors_exit_one_in_file_line_col_form(catalog_copy):
    catalog_copy.write("papers/broken.yaml", "id: broken\ntitle: [\n")
    catalog_copy.write("papers/llava.yaml", catalog_copy.path("papers/llava.yaml").read_text().replace(
        'arxiv: "2304.08485"', "arxiv: 2304.08485"))
    result = run_validate(str(catalog_copy.root))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("catalog/papers/broken.yaml:") and "YAML syntax error" in line for line in lines)
    assert any(line.startswith("catalog/papers/llava.yaml:15:8: arxiv:") for line in lines)
    assert "Traceback" not in result.stderr


def test_json_format_lists_problem_objects(catalog_copy):
    catalog_copy.write("papers/broken.yaml", "id: broken\n")
    problems = json.loads(run_validate("--format", "json", str(catalog_copy.root)).stdout)
    assert {"file", "line", "column", "field", "message", "hint"} <= set(problems[0])


def test_github_format_emits_workflow_annotations(catalog_copy):
    catalog_copy.write("papers/broken.yaml", "id: broken\n")
    out = run_validate("--format", "github", str(catalog_copy.root)).stdout
    assert out.startswith("::error file=catalog/papers/broken.yaml,line=1,col=1,")


def test_paths_limit_the_report_to_those_files(catalog_copy):
    catalog_copy.write("papers/broken.yaml", "id: broken\n")
    result = run_validate(str(catalog_copy.path("papers/llava.yaml")))
    assert result.returncode == 0, result.stdout


def test_a_path_outside_any_catalog_is_explained(tmp_path):
    result = run_validate(str(tmp_path))
    assert result.returncode == 1 and "not inside a catalog" in result.stdout
