"""Real MLflow registries on SQLite in tmp dirs, filled by the real training pipeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mlflow import MlflowClient

from snippets.training.config import load_config
from snippets.training.pipeline import TrainingResult, load_sales, run_training


@dataclass
class Registry:
    """A tracking server's address and a function that trains and registers one more version."""

    tracking_uri: str
    directory: Path
    name: str = "demand-forecasting"

    def train(self, **params: object) -> TrainingResult:
        """Run the dev training pipeline with `params` replacing the file's values."""
        config = load_config(
            "dev",
            tracking_uri=self.tracking_uri,
            artifact_location=(self.directory / "artifacts").as_uri(),
            min_r2=0.0,
            **params,
        )
        return run_training(config, load_sales(config))

    @property
    def client(self) -> MlflowClient:
        return MlflowClient(self.tracking_uri)


@pytest.fixture(scope="package")
def new_registry(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Registry]:
    """Makes an empty registry; each call gets its own database."""

    def make() -> Registry:
        directory = tmp_path_factory.mktemp("mlflow")
        return Registry(f"sqlite:///{directory / 'mlflow.db'}", directory)

    return make


@pytest.fixture(scope="package")
def champion_registry(new_registry: Callable[[], Registry]) -> Registry:
    """Version 1 (a weak model) is the champion, version 2 (a better one) only the challenger."""
    registry = new_registry()
    registry.train(n_estimators=2, max_depth=2)
    registry.client.set_registered_model_alias(registry.name, "champion", "1")
    registry.train()
    return registry
