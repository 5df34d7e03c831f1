"""Rolling back: the champion alias moves back to the version it replaced."""

from mlflow import MlflowClient

from demand_forecast.registry import CHAMPION, PREVIOUS, current_version


def roll_back(client: MlflowClient, name: str, reason: str) -> tuple[str, str]:
    """Point the champion alias at the previous champion again and record why.

    Args:
        client: a client of the tracking server that holds the registry.
        name: the registered model.
        reason: why the current champion is withdrawn; kept as a tag on that version.

    Returns:
        The withdrawn version and the version that serves after the rollback.

    Raises:
        LookupError: when there is no previous champion to return to.
    """
    previous = current_version(client, name, PREVIOUS)
    withdrawn = current_version(client, name, CHAMPION)
    if previous is None or withdrawn is None:
        raise LookupError(f"{name}: no previous champion to roll back to")
    client.set_model_version_tag(name, withdrawn, "rolled_back", reason)
    client.set_registered_model_alias(name, CHAMPION, previous)
    # One step back only: a second rollback must be a decision, not a reflex.
    client.delete_registered_model_alias(name, PREVIOUS)
    return withdrawn, previous
