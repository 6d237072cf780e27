"""Title identity: two spellings of one title (case, punctuation, accents) must collide."""

from __future__ import annotations

import re
import unicodedata


def normalised_title(title: str) -> str:
    """Casefolded letters and digits only, so 'LLaVA: Visual...' and 'Llava visual...' collide."""
    text = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[^0-9a-z]+", "", text)
