"""Build tiny repositories in a temporary directory from a dict of files."""

from __future__ import annotations

from pathlib import Path

from mlops_standards.checks import REGISTRY, Outcome, run
from mlops_standards.scan import Repository
from mlops_standards.scan.facts import Facts


def write_tree(root: Path, files: dict[str, str | bytes], git: bool = False) -> Path:
    """Write `files` (path -> text or bytes) under `root`; with `git`, add an empty `.git/`."""
    root.mkdir(parents=True, exist_ok=True)
    if git:
        (root / ".git").mkdir(exist_ok=True)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def run_check(root: Path, requirement_id: str) -> Outcome:
    """Run one registered check on the repository at `root`, through the engine `assess` uses."""
    return run(REGISTRY[requirement_id], Facts(Repository(root)))


def assert_passes(root: Path, requirement_id: str, files: dict, where: str, case: str) -> None:
    """The check passes on `files` and names `where` among its evidence."""
    outcome = run_check(write_tree(root, files), requirement_id)
    assert outcome.passed, (case, outcome)
    assert where in [e.path for e in outcome.evidence]


def assert_fails(root: Path, requirement_id: str, files: dict, case: str) -> None:
    """The check fails on `files` without an error, and every evidence says where it looked."""
    outcome = run_check(write_tree(root, files), requirement_id)
    assert not outcome.passed and outcome.error is None, (case, outcome)
    assert outcome.evidence and all(e.detail for e in outcome.evidence)
