"""The example ruff configuration is valid TOML, the project passes it, and it catches real bugs."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_ruff_settings_parse_and_select_the_ml_rule_sets(project):
    settings = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["ruff"]
    assert settings["line-length"] == 100
    assert {"E", "F", "I", "B", "NPY", "PD"} <= set(settings["lint"]["select"])


def test_the_example_project_is_clean_under_its_own_settings(project):
    for args in (["check", "."], ["format", "--check", "."]):
        result = ruff(*args, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_settings_flag_a_legacy_unseeded_random_call(project_copy):
    # NPY002: np.random.rand ignores the seeds a reproducible pipeline sets.
    (project_copy / "src" / "demand_forecast" / "noise.py").write_text(
        '"""Noise."""\n\nimport numpy as np\n\nJITTER = np.random.rand(3)\n'
    )
    result = ruff("check", ".", "--output-format=concise", cwd=project_copy)
    assert result.returncode == 1
    assert "NPY002" in result.stdout
