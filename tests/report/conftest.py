"""A small, real repository to render reports of."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_standards.assess import Assessment, assess

FILES = {
    "README.md": "# forecast\n\n## Business goal and KPIs\n\nFewer stock-outs.\n",
    "uv.lock": "version = 1\n",
    ".mlops-standards.toml": (
        'profile = "batch"\n'
        '[attest]\nCQ-007 = "https://git.example.com/settings/branches"\n'
        '[waive]\nMON-004 = "The target system alerts on a missing day."\n'
    ),
    "src/forecast/train.py": "import mlflow\n\nmlflow.start_run()\n",
}


def write_repository(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (path -> text) under `root` and make it a git working tree."""
    (root / ".git").mkdir(parents=True)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return write_repository(tmp_path / "forecast", FILES)


@pytest.fixture
def assessment(repository: Path) -> Assessment:
    return assess(repository)
