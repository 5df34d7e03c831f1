"""Walk a repository once: every file the checks may look at, with .gitignore honoured."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec

# Directories that never hold a project's own evidence, whatever .gitignore says.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", "site-packages",
    ".eggs", "build", "dist", ".terraform", "mlruns",
})  # fmt: skip
MAX_DEPTH = 64


@dataclass(frozen=True)
class FileEntry:
    """One file of the repository, as found by the walk (its content is read later, if ever)."""

    path: str
    """POSIX path relative to the repository root."""
    size: int
    """Size in bytes, from the walk's stat."""


@dataclass
class Walk:
    """What the walk found: the files, and what it had to leave out and why."""

    files: list[FileEntry]
    skipped: list[tuple[str, str]]
    """(path, reason) for entries the walk could not or would not enter."""


def _is_virtualenv(directory: Path) -> bool:
    return (directory / "pyvenv.cfg").is_file()


def _gitignore(directory: Path, prefix: str) -> pathspec.PathSpec | None:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    # Patterns of a nested .gitignore are relative to its own directory.
    patterns = []
    for line in lines.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        negate = stripped.startswith("!")
        body = stripped[1:] if negate else stripped
        anchored = body.startswith("/") or "/" in body.rstrip("/")
        body = body.lstrip("/")
        full = f"{prefix}{body}" if anchored else f"{prefix}**/{body}"
        patterns.append(("!" if negate else "") + full)
    return pathspec.PathSpec.from_lines("gitignore", patterns)


def walk(root: Path) -> Walk:
    """List the repository's files once, honouring .gitignore files and skipping tool folders.

    Symbolic links to directories are not followed (no loops); a symbolic link to a file is
    listed when its target exists inside the walk. Unreadable directories are reported in
    `skipped`, never raised.
    """
    files: list[FileEntry] = []
    skipped: list[tuple[str, str]] = []
    specs: list[pathspec.PathSpec] = []
    stack: list[tuple[Path, str, int, int]] = [(root, "", 0, 0)]

    def ignored(rel: str, is_dir: bool) -> bool:
        probe = rel + "/" if is_dir else rel
        return any(spec.match_file(probe) for spec in specs)

    while stack:
        directory, prefix, depth, spec_count = stack.pop()
        del specs[spec_count:]
        if depth > MAX_DEPTH:
            skipped.append((prefix.rstrip("/"), "deeper than the walk goes"))
            continue
        spec = _gitignore(directory, prefix)
        if spec is not None:
            specs.append(spec)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            skipped.append((prefix.rstrip("/") or ".", f"cannot be listed ({error.strerror})"))
            continue
        subdirs = []
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIP_DIRS or rel.endswith(".dvc/cache") or ignored(rel, True):
                        continue
                    if _is_virtualenv(Path(entry.path)):
                        continue
                    subdirs.append((Path(entry.path), rel + "/", depth + 1, len(specs)))
                elif entry.is_file(follow_symlinks=True) and not ignored(rel, False):
                    files.append(FileEntry(rel, entry.stat(follow_symlinks=True).st_size))
                elif entry.is_symlink() and not entry.is_dir(follow_symlinks=True):
                    skipped.append((rel, "broken symbolic link"))
            except OSError as error:
                skipped.append((rel, f"cannot be read ({error.strerror})"))
        stack.extend(reversed(subdirs))
    return Walk(files, skipped)
