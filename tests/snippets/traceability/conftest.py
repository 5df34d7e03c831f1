"""Shared, expensive set-up: one MLflow store and two trained versions of one model."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

import mlflow
import pytest

from snippets.demand_forecasting.data import make_sales
from snippets.traceability.track_training_run import TrainingRun, log_training_run

MODEL = "demand-forecaster"
PRICE_SHIFTS = (0.0, 1.0)
"""The data of version 1 and version 2: the second source reports prices one euro higher."""


@dataclass(frozen=True)
class Project:
    """A tiny training project: its own git repository and lock file."""

    root: Path
    commit: str
    lock_file: Path


@dataclass(frozen=True)
class TwoVersions:
    """Version 1 and 2 of MODEL, trained on make_sales(days=90, price_shift=PRICE_SHIFTS[i])."""

    project: Project
    first: TrainingRun
    second: TrainingRun


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a fixed identity, return its stdout."""
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def make_project(root: Path, branch: str = "main") -> Project:
    """A git repository with one commit holding a lock file."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", branch)
    lock_file = root / "requirements.lock"
    lock_file.write_text("pandas==2.2.3\nscikit-learn==1.5.2\n")
    git(root, "add", "requirements.lock")
    git(root, "commit", "-q", "-m", "pin dependencies")
    return Project(root, git(root, "rev-parse", "HEAD"), lock_file)


@pytest.fixture(scope="session")
def mlflow_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A SQLite tracking store and an artifact directory, both in a temporary directory."""
    base = tmp_path_factory.mktemp("mlflow")
    return f"sqlite:///{base}/mlflow.db", str(base / "artifacts")


@pytest.fixture
def tracking(mlflow_store: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Point MLflow at the temporary store the way a user would: MLFLOW_TRACKING_URI."""
    uri, artifacts = mlflow_store
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    if mlflow.get_tracking_uri() != uri:  # another test left a global URI behind
        mlflow.set_tracking_uri(uri)
    return artifacts


@pytest.fixture(scope="session")
def two_versions(
    mlflow_store: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> TwoVersions:
    """Two registered versions of one model, trained on different data, in one store."""
    uri, artifacts = mlflow_store
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_URI", uri)
        if mlflow.get_tracking_uri() != uri:
            mlflow.set_tracking_uri(uri)
        project = make_project(tmp_path_factory.mktemp("project") / "repo")
        runs = [
            log_training_run(
                make_sales(days=90, price_shift=shift),
                model_name=MODEL,
                artifact_location=artifacts,
                lock_file=project.lock_file,
                repo_dir=project.root,
            )
            for shift in PRICE_SHIFTS
        ]
    return TwoVersions(project, *runs)
