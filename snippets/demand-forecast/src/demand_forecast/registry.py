"""Model versions by alias: promote, and resolve an alias to the exact version it names."""

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException
from mlflow.pyfunc import PyFuncModel

CHAMPION = "champion"
"""The version that serves."""
CHALLENGER = "challenger"
"""The newest trained version, waiting for the evaluation gate."""
ACCEPTANCE = "acceptance"
"""The version that passed the gate: acceptance serves it before production promotes it."""
PREVIOUS = "previous-champion"
"""The champion before the last promotion: where a rollback goes."""


def current_version(client: MlflowClient, name: str, alias: str) -> str | None:
    """The version an alias points at, or None when the alias is not set."""
    try:
        return str(client.get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def promote(client: MlflowClient, name: str) -> tuple[str, str | None]:
    """Make the acceptance version the champion and remember the one it replaces.

    Args:
        client: a client of the tracking server that holds the registry.
        name: the registered model.

    Returns:
        The new champion, and the version that was champion before (None the first time).

    Raises:
        LookupError: no version passed the evaluation gate.
    """
    version = current_version(client, name, ACCEPTANCE)
    if version is None:
        raise LookupError(f"{name} has no {ACCEPTANCE!r} alias: no version passed the gate")
    previous = current_version(client, name, CHAMPION)
    if previous is not None and previous != version:
        client.set_registered_model_alias(name, PREVIOUS, previous)
    client.set_registered_model_alias(name, CHAMPION, version)
    return version, previous


def load_by_alias(name: str, alias: str, tracking_uri: str) -> tuple[str, PyFuncModel]:
    """Resolve `models:/<name>@<alias>` once and load that exact version.

    Loading `models:/<name>/<version>` rather than the alias itself means the version
    reported with every prediction is the one that made it, even if the alias moves meanwhile.

    Args:
        name: the registered model.
        alias: such as `champion`.
        tracking_uri: the registry; it also becomes MLflow's process-wide tracking URI,
            because `mlflow.pyfunc.load_model` reads only that one.

    Returns:
        The version the alias pointed at, and the model loaded from it.

    Raises:
        LookupError: the model has no such alias.
    """
    mlflow.set_tracking_uri(tracking_uri)
    version = current_version(MlflowClient(tracking_uri), name, alias)
    if version is None:
        raise LookupError(f"{name} has no {alias!r} alias")
    return version, mlflow.pyfunc.load_model(f"models:/{name}/{version}")
