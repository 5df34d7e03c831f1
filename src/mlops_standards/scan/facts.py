"""Facts about a repository that the checks ask for by name. Each is computed once, lazily."""

from __future__ import annotations

from functools import cached_property

from .repository import Parsed, Repository

LOCK_FILES = ("uv.lock", "poetry.lock", "pdm.lock", "conda-lock.yml", "pixi.lock", "Pipfile.lock")


class Facts:
    """The shared, parsed view of one repository.

    A check names the facts it needs as parameters; the registry passes these attributes.
    Parse failures are not raised: a fact holds `Parsed` values whose `error` says what broke.
    """

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @cached_property
    def is_git_repository(self) -> bool:
        """Whether the root holds a `.git` directory or file (worktrees, submodules)."""
        return self.repo.is_git_repository

    @cached_property
    def pyproject(self) -> Parsed[dict] | None:
        """The root pyproject.toml, parsed; None when there is none."""
        return self.repo.toml("pyproject.toml") if self.repo.exists("pyproject.toml") else None

    @cached_property
    def lock_files(self) -> list[str]:
        """Committed lock files of any Python packaging tool, and pinned requirement files."""
        found = self.repo.named(*LOCK_FILES) + self.repo.glob("*conda-lock*.yml", "*.conda.lock")
        return sorted(set(found))
