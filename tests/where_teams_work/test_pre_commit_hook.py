"""The pre-commit hook this repository offers: valid for pre-commit, and gated by the project."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def hook() -> dict:
    """The hook as pre-commit reads it: `load_manifest` validates the file with its own schema."""
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    return hook


def test_the_manifest_is_valid_and_assesses_the_whole_repository(hook):
    assert hook["id"] == "mlops-standards"
    assert hook["language"] == "python"
    assert (hook["pass_filenames"], hook["always_run"]) == (False, True)


def product(tmp_path: Path, gate: str) -> Path:
    """The example product with its own configuration and a gate in it, committed."""
    root = tmp_path / "forecast"
    shutil.copytree(EXAMPLE, root)
    pyproject = root / "pyproject.toml"
    table = '[tool.mlops-standards]\nprofile = "batch"\n'
    pyproject.write_text(pyproject.read_text().replace(table, table + gate + "\n"))
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", *identity, *args], cwd=root, check=True)
    return root


def run_entry(hook: dict, root: Path) -> int:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        shlex.split(hook["entry"]) + hook["args"],
        cwd=root,
        env=env,
        capture_output=True,
        check=False,
    ).returncode


@pytest.mark.parametrize(
    ("gate", "exit_code"),
    [
        ("", 0),
        ("fail_under = 1", 0),
        ("fail_under = 3", 1),
        ('fail_under = 2\ngate = "certified"', 1),
    ],
)
def test_the_hook_fails_below_the_projects_own_gate(hook, tmp_path, gate, exit_code):
    assert run_entry(hook, product(tmp_path, gate)) == exit_code


@pytest.mark.slow
def test_pre_commit_installs_and_runs_the_hook_from_this_repository(tmp_path):
    """`pre-commit try-repo`, as a team would try the hook: pre-commit builds its own virtual
    environment from this repository (dependencies from the package index) and runs it."""
    root = product(tmp_path, "fail_under = 3")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    done = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(ROOT), "mlops-standards", "--all-files"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "MLOps standards" in done.stdout and "Failed" in done.stdout
    assert "Level " in done.stdout  # the hook shows the report it failed on
