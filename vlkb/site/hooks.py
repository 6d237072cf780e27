"""mkdocs glue: validate the catalog, add the generated pages in memory, escape titles, add the CSP.

Thin on purpose (the bids-specification habit): all content comes from the pure renderers in
`vlkb.site`. Configured in mkdocs.yml under `extra.vlkb`; the environment variables VLKB_CATALOG
(another catalog folder, for tests and benchmarks) and VLKB_EDIT_URL_BASE (where edit links point,
e.g. https://github.com/<owner>/vlkb/edit/main) override it.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

from vlkb.problems import format_problems
from vlkb.site.common import GeneratedPage, RenderedPage, render_generated, restore_deferred
from vlkb.site.csp import add_content_security_policy
from vlkb.site.data_pages import data_page
from vlkb.site.html import esc
from vlkb.site.index import SiteIndex
from vlkb.site.inputs import gather_inputs
from vlkb.site.late_work import LateResult, LateWork
from vlkb.site.pages import site_pages
from vlkb.validation import validate_catalog

_state: dict = {}

LATE_PAGES = {
    "data/index.md": lambda late: data_page(late.downloads, late.missing),
    "graph.md": lambda late: late.graph_page,
}
"""Pages made from `LateWork`: listed with a stand-in when the build lists its files, made when first read."""


def _settings(config) -> dict:
    return (config.extra or {}).get("vlkb", {}) or {}


def _catalog_root(config) -> Path:
    base = Path(config.config_file_path).parent
    return (base / os.environ.get("VLKB_CATALOG", _settings(config).get("catalog", "catalog"))).resolve()


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` injects an inline live-reload script into every page after the hooks ran; the
    # policy would block it, so a preview server goes without (the environment outlives the config
    # reloads that serve does on every change, module globals do not).
    os.environ["VLKB_SITE_COMMAND"] = command


def on_config(config):
    root = _catalog_root(config)
    catalog, problems = validate_catalog(root)
    if problems:
        raise PluginError(f"the catalog at {root} has {len(problems)} problem(s); the site is not built:\n"
                          + format_problems(problems, "text"))
    index = SiteIndex(catalog)
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # mkdocs stamps sitemap.xml(.gz) with the build date; use the data's date so builds repeat.
        changed = index.data_last_changed or dt.date(1970, 1, 1)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(changed.year, changed.month, changed.day,
                                                              tzinfo=dt.timezone.utc).timestamp()))
    _state.update(root=root, catalog=catalog, pages={}, rendered={}, repo_root=Path(config.config_file_path).parent)
    return config


def on_files(files: Files, config) -> Files:
    catalog = _state["catalog"]
    # started first, so the second core makes the downloads and the graph page while this one renders
    late = LateWork(catalog, _state["repo_root"], background=os.environ.get("VLKB_SITE_COMMAND") == "build")
    _state["late"] = late
    for path in late.planned:  # copied by mkdocs after on_env, which waits for them
        files.append(File.generated(config, path, abs_src_path=str(late.path_of(path))))
    inputs = gather_inputs(catalog, _state["repo_root"])
    for page in site_pages(catalog, inputs):
        if page.src_uri not in LATE_PAGES:
            _state["pages"][page.src_uri] = page
            _state["rendered"][page.src_uri] = render_generated(page.markdown)
        # the file's text is the page's markdown, so `mkdocs build` could still render it alone; the
        # hooks below hand Material the pre-rendered HTML instead of running Python-Markdown on it
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    # the bundle shipped inside the plotly package, served from our own assets (found, not imported: faster)
    bundle = Path(importlib.util.find_spec("plotly").origin).parent / "package_data" / "plotly.min.js"
    files.append(File.generated(config, "assets/vendor/plotly.min.js", abs_src_path=str(bundle)))
    # The catalog and the rendered pages stay alive for the whole build; without this, every full
    # garbage collection walks them again while the theme renders page after page (at 5,000 papers
    # that made the build grow faster than the page count).
    gc.collect()
    gc.freeze()
    return files


def _late_result() -> LateResult:
    try:
        return _state["late"].result()
    except RuntimeError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, page, config, files):
    make_late = LATE_PAGES.get(page.file.src_uri)
    if make_late is not None and page.file.src_uri not in _state["pages"]:
        late_page = make_late(_late_result())
        _state["pages"][late_page.src_uri] = late_page
        _state["rendered"][late_page.src_uri] = render_generated(late_page.markdown)
    generated: GeneratedPage | None = _state["pages"].get(page.file.src_uri)
    if generated is None:
        return markdown
    # Material prints page.meta.title unescaped in <title> and the header: escape it once here.
    page.meta["title"] = esc(generated.title)
    page.meta["description"] = esc(generated.description or generated.title)
    page.meta["vlkb_charts"] = generated.charts
    base = os.environ.get("VLKB_EDIT_URL_BASE") or _settings(config).get("edit_url_base")
    page.edit_url = f"{base.rstrip('/')}/{generated.edit_path}" if base and generated.edit_path else None
    return ""  # rendered without markdown: see on_page_content


def on_page_content(html: str, page, config, files) -> str:
    rendered: RenderedPage | None = _state["rendered"].get(page.file.src_uri)
    if rendered is None:
        return html
    generated: GeneratedPage = _state["pages"][page.file.src_uri]
    page.toc = TableOfContents([AnchorLink(title, anchor, level) for level, anchor, title in rendered.toc]
                               if generated.toc else [])
    return rendered.html


def on_post_page(output: str, page, config) -> str:
    rendered: RenderedPage | None = _state["rendered"].get(page.file.src_uri)
    content = page.content or ""
    if rendered is not None:
        output, content = restore_deferred(output, rendered.deferred), restore_deferred(content, rendered.deferred)
    if os.environ.get("VLKB_SITE_COMMAND") == "serve":
        return output
    return add_content_security_policy(output, content)


def on_env(env, config, files):
    _late_result()  # the downloads must be written before mkdocs copies them, right after this event
    return env


def on_post_build(config) -> None:
    _close_late_work()


def on_build_error(error) -> None:
    _close_late_work()


def _close_late_work() -> None:
    late = _state.pop("late", None)
    if late is not None:
        late.close()


def on_post_template(output_content: str, template_name: str, config) -> str:
    if template_name.endswith(".html") and os.environ.get("VLKB_SITE_COMMAND") != "serve":  # 404.html
        return add_content_security_policy(output_content)
    return output_content


def on_serve(server, config, builder):
    server.watch(str(_state.get("root") or _catalog_root(config)))
    return server
