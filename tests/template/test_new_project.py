"""A product started from the reference project passes its own tests and the top level."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlops_standards.catalog import load
from mlops_standards.template import REFERENCE_PROJECT, new_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """`price-forecast`, written from the template and committed as a team would."""
    root = new_project(tmp_path_factory.mktemp("new") / "price-forecast", "price-forecast")
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", *identity, *args], cwd=root, check=True)
    return root


def test_every_spelling_of_the_reference_name_is_replaced(generated):
    leftovers = [
        path.relative_to(generated).as_posix()
        for path in generated.rglob("*")
        if path.is_file() and ".git" not in path.parts
        if "demand_forecast" in path.as_posix()
        or "demand-forecast" in path.read_text(encoding="utf-8")
        or "demand_forecast" in path.read_text(encoding="utf-8")
    ]
    assert leftovers == []
    assert (generated / "src" / "price_forecast" / "cli.py").is_file()
    pyproject = (generated / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "price-forecast"' in pyproject
    assert 'price-forecast = "price_forecast.cli:main"' in pyproject
    assert "mlflow.db" not in {p.name for p in generated.iterdir()}


def test_a_bad_name_or_a_used_folder_is_refused(tmp_path):
    with pytest.raises(ValueError, match="lower-case words"):
        new_project(tmp_path / "x", "Price Forecast")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    with pytest.raises(ValueError, match="not empty"):
        new_project(tmp_path / "used", "price-forecast")
    with pytest.raises(FileNotFoundError):
        new_project(tmp_path / "y", "price-forecast", template=tmp_path)
    assert REFERENCE_PROJECT.name == "demand-forecast"


@pytest.mark.slow
def test_the_generated_project_passes_its_own_tests(generated):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--cov"],
        cwd=generated, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Required test coverage of 100" in done.stdout


def test_the_checker_rates_it_at_the_top_level_with_every_manual_requirement_attested(generated):
    checker = Path(sys.executable).with_name("mlops-standards")
    done = subprocess.run(
        [str(checker), "check", "--format", "json", str(generated)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [report] = json.loads(done.stdout)["reports"]
    statuses = {result["id"]: result["status"] for result in report["results"]}
    manual = {r.id for r in load() if r.verification.method == "manual"}
    assert {rid: statuses[rid] for rid in manual if statuses[rid] != "not-applicable"} == {
        rid: "attested" for rid in manual if statuses[rid] != "not-applicable"
    }
    assert "waived" not in statuses.values()
    assert report["level"] == 4
