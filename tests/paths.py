"""The paths every test shares, defined once: the repository, its small fixture catalog, and ../shared."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CATALOG = REPO_ROOT / "tests" / "fixtures" / "catalog"
SHARED = REPO_ROOT.parent / "shared"
"""The team's shared folder beside the checkout; a user's clone has none, and tests that read it skip."""
