"""The README's two commands stay the ones CI runs and the ones that exist."""

from __future__ import annotations

import re

from tests.paths import REPO_ROOT


def readme_commands() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_starts_with_the_two_commands():
    head = (REPO_ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    serve, test = readme_commands()
    assert serve in head and test in head
    assert "mkdocs serve" in serve and "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
