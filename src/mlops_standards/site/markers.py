"""A Python-Markdown extension: `<!-- mlops:NAME args -->` markers become catalog-driven Markdown.

Registered in mkdocs.yml under `markdown_extensions:` as `mlops_standards.site.markers`, so
MkDocs and Zensical, which both run Python-Markdown extensions but share no plugin API, render
the same pages. An unknown marker, an unknown requirement ID or a malformed catalog stops the
build with a `MarkerError` whose message starts with the page's path.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from mlops_standards.catalog import Catalog, CatalogError, load
from mlops_standards.catalog.loader import default_directory
from mlops_standards.catalog.overlay import apply_overlay, find_overlay
from mlops_standards.site import checklist, figures, render, self_assessment
from mlops_standards.site.example_report import example_report

REPORT_SCHEMA = Path(__file__).parents[1] / "report" / "report-schema.json"

FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$", re.M | re.S)
MARKER = re.compile(r"<!--\s*mlops:(?P<name>[a-z-]+)(?P<args>[^>]*?)\s*-->")
INDENT = re.compile(r"[ \t]*")
# Before pymdownx.snippets (32) and every block parser, so markers expand into plain Markdown.
PRIORITY = 40


class MarkerError(Exception):
    """A marker cannot be rendered; the message starts with the page that holds it."""


@dataclass(frozen=True)
class Context:
    """What a renderer may read besides its arguments."""

    catalog: Catalog
    """The validated catalog."""
    page: str
    """The page's source path relative to `docs/`, like `standards/traceability.md`."""
    root: Path
    """The project root, where example repositories are found."""


def _one_id(args: list[str]) -> str:
    if len(args) != 1:
        raise ValueError("takes exactly one requirement ID")
    return args[0]


def _some_ids(args: list[str]) -> list[str]:
    if not args:
        raise ValueError("takes one or more requirement IDs")
    return args


def _one_level(args: list[str]) -> int:
    return int(_one_id(args))


def _two(args: list[str]) -> tuple[str, str]:
    if len(args) != 2:
        raise ValueError("takes a repository path and a format")
    return args[0], args[1]


def _none(args: list[str]) -> None:
    if args:
        raise ValueError("takes no arguments")


# Marker name -> renderer(context, args).
RENDERERS: dict[str, Callable[[Context, list[str]], str]] = {
    "standards": lambda c, a: render.standards(c.catalog, _one_id(a).upper(), c.page),
    "heading": lambda c, a: render.heading(c.catalog, _one_id(a), c.page),
    "level": lambda c, a: render.level_requirements(c.catalog, _one_level(a), c.page),
    "staircase": lambda c, a: figures.staircase(c.catalog),
    "level-rule": lambda c, a: _none(a) or render.level_rule(c.catalog, c.page),
    "crosswalk": lambda c, a: render.crosswalk(c.catalog, c.page),
    "ml-test-score": lambda c, a: render.ml_test_score(c.catalog, c.page),
    "changelog": lambda c, a: render.changelog(c.catalog),
    "satisfies": lambda c, a: render.satisfies(c.catalog, c.page),
    "version": lambda c, a: c.catalog.version,
    "count": lambda c, a: str(len(c.catalog)),
    "req": lambda c, a: render.requirement_reference(c.catalog, _one_id(a), c.page),
    "requirements": lambda c, a: render.requirement_list(c.catalog, _some_ids(a), c.page),
    "dimensions": lambda c, a: _none(a) or render.dimensions(c.catalog, c.page),
    "journey": lambda c, a: figures.journey(c.catalog, _one_level(a)),
    "figure": lambda c, a: figures.figure(_one_id(a), c.catalog, c.page),
    "report": lambda c, a: _report(c, *_two(a)),
    "report-schema": lambda c, a: f"```json\n{REPORT_SCHEMA.read_text().rstrip()}\n```\n",
    "checklist": lambda c, a: _none(a) or checklist.production_checklist(c.catalog, c.page),
    "self-assessment": lambda c, a: _none(a) or self_assessment.self_assessment(c.catalog, c.page),
}


def expand(markdown: str, context: Context) -> str:
    """Replace every marker in `markdown` with what its renderer makes of the catalog.

    Markers inside fenced code are shown, not expanded, so pages can document them.

    Raises:
        MarkerError: naming the page, the marker and the problem.
    """

    def replace(match: re.Match[str]) -> str:
        name, args = match["name"], shlex.split(match["args"])
        renderer = RENDERERS.get(name)
        if renderer is None:
            raise MarkerError(f"{context.page}: unknown marker 'mlops:{name}'")
        try:
            text = renderer(context, args)
        except KeyError as error:
            raise MarkerError(f"{context.page}: mlops:{name}: unknown ID {error}") from None
        except ValueError as error:
            raise MarkerError(f"{context.page}: mlops:{name}: {error}") from None
        # Indent every line as the marker's line is, so output nests in tabs and lists.
        line = match.string.rfind("\n", 0, match.start()) + 1
        indent = INDENT.match(match.string, line).group()
        return text.rstrip("\n").replace("\n", "\n" + indent)

    out, position = [], 0
    for fence in FENCE.finditer(markdown):
        out += [MARKER.sub(replace, markdown[position : fence.start()]), fence[0]]
        position = fence.end()
    out.append(MARKER.sub(replace, markdown[position:]))
    return "".join(out)


def catalog(directory: Path | None = None) -> Catalog:
    """The catalog in `directory` (the packaged one by default), loaded again only after an edit.

    The organisation overlay the checker would use (`MLOPS_STANDARDS_OVERLAY`, or an installed
    package's) tailors it, so the site publishes the standards the reports link to.

    A site build renders dozens of pages; `mkdocs serve` and `zensical serve` keep the process
    between rebuilds, so the cache is keyed on the catalog files' sizes and modification times.
    """
    folder = directory or default_directory()
    overlay = find_overlay()
    return _load(folder, _signature(folder, "*.yaml"), overlay, _file_signature(overlay))


@lru_cache(maxsize=4)
def _load(folder: Path, signature: tuple, overlay: Path | None, overlay_files: tuple) -> Catalog:
    standards = load(folder)
    return apply_overlay(standards, overlay) if overlay is not None else standards


def _file_signature(path: Path | None) -> tuple:
    if path is None or not path.is_file():
        return ()
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


def _signature(folder: Path, pattern: str = "**/*") -> tuple:
    """Path, size and modification time of every file under `folder`: changes on any edit."""
    found = []
    for path in sorted(folder.glob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


# (catalog, root, repository, format, files of the repository) -> the report's Markdown.
_reports: dict[tuple, str] = {}


def _report(context: Context, repository: str, fmt: str) -> str:
    """A real checker run, cached: the same catalog and the same files give the same report."""
    target = context.root / repository
    files = _signature(target) if target.is_dir() else ()
    key = (_signature(default_directory(), "*.yaml"), context.root, repository, fmt, files)
    if key not in _reports:
        if len(_reports) > 16:
            _reports.clear()
        _reports[key] = example_report(context.catalog, context.root, repository, fmt)
    return _reports[key]


def page_path(md: Markdown) -> str | None:
    """The source path (relative to `docs/`) of the page `md` is converting, if a builder says.

    Neither builder hands it to an extension, but each registers a processor that knows it
    before converting: MkDocs its link rewriter (`relpath`, with the page's `File`), Zensical
    its rendering context (with the page's `path`).
    """
    if "relpath" in md.treeprocessors:
        file = getattr(md.treeprocessors["relpath"], "file", None)
        if file is not None:
            return file.src_uri
    if "rendering_context" in md.preprocessors:
        page = getattr(md.preprocessors["rendering_context"], "page", None)
        if page is not None:
            return str(page.path).replace(os.sep, "/")
    return None


class MarkerPreprocessor(Preprocessor):
    """Expands the markers of one page before any other Markdown processing."""

    def __init__(self, md: Markdown, extension: CatalogMarkers) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = page_path(self.md) or self.extension.getConfig("page")
        if not page:
            raise MarkerError("mlops markers: no page path (set the extension's `page` option)")
        try:
            standards = catalog()
        except CatalogError as error:
            raise MarkerError(f"{page}: {error}") from None
        root = Path(self.extension.getConfig("root") or ".").resolve()
        context = Context(catalog=standards, page=page, root=root)
        return expand("\n".join(lines), context).split("\n")


class CatalogMarkers(Extension):
    """Python-Markdown extension that expands `<!-- mlops:NAME args -->` markers."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "root": ["", "Project root holding the example repositories; the working directory"],
            "page": ["", "Page path to assume when the builder does not say (tests, scripts)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(MarkerPreprocessor(md, self), "mlops_markers", PRIORITY)


def makeExtension(**kwargs: object) -> CatalogMarkers:
    """What Python-Markdown calls for `markdown_extensions: [mlops_standards.site.markers]`."""
    return CatalogMarkers(**kwargs)
