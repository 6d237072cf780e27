"""The generated end of the About page (site_src/about.md): where the code lives, how to cite the version
being read, the changelog of data releases and the feed of new papers. Read from the repository's own files
(CITATION.cff, catalog/RELEASES.yaml), so the page cannot drift from them."""

from __future__ import annotations

from pathlib import Path

import yaml

from vlkb import __version__
from vlkb.outputs.releases import Release
from vlkb.site.feed import FEED_PATH
from vlkb.site.html import block, esc, heading, link


def citation_bibtex(citation: dict, version: str) -> str:
    """A BibTeX @misc entry for the dataset at `version`, from CITATION.cff's fields."""
    authors = " and ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", ")
                           for a in citation.get("authors", []))
    key = f"vlkb_{version.replace('.', '_')}"
    fields = [("title", citation.get("title", "vlkb")), ("author", authors), ("version", version),
              ("note", f"Data under {citation.get('license', 'CC-BY-4.0')}; version {version}")]
    if citation.get("repository-code"):
        fields.append(("url", citation["repository-code"]))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{key},\n{body}\n}}"


def about_sections(repo_root: Path, releases: list[Release], repository_url: str | None,
                   version: str = __version__) -> str:
    """HTML blocks appended to the About page's markdown."""
    citation = yaml.safe_load((repo_root / "CITATION.cff").read_text(encoding="utf-8"))
    where = (f"<p>The records, the code and the issue tracker are at {link(repository_url, repository_url)}.</p>"
             if repository_url else
             "<p>This copy of the site was built without a repository address (set <code>VLKB_REPOSITORY_URL</code> "
             "or <code>extra.vlkb.repository_url</code> in mkdocs.yml); the records are the <code>catalog/</code> "
             "folder of the repository it was built from.</p>")
    parts = [heading(2, "Repository", "repository"), block(where),
             heading(2, "How to cite", "cite"),
             block(f"<p>You are reading vlkb <strong>{esc(version)}</strong>. Cite the version you used "
                   "(<code>CITATION.cff</code> in the repository says the same):</p>",
                   f"<pre><code>{esc(citation_bibtex(citation, version))}</code></pre>".replace("\n", "&#10;"))]
    rows = "".join(
        f"<li><strong>{esc(r.version)}</strong>, {esc(r.date.isoformat())}: {esc(r.notes)}"
        + (f" ({link(r.url, 'release bundle')})" if r.url else "") + "</li>" for r in releases)
    parts += [heading(2, "Changelog of data releases", "changelog"),
              block(f"<ul>{rows}</ul>" if rows else "<p>No release yet.</p>",
                    "<p>Each release bundle holds a CHANGELOG.md of the records added and changed since the one "
                    "before; the data page lists the releases.</p>"),
              heading(2, "New papers as a feed", "feed"),
              block(f'<p>The papers added last are in an Atom feed: <a href="../{FEED_PATH}">{FEED_PATH}</a>. '
                    "Point a feed reader at it to hear of new records.</p>")]
    return "\n\n" + "".join(parts)
