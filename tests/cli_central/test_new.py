"""`mlops-standards new PATH --name NAME`: a product started from the reference project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = Path(sys.executable).parent / "mlops-standards"


def new(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "new", *args], capture_output=True, text=True, check=False)


def test_new_writes_the_renamed_reference_project(tmp_path):
    done = new(str(tmp_path / "price-forecast"), "--name", "price-forecast")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "price-forecast" / "src" / "price_forecast" / "train.py").is_file()
    assert 'name = "price-forecast"' in (tmp_path / "price-forecast" / "pyproject.toml").read_text()
    assert "price-forecast" in done.stdout


def test_a_bad_name_or_a_folder_in_use_is_one_line_and_exit_2(tmp_path):
    bad = new(str(tmp_path / "x"), "--name", "Price Forecast")
    assert (bad.returncode, bad.stderr) == (
        2,
        "mlops-standards: name 'Price Forecast': use lower-case words joined by hyphens\n",
    )
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")
    used = new(str(tmp_path / "used"), "--name", "price-forecast")
    assert (used.returncode, used.stderr) == (
        2,
        f"mlops-standards: {tmp_path / 'used'} is not empty\n",
    )
    assert not (tmp_path / "x").exists()
