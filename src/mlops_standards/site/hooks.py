"""MkDocs hooks: replace `<!-- mlops:NAME args -->` markers with pages rendered from the catalog.

Registered in mkdocs.yml under `hooks:`. An unknown marker, an unknown requirement ID or a
malformed catalog stops the build with an error that names the page.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from functools import cache

from mkdocs.exceptions import PluginError

from mlops_standards.catalog import Catalog, CatalogError, load
from mlops_standards.site import render

MARKER = re.compile(r"<!--\s*mlops:(?P<name>[a-z-]+)(?P<args>[^>]*?)\s*-->")


@cache
def _catalog() -> Catalog:
    try:
        return load()
    except CatalogError as error:
        raise PluginError(str(error)) from None


def _one_id(args: list[str]) -> str:
    if len(args) != 1:
        raise ValueError("takes exactly one requirement ID")
    return args[0]


# Marker name -> renderer(catalog, args, page path).
RENDERERS: dict[str, Callable[[Catalog, list[str], str], str]] = {
    "standards": lambda c, a, p: render.standards(c, _one_id(a).upper(), p),
    "heading": lambda c, a, p: render.heading(c, _one_id(a), p),
    "level": lambda c, a, p: render.level_requirements(c, int(_one_id(a)), p),
    "staircase": lambda c, a, p: render.staircase(c),
    "crosswalk": lambda c, a, p: render.crosswalk(c, p),
    "ml-test-score": lambda c, a, p: render.ml_test_score(c, p),
    "changelog": lambda c, a, p: render.changelog(c),
    "satisfies": lambda c, a, p: render.satisfies(c, p),
    "version": lambda c, a, p: c.version,
    "count": lambda c, a, p: str(len(c)),
}


def expand(markdown: str, page: str, catalog: Catalog | None = None) -> str:
    """Replace every marker in `markdown`; `page` is the source path, like `standards/x.md`."""
    catalog = catalog or _catalog()

    def replace(match: re.Match[str]) -> str:
        name, args = match["name"], shlex.split(match["args"])
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise PluginError(f"{page}: unknown marker 'mlops:{name}'")
        try:
            return renderer(catalog, args, page)
        except KeyError as error:
            raise PluginError(f"{page}: mlops:{name}: unknown ID {error}") from None
        except ValueError as error:
            raise PluginError(f"{page}: mlops:{name}: {error}") from None

    return MARKER.sub(replace, markdown)


def on_config(config):
    """Show the standards' version in the footer of every page."""
    catalog = _catalog()
    config["copyright"] = f"MLOps standards v{catalog.version} · {len(catalog)} requirements"
    config["extra"]["standards_version"] = catalog.version
    return config


def on_page_markdown(markdown, page, config, files):
    """Render the catalog markers of one page."""
    return expand(markdown, page.file.src_uri)
