"""Promoting a registered model version by alias and loading whatever the alias points at."""

# --8<-- [start:imports]
import mlflow
import pandas as pd
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

# --8<-- [end:imports]

# --8<-- [start:promote]
CHAMPION = "champion"
PREVIOUS = "previous-champion"


def current_version(client: MlflowClient, name: str, alias: str) -> str | None:
    """The version an alias points at, or None when the alias is not set."""
    try:
        return str(client.get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def promote(client: MlflowClient, name: str, version: str) -> str | None:
    """Make `version` the champion and remember the one it replaces, for a rollback.

    Args:
        client: a client of the tracking server that holds the registry.
        name: the registered model.
        version: the version to serve from now on.

    Returns:
        The version that was champion before, or None for the first promotion.
    """
    previous = current_version(client, name, CHAMPION)
    if previous is not None and previous != version:
        client.set_registered_model_alias(name, PREVIOUS, previous)
    client.set_registered_model_alias(name, CHAMPION, version)
    return previous


# --8<-- [end:promote]


# --8<-- [start:load]
def predict_with_champion(name: str, features: pd.DataFrame) -> pd.Series:
    """Load the champion by alias, never by "latest", and predict with it."""
    model = mlflow.pyfunc.load_model(f"models:/{name}@{CHAMPION}")
    return pd.Series(model.predict(features), index=features.index, name="forecast")


# --8<-- [end:load]
