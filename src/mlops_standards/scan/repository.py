"""A repository as files: listed once, each read and parsed at most once, errors kept as facts.

Nothing here imports, executes or installs the code it reads: Python is parsed with `ast`,
TOML with `tomllib`, YAML with PyYAML's safe composer, JSON with `json`, notebooks as JSON,
Markdown with markdown-it-py. A file that cannot be read or parsed gives a `ParseError`
record instead of a value; template files are rendered neutrally first, and a template
that still does not parse is text, not an error of the project.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from . import templates, yamlnodes
from .markdown import Document, document
from .python import Module, notebook_source
from .walk import FileEntry, Walk, list_files

MAX_BYTES = 1024 * 1024  # files over 1 MiB are listed but never read
T = TypeVar("T")


class ScanError(Exception):
    """The repository cannot be scanned at all (missing path, not a directory)."""


@dataclass(frozen=True, slots=True)
class ParseError:
    """A file that could not be read or parsed, and why."""

    path: str
    kind: str
    """What it was read as: `text`, `YAML`, `TOML`, `JSON`, `notebook`, `Python`."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A file's parsed content, or the error that stands in for it."""

    path: str
    value: T | None = None
    error: ParseError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class Repository:
    """One repository. Every read and parse is cached, so no file is read or parsed twice."""

    def __init__(self, root: str | Path) -> None:
        path = Path(root)
        if not path.exists():
            raise ScanError(f"{root}: no such file or directory")
        if not path.is_dir():
            raise ScanError(f"{root}: not a directory")
        self.root = path.resolve()
        self._root_text = str(self.root)
        self._cache: dict[tuple[str, str], Parsed[Any]] = {}
        self.errors: dict[str, ParseError] = {}
        """Every read or parse failure met so far, by path."""

    # -- the listing --------------------------------------------------------------------------

    @cached_property
    def listing(self) -> Walk:
        return list_files(self.root)

    @cached_property
    def files(self) -> list[FileEntry]:
        """Every file, sorted by path."""
        return self.listing.files

    @cached_property
    def paths(self) -> frozenset[str]:
        return frozenset(f.path for f in self.files)

    @cached_property
    def sizes(self) -> dict[str, int]:
        return {f.path: f.size for f in self.files}

    @property
    def skipped(self) -> list[tuple[str, str]]:
        return self.listing.skipped

    def exists(self, path: str) -> bool:
        return path in self.paths

    @cached_property
    def is_git_repository(self) -> bool:
        """Whether the root or a folder above it holds `.git` (a project in a monorepo counts)."""
        return any((folder / ".git").exists() for folder in (self.root, *self.root.parents))

    @cached_property
    def template_roots(self) -> tuple[str, ...]:
        """Folders a project template renders from: copier's `_subdirectory`, templated folders."""
        roots: set[str] = set()
        for name in ("copier.yml", "copier.yaml"):
            if self.exists(name):
                parsed = self.yaml(name)
                sub = parsed.value.get("_subdirectory") if isinstance(parsed.value, dict) else None
                if isinstance(sub, str) and sub.strip("/"):
                    roots.add(sub.strip("/") + "/")
        for path in self.paths:
            if root := templates.template_root(path):
                roots.add(root)
        return tuple(sorted(roots))

    @cached_property
    def logical_paths(self) -> dict[str, str]:
        """Path -> the path the file has in the project it belongs to (templates rendered)."""
        roots = self.template_roots
        return {p: templates.logical_path(p, roots) if roots else p for p in self.paths}

    def is_template(self, path: str) -> bool:
        """Whether a file belongs to a project template (by name or by its folder)."""
        return templates.is_template_file(path) or any(
            path.startswith(r) for r in self.template_roots
        )

    # -- contents -----------------------------------------------------------------------------

    def _cached(self, kind: str, path: str, make: Callable[[str], Parsed[Any]]) -> Parsed[Any]:
        key = (kind, path)
        if key not in self._cache:
            parsed = make(path)
            self._cache[key] = parsed
            if parsed.error is not None:
                self.errors.setdefault(path, parsed.error)
        return self._cache[key]

    def text(self, path: str) -> Parsed[str]:
        """The file as text; an error for binary, oversized, unreadable or non-UTF-8 files."""
        return self._cached("text", path, self._read_text)

    def _read_text(self, path: str) -> Parsed[str]:
        def fail(message: str) -> Parsed[str]:
            return Parsed(path, error=ParseError(path, "text", message))

        if self.sizes.get(path, 0) > MAX_BYTES:  # the listing's stat says so; no second stat
            return fail(f"larger than {MAX_BYTES // 1024} KiB, not read")
        try:
            with open(os.path.join(self._root_text, path), "rb") as handle:
                data = handle.read()
        except OSError as error:
            return fail(f"cannot be read ({error.strerror or error})")
        if len(data) > MAX_BYTES:
            return fail(f"larger than {MAX_BYTES // 1024} KiB, not read")
        if b"\0" in data[:8192]:
            return fail("binary file")
        try:
            return Parsed(path, data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return fail("not UTF-8 text")

    def _parse(
        self, kind: str, path: str, parse: Callable[[str], Any], rendered: bool = True
    ) -> Parsed[Any]:
        def run(p: str) -> Parsed[Any]:
            text = self.text(p)
            if not text.ok:
                return Parsed(p, error=text.error)
            try:
                return Parsed(p, parse(text.value))
            except Exception as error:  # each parser raises its own types; all mean malformed
                if rendered and self._templated(p, text.value):
                    try:
                        return Parsed(p, parse(templates.render_neutral(text.value)))
                    except Exception:
                        return Parsed(p, None)
                return Parsed(
                    p, error=ParseError(p, kind, f"malformed {kind}: {_first_line(error)}")
                )

        return self._cached(kind, path, run)

    def _templated(self, path: str, text: str) -> bool:
        return self.is_template(path) or templates.is_template_text(text)

    def toml(self, path: str) -> Parsed[dict[str, Any]]:
        return self._parse("TOML", path, tomllib.loads)

    def yaml(self, path: str) -> Parsed[Any]:
        """YAML with the line of every key and item; several documents come as a list."""
        return self._parse("YAML", path, yamlnodes.load)

    def json(self, path: str) -> Parsed[Any]:
        return self._parse("JSON", path, json.loads)

    def structured(self, path: str) -> Parsed[Any]:
        """A YAML or JSON file, by its logical name."""
        name = self.logical_paths.get(path, path)
        return self.json(path) if name.endswith(".json") else self.yaml(path)

    def notebook(self, path: str) -> Parsed[dict[str, Any]]:
        """A Jupyter notebook as JSON, checked to have a list of cells."""

        def load(text: str) -> dict[str, Any]:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
                raise ValueError("no list of cells")
            return data

        return self._parse("notebook", path, load, rendered=False)

    def module(self, path: str) -> Parsed[Module]:
        """A Python module or notebook, to be parsed when a check first asks for its records."""

        def make(p: str) -> Parsed[Module]:
            if p.endswith(".ipynb"):
                notebook = self.notebook(p)
                if not notebook.ok:
                    return Parsed(p, error=notebook.error)
                return Parsed(p, Module(p, notebook_source(notebook.value), "notebook"))
            text = self.text(p)
            if not text.ok:
                return Parsed(p, error=text.error)
            return Parsed(p, Module(p, text.value, template=self._templated(p, text.value)))

        return self._cached("module", path, make)

    def document(self, path: str) -> Parsed[Document]:
        """A Markdown or reStructuredText document as sections."""

        def make(text: str) -> Document:
            return document(
                path, templates.render_neutral(text) if self.is_template(path) else text
            )

        return self._parse("Markdown", path, make, rendered=False)


def table_at(data: Any, *keys: str) -> dict[str, Any]:
    """The table at `keys` of parsed TOML, or an empty one where the file has another shape
    (`tool = 5` is valid TOML)."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def load_structured(text: str, name: str) -> Any:
    """Parse a YAML or JSON text by its file name (used by tests to hand facts to checks)."""
    return json.loads(text) if name.endswith(".json") else yamlnodes.load(text)


__all__ = [
    "MAX_BYTES",
    "ParseError",
    "Parsed",
    "Repository",
    "ScanError",
    "load_structured",
    "table_at",
    "yaml",
]
