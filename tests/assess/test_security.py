"""The checker reads a repository and never runs it: files that would leave a marker if
imported or executed leave none after `assess()` or `mlops-standards check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scan.tree import write_tree

RUNNABLE = (
    "setup.py",
    "conftest.py",
    "noxfile.py",
    "sitecustomize.py",
    "usercustomize.py",
    "src/forecast/__init__.py",
    "tests/test_train.py",
    "docs/conf.py",
)
BIN = Path(sys.executable).parent


def _trap(markers: Path, name: str) -> str:
    # Runs at import: writes a marker named after the file that was imported.
    target = markers / name.replace("/", "_")
    return f"from pathlib import Path\nPath({str(target)!r}).write_text('ran')\n"


@pytest.fixture
def trapped(tmp_path: Path) -> tuple[Path, Path]:
    markers = tmp_path / "markers"
    markers.mkdir()
    files: dict[str, str | bytes] = {name: _trap(markers, name) for name in RUNNABLE}
    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
        "source": _trap(markers, "notebook.ipynb"),
    }
    files["explore.ipynb"] = json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": 5})
    files["pyproject.toml"] = '[project]\nname = "forecast"\n[build-system]\nrequires = []\n'
    files["forecast.pth"] = f"import os; open({str(markers / 'pth')!r}, 'w')\n"
    return write_tree(tmp_path / "repo", files, git=True), markers


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_assess_in_a_fresh_process_runs_nothing(trapped: tuple[Path, Path]) -> None:
    repo, markers = trapped
    code = f"from mlops_standards.assess import assess; print(assess({str(repo)!r}).level)"
    result = _run([sys.executable, "-c", code], cwd=repo.parent)
    assert result.returncode == 0, result.stderr
    assert list(markers.iterdir()) == []


def test_console_command_run_inside_the_repository_runs_nothing(
    trapped: tuple[Path, Path],
) -> None:
    repo, markers = trapped
    # The console script from inside the scanned repository, as a developer would run it.
    result = _run([str(BIN / "mlops-standards"), "check", "."], cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Level" in result.stdout
    module = _run([sys.executable, "-m", "mlops_standards", "check", str(repo)], cwd=repo.parent)
    assert module.returncode == 0, module.stderr
    assert list(markers.iterdir()) == []


def test_the_traps_are_real(trapped: tuple[Path, Path]) -> None:
    # Guard against a vacuous pass: running one trap does leave its marker.
    repo, markers = trapped
    _run([sys.executable, "setup.py"], cwd=repo)
    assert [p.name for p in markers.iterdir()] == ["setup.py"]
