"""Text that imitates: author names that mix scripts within a word, links to punycode or lookalike hosts.

Neither is certainly wrong (a mirror can be honest, a name can be written oddly), so they are review
flags on the data-quality page (`vlkb.outputs.quality`), not validation problems: a person looks.
Refused outright elsewhere: invisible characters (`vlkb.schema.common`), unsafe link schemes.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator
from urllib.parse import urlsplit

CITED_SITES = ("arxiv.org", "github.com", "github.io", "huggingface.co", "openreview.net", "aclanthology.org",
               "thecvf.com", "neurips.cc", "nips.cc", "iclr.cc", "icml.cc", "mlr.press", "ecva.net", "aaai.org",
               "ieee.org", "acm.org", "doi.org", "openai.com", "google.com", "google.dev", "paperswithcode.com")
"""The sites the catalog cites most (by registrable domain), the ones worth imitating, and google.dev, Google's
own, which the same-name rule would flag."""

_CONFUSABLE = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "_": "", "-": ""})
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}  # Japanese and Korean mix with Han
_LINK_FIELDS = frozenset({"url", "paper", "code", "project"})


def mixed_script_words(name: str) -> list[tuple[str, list[str]]]:
    """(word, its scripts) for each word of `name` whose letters come from more than one script."""
    found = []
    for word in name.split():
        scripts = {_script(ch) for ch in word if ch.isalpha()} - {None}
        if len({_SAME_SCRIPT.get(s, s) for s in scripts}) > 1:
            found.append((word, sorted(scripts)))  # type: ignore[arg-type]
    return found


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else None
    return None if first in (None, "MODIFIER", "COMBINING") else first


def host_warning(url: str) -> str | None:
    """Why a reviewer should look at the host of `url` (punycode, percent-encoded, imitating a cited site)."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host:
        return None
    labels = host.split(".")
    if any(label.startswith("xn--") for label in labels):
        return f"link host {host} is punycode: it may show as letters that imitate another site"
    if "%" in host:
        return f"link host {host} is percent-encoded: it may decode to letters that imitate another site"
    registrable = ".".join(labels[-2:])
    if registrable in CITED_SITES:
        return None
    for site in CITED_SITES:
        name, suffix = site.split(".")
        if registrable.translate(_CONFUSABLE).replace("rn", "m").replace("vv", "w") == site.translate(_CONFUSABLE):
            return f"link host {host} looks like {site} but is not it"
        if labels[-2] == name or (len(name) >= 5 and labels[-1] == suffix and _one_edit(labels[-2], name)):
            return f"link host {host} looks like {site} but is not it"
        if name in labels[:-2]:
            return f"link host {host} uses the name of {site} but is another site"
    return None


def _one_edit(word: str, other: str) -> bool:
    """True when `word` differs from `other` by one inserted, deleted, replaced or swapped character."""
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diffs = [i for i, (a, b) in enumerate(zip(word, other)) if a != b]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and word[diffs[0]] == other[diffs[1]] and word[diffs[1]] == other[diffs[0]])
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def record_links(value: Any) -> Iterator[str]:
    """Every link of a dumped record (`model_dump()`): the values of url, paper, code and project fields."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _LINK_FIELDS and isinstance(item, str):
                yield item
            else:
                yield from record_links(item)
    elif isinstance(value, list):
        for item in value:
            yield from record_links(item)


def lookalike_reasons(record: Any) -> list[str]:
    """Review reasons for one record: mixed-script author names and lookalike link hosts, each once."""
    reasons: list[str] = []
    authors = getattr(record, "authors", None)
    for name in getattr(authors, "names", ()) or ():
        for word, scripts in mixed_script_words(name):
            reasons.append(f"author name {name} mixes {' and '.join(s.title() for s in scripts)} letters in "
                           f"the word {word}, the shape of a lookalike")
    for url in record_links(record.model_dump(exclude_none=True)):
        warning = host_warning(url)
        if warning and warning not in reasons:
            reasons.append(warning)
    return reasons
