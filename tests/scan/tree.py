"""Build tiny repositories in a temporary directory from a dict of files, and run checks on them."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mlops_standards.catalog import Catalog, load
from mlops_standards.checks import REGISTRY, Outcome, run
from mlops_standards.scan import Repository
from mlops_standards.scan.facts import Facts

GIT = [
    "git",
    "-c",
    "user.name=test",
    "-c",
    "user.email=test@example.com",
    "-c",
    "commit.gpgsign=false",
]


@cache
def catalog() -> Catalog:
    """The packaged catalog, loaded once for the whole test session."""
    return load()


def write_tree(root: Path, files: dict[str, str | bytes], git: bool = False) -> Path:
    """Write `files` (path -> text or bytes) under `root`; with `git`, commit them in a repository."""
    root.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    if git:
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
        subprocess.run([*GIT, "add", "-A", "-f"], cwd=root, check=True)
        subprocess.run([*GIT, "commit", "-q", "--allow-empty", "-m", "tree"], cwd=root, check=True)
    return root


def facts(root: Path, scope: str = "") -> Facts:
    """The facts the checks read, for the repository at `root`."""
    c = catalog()
    return Facts(Repository(root), c.tools, c.markers, scope)


def run_check(root: Path, requirement_id: str) -> Outcome:
    """Run one registered check on the repository at `root`, through the engine `assess` uses."""
    return run(REGISTRY[requirement_id], facts(root))


@dataclass(frozen=True)
class Twin:
    """A passing repository and its failing twin, for one requirement: the smallest difference
    that decides the verdict, in real file shapes."""

    requirement: str
    name: str
    passing: dict[str, str]
    failing: dict[str, str]
    where: str = ""
    """A path the passing evidence must name (empty: any)."""
    base: dict[str, str] = field(default_factory=dict)
    """Files both twins share."""

    @property
    def id(self) -> str:
        return f"{self.requirement} {self.name}"


def check_twin(tmp_path: Path, twin: Twin) -> None:
    """The check passes on the passing tree (naming `where`) and fails, without error, on its twin."""
    good = run_check(
        write_tree(tmp_path / "passing", {**twin.base, **twin.passing}), twin.requirement
    )
    assert good.passed, (twin.id, "should pass", good)
    if twin.where:
        assert twin.where in [e.path for e in good.evidence], (twin.id, good.evidence)
    bad = run_check(
        write_tree(tmp_path / "failing", {**twin.base, **twin.failing}), twin.requirement
    )
    assert not bad.passed and bad.error is None, (twin.id, "should fail", bad)
    assert bad.evidence and all(e.detail for e in bad.evidence), (twin.id, bad.evidence)
