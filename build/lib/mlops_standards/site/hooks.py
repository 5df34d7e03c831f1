"""MkDocs-only additions to the site, registered in mkdocs.yml under `hooks:`.

Page content never comes from here: catalog markers are a Python-Markdown extension
(`mlops_standards.site.markers`) so that MkDocs and Zensical render the same pages. Zensical
runs no MkDocs hook, so what is here is what a Zensical build goes without: the standards'
version in the footer, and the cache that makes `mkdocs serve` rebuild in about a second.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from mlops_standards.catalog import CatalogError
from mlops_standards.site.markers import catalog
from mlops_standards.site.serve_cache import ServeCache

log = logging.getLogger("mkdocs.plugins.mlops_standards")
# How often `mkdocs serve` looks for saved files. MkDocs polls every 0.5 s, which alone adds a
# quarter of a second on average to every rebuild; the few hundred files watched here take a
# millisecond or two to poll.
POLL_SECONDS = 0.1
# Set for `mkdocs serve` only, and kept across its rebuilds (MkDocs loads a hook module once).
_cache: ServeCache | None = None


def on_startup(command, dirty):
    """Cache conversions between the rebuilds of `mkdocs serve`; never for `mkdocs build`."""
    global _cache
    _cache = ServeCache() if command == "serve" else None


def on_config(config):
    """Show the standards' version and size in the footer of every page."""
    try:
        standards = catalog()
    except CatalogError as error:
        raise PluginError(str(error)) from None
    config["copyright"] = f"MLOps standards v{standards.version} · {len(standards)} requirements"
    search = config.plugins.get("material/search")
    if _cache is not None and search is not None:
        _cache.wrap_search(search.search_index)
    return config


def on_files(files, config):
    if _cache is not None:
        pages = [file.src_uri for file in files.documentation_pages()]
        _cache.start_build(Path(config.config_file_path), pages)
    return files


def on_serve(server, config, builder):
    """Poll for saved files every `POLL_SECONDS`, before the watcher starts.

    watchdog's polling observer and its emitters read the interval from `_timeout` (watchdog
    6); with another version the attribute is absent and MkDocs' default stays.
    """
    for watcher in (server.observer, *server.observer.emitters):
        if hasattr(watcher, "_timeout"):
            watcher._timeout = POLL_SECONDS
    return server


def on_env(env, config, files):
    if _cache is not None:
        env.bytecode_cache = _cache.templates
    return env


def on_page_markdown(markdown, page, config, files):
    if _cache is not None:
        _cache.wrap_render(page, markdown)
    return markdown


def on_post_build(config):
    if _cache is not None:
        log.info(f"serve cache: {_cache.hits} pages reused, the others converted")
