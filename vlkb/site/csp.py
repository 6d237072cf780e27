"""A Content-Security-Policy meta tag per page: a second wall behind escaping.

Scripts run only from the site itself, plus the inline scripts the theme writes around the page
content, each allowed by its SHA-256 hash. Anything inline inside the rendered page content (where
record text lands) gets no hash, so even an escaping bug could not run a script there.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPES = ("application/json",)


def theme_script_hashes(page_html: str, content: str = "") -> list[str]:
    """Hashes of inline executable scripts outside the page's own content, in page order, unique."""
    outside = page_html.replace(content, "") if content.strip() else page_html
    hashes: list[str] = []
    for match in _SCRIPT.finditer(outside):
        attrs = match.group("attrs").lower()
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not match.group("body").strip():
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


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
