"""Shared, expensive set-up: one MLflow registry on SQLite with two trained versions."""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest
from mlflow import MlflowClient

from demand_forecast.ab_assignment import Experiment
from demand_forecast.config import TrainingConfig, load_config
from demand_forecast.data import load_sales, make_sales
from demand_forecast.pipeline import TrainingResult, run_training
from demand_forecast.train import train_model


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a fixed identity; return its output."""
    done = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@dataclass(frozen=True)
class Registry:
    """A registry holding version 1 (a stump-sized forest) and version 2 (the real model)."""

    config: TrainingConfig
    """The dev configuration pointed at this registry."""
    repo: Path
    """The git repository the versions were trained from."""
    weak: TrainingResult
    """Version 1: two trees of depth two."""
    strong: TrainingResult
    """Version 2: the configuration's forest."""

    @property
    def client(self) -> MlflowClient:
        return MlflowClient(self.config.tracking_uri)


@pytest.fixture(name="git")
def git_command():
    """`git(root, *args)`: run git with a fixed identity, for tests that build a repository."""
    return git


@pytest.fixture(autouse=True)
def no_mlflow_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their own store: no MLFLOW_* variable of the caller's shell leaks in."""
    for name in [n for n in os.environ if n.startswith("MLFLOW_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """Train two versions once per session, in a registry of their own."""
    base = tmp_path_factory.mktemp("mlflow")
    repo = base / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "requirements.lock").write_text("pandas==2.2.3\n")
    git(repo, "add", "requirements.lock")
    git(repo, "commit", "-q", "-m", "pin dependencies")
    config = load_config(
        "dev",
        tracking_uri=f"sqlite:///{base / 'mlflow.db'}",
        artifact_location=(base / "artifacts").as_uri(),
        days=120,
    )
    sales = load_sales(config.days, config.seed)
    lock = repo / "requirements.lock"
    weak_config = config.model_copy(update={"n_estimators": 2, "max_depth": 2, "min_r2": 0.0})
    weak = run_training(weak_config, sales, repo_dir=repo, lock_file=lock)
    strong = run_training(config, sales, repo_dir=repo, lock_file=lock)
    return Registry(config, repo, weak, strong)


@pytest.fixture
def tracking(registry: Registry) -> str:
    """Point MLflow's process-wide tracking URI at the session registry."""
    mlflow.set_tracking_uri(registry.config.tracking_uri)
    return registry.config.tracking_uri


@pytest.fixture(scope="session")
def training_sales() -> pd.DataFrame:
    """Four months of sales, for the monitors that learn from training data."""
    return make_sales(days=120, seed=11)


@pytest.fixture(scope="session")
def forest(training_sales: pd.DataFrame):
    """A forest fitted in memory: the monitors need its trees, not a registry."""
    return train_model(training_sales, n_estimators=30)


def simulate(conversion_lift: float, basket_lift: float, seed: int, customers: int = 20_000):
    """A finished experiment: customers assigned by the real hash, outcomes with a known effect."""
    experiment = Experiment("sim", f"salt-{seed}", {"champion": 0.5, "challenger": 0.5})
    rng = np.random.default_rng(seed)
    ids = [f"C{n:07d}" for n in range(customers)]
    variant = np.array([experiment.assign(c) for c in ids])
    treated = variant == "challenger"
    return pd.DataFrame(
        {
            "customer_id": ids,
            "variant": variant,
            "converted": rng.random(customers) < 0.10 + conversion_lift * treated,
            "basket_value": rng.gamma(4.0, 10.0, customers) + basket_lift * treated,
            "latency_ms": rng.normal(120, 15, customers),
        }
    )


@pytest.fixture(scope="session")
def experiment_with_effect() -> pd.DataFrame:
    """Conversion +2 points and basket +2 euros for the challenger."""
    return simulate(conversion_lift=0.02, basket_lift=2.0, seed=1)


@pytest.fixture(scope="session")
def experiment_without_effect() -> pd.DataFrame:
    """The same experiment where the challenger changes nothing."""
    return simulate(conversion_lift=0.0, basket_lift=0.0, seed=2)
