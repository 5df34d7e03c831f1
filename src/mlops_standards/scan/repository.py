"""A repository as the checks see it: files found once, contents read and parsed lazily, once.

Nothing here imports, executes or installs the code it reads: Python is parsed with `ast`,
configuration with `tomllib`, `yaml.safe_load` and `json`, notebooks as JSON.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from .walk import FileEntry, Walk, walk

MAX_BYTES = 1024 * 1024  # never read a file over 1 MiB for content
T = TypeVar("T")


class ScanError(Exception):
    """The repository cannot be scanned at all (missing path, not a directory)."""


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A file's parsed content, or why it could not be parsed."""

    path: str
    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Repository:
    """One scanned repository. Every read and parse is cached, so no file is parsed twice."""

    def __init__(self, root: str | Path) -> None:
        path = Path(root)
        if not path.exists():
            raise ScanError(f"{root}: no such file or directory")
        if not path.is_dir():
            raise ScanError(f"{root}: not a directory")
        self.root = path.resolve()
        self._cache: dict[tuple[str, str], Parsed[Any]] = {}

    # -- the walk ---------------------------------------------------------------------------

    @cached_property
    def _walk(self) -> Walk:
        return walk(self.root)

    @cached_property
    def files(self) -> list[FileEntry]:
        """Every file found, in a stable order."""
        return self._walk.files

    @cached_property
    def paths(self) -> frozenset[str]:
        return frozenset(f.path for f in self.files)

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """Entries the walk left out, with the reason."""
        return self._walk.skipped

    def glob(self, *patterns: str) -> list[str]:
        """Paths matching any shell pattern; `*` crosses directories (`*.py` finds all)."""
        regex = re.compile("|".join(fnmatch.translate(p) for p in patterns))
        return [f.path for f in self.files if regex.match(f.path)]

    def named(self, *names: str) -> list[str]:
        """Paths whose file name (case-insensitive) is one of `names`."""
        wanted = {n.lower() for n in names}
        return [f.path for f in self.files if f.path.rsplit("/", 1)[-1].lower() in wanted]

    def exists(self, path: str) -> bool:
        return path in self.paths

    @cached_property
    def is_git_repository(self) -> bool:
        """Whether the root or a folder above holds `.git` (a project in a monorepo counts)."""
        return any((folder / ".git").exists() for folder in (self.root, *self.root.parents))

    # -- contents ---------------------------------------------------------------------------

    def _cached(self, kind: str, path: str, parse) -> Parsed[Any]:
        key = (kind, path)
        if key not in self._cache:
            self._cache[key] = parse(path)
        return self._cache[key]

    def text(self, path: str) -> Parsed[str]:
        """The file as text; an error for binary, oversized, unreadable or non-UTF-8 files."""
        return self._cached("text", path, self._read_text)

    def _read_text(self, path: str) -> Parsed[str]:
        target = self.root / path
        try:
            size = target.stat().st_size
            if size > MAX_BYTES:
                return Parsed(path, error=f"larger than {MAX_BYTES // 1024} KiB, not read")
            data = target.read_bytes()
        except OSError as error:
            return Parsed(path, error=f"cannot be read ({error.strerror or error})")
        if b"\0" in data[:8192]:
            return Parsed(path, error="binary file")
        try:
            return Parsed(path, data.decode("utf-8"))
        except UnicodeDecodeError:
            return Parsed(path, error="not UTF-8 text")

    def _parsed(self, kind: str, path: str, parse) -> Parsed[Any]:
        def run(p: str) -> Parsed[Any]:
            text = self.text(p)
            if not text.ok:
                return Parsed(p, error=text.error)
            try:
                return Parsed(p, parse(text.value))
            except Exception as error:  # each parser has its own error types; all mean "malformed"
                first = str(error).strip().splitlines()[0] if str(error).strip() else ""
                return Parsed(p, error=f"malformed {kind}: {first or type(error).__name__}")

        return self._cached(kind, path, run)

    def toml(self, path: str) -> Parsed[dict[str, Any]]:
        return self._parsed("TOML", path, tomllib.loads)

    def yaml(self, path: str) -> Parsed[Any]:
        """YAML, all documents of the file as a list when there are several."""

        def load(text: str) -> Any:
            documents = list(yaml.safe_load_all(text))
            return documents[0] if len(documents) == 1 else documents

        return self._parsed("YAML", path, load)

    def json(self, path: str) -> Parsed[Any]:
        return self._parsed("JSON", path, json.loads)

    def notebook(self, path: str) -> Parsed[dict[str, Any]]:
        """A Jupyter notebook as JSON, checked to have a list of cells."""

        def load(text: str) -> dict[str, Any]:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
                raise ValueError("no list of cells")
            return data

        return self._parsed("notebook", path, load)

    def python(self, path: str) -> Parsed[ast.Module]:
        """A Python module's syntax tree, parsed with `ast`; the code is never run."""
        return self._parsed("Python", path, lambda text: ast.parse(text, filename=path))
