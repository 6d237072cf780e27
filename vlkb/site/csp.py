"""A Content-Security-Policy meta tag per page: a second wall behind escaping.

Scripts run only from the site itself, plus the inline scripts the theme writes around the page
content, each allowed by its SHA-256 hash. Anything inline inside the rendered page content (where
record text lands) gets no hash, so even an escaping bug could not run a script there. When the content
cannot be found in the page, no inline script gets a hash: the policy fails closed, costing at worst a
theme script on that page, never allowing one from the content.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

_SCRIPT_OPEN = re.compile(r"<script([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script>", re.IGNORECASE)
_DATA_TYPES = ("application/json", "application/ld+json")
"""Script types that are data, never run: chart data and JSON-LD (vlkb.site.dataset_pages)."""


def theme_script_hashes(page_html: str, content: str = "") -> list[str]:
    """Hashes of inline executable scripts outside the page's own content, in page order, unique.

    An empty `content` means the page has none (a template such as 404.html): every script is the theme's.
    """
    hashes: list[str] = []
    for start, end in _outside(page_html, content):
        for attrs, body in _scripts(page_html, start, end):
            attrs = attrs.lower()
            if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not body.strip():
                continue
            digest = _hash(body)
            if digest not in hashes:
                hashes.append(digest)
    return hashes


def _scripts(page_html: str, start: int, end: int) -> list[tuple[str, str]]:
    """(attributes, body) of each script between `start` and `end` (one regex with a lazy body was 2x slower)."""
    found = []
    while (opening := _SCRIPT_OPEN.search(page_html, start, end)) is not None:
        closing = _SCRIPT_CLOSE.search(page_html, opening.end(), end)
        if closing is None:
            break
        found.append((opening.group(1), page_html[opening.end():closing.start()]))
        start = closing.end()
    return found


def _outside(page_html: str, content: str) -> list[tuple[int, int]]:
    """The spans of the page around its content, found without copying the page (this runs on every page);
    none when the content is not in the page, since then nothing is known to lie outside it."""
    if not content.strip():
        return [(0, len(page_html))]
    head = content[:256]
    start = page_html.find(head)
    while start >= 0 and not page_html.startswith(content, start):
        start = page_html.find(head, start + 1)
    if start < 0:
        return []
    return [(0, start), (start + len(content), len(page_html))]


@functools.lru_cache(maxsize=256)
def _hash(body: str) -> str:
    """The CSP source of one script; the theme writes the same few scripts on every page."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


def policy(page_html: str, content: str = "") -> str:
    scripts = " ".join(["'self'", *theme_script_hashes(page_html, content)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")


def add_content_security_policy(page_html: str, content: str = "") -> str:
    """Insert the policy right after the charset, ahead of every script and style, so it governs them all.

    `content` is the page's rendered markdown (page.content); scripts inside it are never allowed.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page_html, content)}">'
    charset = re.search(r"<meta charset=[^>]*>", page_html)
    if charset:
        return page_html[: charset.end()] + meta + page_html[charset.end():]
    return re.sub(r"<head>", "<head>" + meta, page_html, count=1)
