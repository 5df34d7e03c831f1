"""List a repository's files once: what git tracks plus what it would add, or a walk.

With a `.git` at or above the root, the files are those `git ls-files --cached --others
--exclude-standard` names: a committed file that `.gitignore` also names is still a file of
the repository. Without git, the walk honours every `.gitignore` on the way down, later and
deeper patterns winning as git's own rules say (negations included).

Git is asked only to list names, with the repository's hooks and file-system monitor turned
off, so nothing the repository configures is run. When git is missing or refuses (a dubious
owner, a broken index), the walk stands in.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

# Folders that never hold a project's own evidence, whatever git or .gitignore say.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        "site-packages",
        ".eggs",
        ".terraform",
        "mlruns",
        ".dvc/cache",
    }
)
MAX_DEPTH = 64
GIT_TIMEOUT = 30  # seconds; a repository that takes longer to list is walked instead
# Overrides that keep `git ls-files` from starting anything the repository configures.
GIT_SAFE = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.untrackedCache=false",
    "-c",
    "core.hooksPath=/dev/null",
)


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file of the repository, as listed (its content is read later, if ever)."""

    path: str
    """POSIX path relative to the repository root."""
    size: int
    """Size in bytes."""


@dataclass
class Walk:
    """What the listing found, how, and what it left out and why."""

    files: list[FileEntry]
    source: str
    """`git` when git listed the files, `walk` when the folders were walked."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) for entries that could not or would not be listed."""


def list_files(root: Path) -> Walk:
    """The repository's files, from git when it is a checkout, else from a walk."""
    if any((folder / ".git").exists() for folder in (root, *root.parents)):
        listed = _git_files(root)
        if listed is not None:
            return listed
    return walk(root)


def _skipped_folder(path: str) -> bool:
    parts = path.split("/")[:-1]
    return any(part in SKIP_DIRS for part in parts) or "/.dvc/cache/" in f"/{path}"


def _git_files(root: Path) -> Walk | None:
    command = [
        "git",
        *GIT_SAFE,
        "-C",
        str(root),
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
    ]
    environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        listed = subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, env=environment)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if listed.returncode != 0:
        return None
    files: list[FileEntry] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in listed.stdout.split(b"\0"):
        if not raw:
            continue
        path = os.fsdecode(raw)
        if path in seen or _skipped_folder(path):
            continue
        seen.add(path)
        try:
            status = (root / path).stat()
        except OSError:
            continue  # tracked but deleted from the work tree, or a broken link
        if (root / path).is_dir():
            continue  # a submodule: another repository
        files.append(FileEntry(path, status.st_size))
    files.sort(key=lambda f: f.path)
    return Walk(files, "git", skipped)


def _ignore_lines(directory: Path, prefix: str) -> list[str]:
    """The patterns of `directory/.gitignore`, rewritten relative to the walk's root."""
    try:
        text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    patterns = []
    for line in text.splitlines():
        stripped = line.rstrip()
        if not stripped.strip() or stripped.lstrip().startswith("#"):
            continue
        stripped = stripped.strip()
        negate = stripped.startswith("!")
        body = stripped[1:] if negate else stripped
        anchored = body.startswith("/") or "/" in body.rstrip("/")
        body = body.lstrip("/")
        full = f"{prefix}{body}" if anchored else f"{prefix}**/{body}"
        patterns.append(("!" if negate else "") + full)
    return patterns


def walk(root: Path) -> Walk:
    """List the files under `root`, honouring .gitignore files and skipping tool folders.

    Every .gitignore met on the way down adds its patterns after those of its parents, so a
    deeper negation re-includes what a shallower pattern ignored, as git does. Symbolic links
    to folders are not followed (no loops); unreadable folders are reported, never raised.
    """
    files: list[FileEntry] = []
    skipped: list[tuple[str, str]] = []
    stack: list[tuple[Path, str, int, tuple[str, ...]]] = [(root, "", 0, ())]
    while stack:
        directory, prefix, depth, inherited = stack.pop()
        if depth > MAX_DEPTH:
            skipped.append((prefix.rstrip("/"), "deeper than the walk goes"))
            continue
        lines = inherited + tuple(_ignore_lines(directory, prefix))
        spec = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            skipped.append((prefix.rstrip("/") or ".", f"cannot be listed ({error.strerror})"))
            continue
        folders = []
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIP_DIRS or rel.endswith(".dvc/cache"):
                        continue
                    if spec is not None and spec.match_file(rel + "/"):
                        continue
                    if (Path(entry.path) / "pyvenv.cfg").is_file():
                        continue  # a virtual environment, whatever its name
                    folders.append((Path(entry.path), rel + "/", depth + 1, lines))
                elif entry.is_file(follow_symlinks=True):
                    if spec is None or not spec.match_file(rel):
                        files.append(FileEntry(rel, entry.stat(follow_symlinks=True).st_size))
                elif entry.is_symlink():
                    skipped.append((rel, "broken symbolic link"))
            except OSError as error:
                skipped.append((rel, f"cannot be read ({error.strerror})"))
        stack.extend(reversed(folders))
    return Walk(files, "walk", skipped)
