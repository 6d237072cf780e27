"""The bootstrap code is a one-time tool beside its inputs (scripts/bootstrap/awesome_import), not part of
the installed package: its tests put that folder on the import path."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "bootstrap"))
