"""Typed, validated training configuration per environment, read from `config.toml`."""

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CONFIG_FILE = Path(__file__).with_name("config.toml")


class TrainingConfig(BaseModel):
    """Everything a training run depends on besides code and data; invalid values fail early."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    environment: Literal["dev", "acc", "prd"]
    """Where the run happens; decides the table read from the configuration file."""
    tracking_uri: str = Field(min_length=1)
    """MLflow tracking and registry: `sqlite:///mlflow.db` locally, a server URL elsewhere."""
    artifact_location: str | None = None
    """Where a new experiment stores artifacts; `None` keeps the tracking server's default."""
    experiment: str = Field(min_length=1)
    """MLflow experiment the runs are logged to."""
    model_name: str = Field(min_length=1)
    """Registered model name the new version is added to."""
    days: int = Field(ge=60)
    """Days of sales history to train and evaluate on."""
    holdout_days: int = Field(ge=7)
    """The most recent days kept apart for evaluation."""
    seed: int
    """Random state of every generator in training."""
    n_estimators: int = Field(gt=0)
    """Trees in the forest."""
    max_depth: int = Field(gt=0)
    """Maximum depth of each tree."""
    min_r2: float = Field(ge=0, le=1)
    """Below this R² on the holdout, the run is logged but no model is registered."""


class UnknownEnvironmentError(ValueError):
    """The environment asked for has no table in the configuration file."""


def load_config(environment: str, path: Path = CONFIG_FILE, **overrides: object) -> TrainingConfig:
    """Read the table of `environment` from `path` and validate it.

    `MLFLOW_TRACKING_URI`, when set (a CI secret), replaces the file's tracking URI.

    Args:
        environment: `dev`, `acc` or `prd`.
        path: the TOML file with one table per environment.
        **overrides: values that replace the file's and the environment's.

    Returns:
        The validated configuration.

    Raises:
        UnknownEnvironmentError: `environment` is not a table of the file.
        pydantic.ValidationError: a value is missing, unknown or out of range.
    """
    tables = tomllib.loads(path.read_text(encoding="utf-8"))
    if environment not in tables:
        known = ", ".join(sorted(tables))
        raise UnknownEnvironmentError(
            f"unknown environment {environment!r}: {path.name} defines {known}"
        )
    from_environment = {}
    if os.environ.get("MLFLOW_TRACKING_URI"):
        from_environment["tracking_uri"] = os.environ["MLFLOW_TRACKING_URI"]
    values = {**tables[environment], **from_environment, **overrides}
    return TrainingConfig(environment=environment, **values)
