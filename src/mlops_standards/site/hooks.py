"""MkDocs hooks: replace `<!-- mlops:NAME args -->` markers with pages rendered from the catalog.

Registered in mkdocs.yml under `hooks:`. An unknown marker, an unknown requirement ID or a
malformed catalog stops the build with an error that names the page.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from mlops_standards.catalog import Catalog, CatalogError, load
from mlops_standards.site import render
from mlops_standards.site.example_report import example_report

# The folder of mkdocs.yml; example repositories are found relative to it.
_project_root = Path.cwd()

REPORT_SCHEMA = Path(__file__).parents[1] / "report" / "report-schema.json"
SCHEMA_URI = "checker/report-schema.json"

FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$", re.M | re.S)
MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<before>.*?)<!--\s*mlops:(?P<name>[a-z-]+)(?P<args>[^>]*?)\s*-->",
    re.M,
)


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


def _two(args: list[str]) -> tuple[str, str]:
    if len(args) != 2:
        raise ValueError("takes a repository path and a format")
    return args[0], args[1]


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
    "report": lambda c, a, p: example_report(c, _project_root, *_two(a)),
    "report-schema": lambda c, a, p: f"```json\n{REPORT_SCHEMA.read_text().rstrip()}\n```\n",
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
            text = renderer(catalog, args, page)
            # Keep the marker's indentation on every line, so output nests in tabs and lists.
            text = text.rstrip("\n").replace("\n", "\n" + match["indent"])
            return match["indent"] + match["before"] + text
        except KeyError as error:
            raise PluginError(f"{page}: mlops:{name}: unknown ID {error}") from None
        except ValueError as error:
            raise PluginError(f"{page}: mlops:{name}: {error}") from None

    # Markers inside fenced code are shown, not expanded, so pages can document them.
    out, position = [], 0
    for fence in FENCE.finditer(markdown):
        out += [MARKER.sub(replace, markdown[position : fence.start()]), fence[0]]
        position = fence.end()
    out.append(MARKER.sub(replace, markdown[position:]))
    return "".join(out)


def on_config(config):
    """Show the standards' version in the footer of every page."""
    global _project_root
    _project_root = Path(config.config_file_path).parent
    catalog = _catalog()
    config["copyright"] = f"MLOps standards v{catalog.version} · {len(catalog)} requirements"
    config["extra"]["standards_version"] = catalog.version
    return config


def on_page_markdown(markdown, page, config, files):
    """Render the catalog markers of one page."""
    return expand(markdown, page.file.src_uri)


def on_files(files, config):
    """Publish the JSON report's schema next to the checker guide, from the package's own copy."""
    files.append(File.generated(config, SCHEMA_URI, content=REPORT_SCHEMA.read_bytes()))
    return files
