"""Checks of the traceability & reproducibility area."""

from __future__ import annotations

from .outcome import Evidence, Outcome, failed, passed
from .registry import check


@check("TR-001")
def code_under_version_control(is_git_repository: bool) -> Outcome:
    if is_git_repository:
        return passed(Evidence(".git", detail="git repository"))
    return failed(Evidence(".", detail="no .git at the repository root"))


@check("TR-002")
def lock_file_committed(lock_files: list[str]) -> Outcome:
    if lock_files:
        return passed(*(Evidence(path, detail="lock file") for path in lock_files))
    return failed(Evidence(".", detail="looked for uv.lock, poetry.lock, pdm.lock, conda-lock"))
