"""The vlkb website: pure renderers from a `Catalog` to page strings, and the thin mkdocs glue in `hooks`.

Every renderer here takes a loaded catalog and returns strings; none imports mkdocs, so each is
tested without a build (the habit of bids-specification's `render/` package). Record text is
untrusted: it reaches HTML only through `vlkb.site.html.esc` and links only through `safe_href`.
"""
