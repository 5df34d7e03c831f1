"""Turn `models:/<name>@<alias>` into the exact version it points at, once, and load that."""

# --8<-- [start:resolve]
import re
from dataclasses import dataclass

import mlflow
from mlflow import MlflowClient
from mlflow.pyfunc import PyFuncModel

ALIAS_URI = re.compile(r"^models:/(?P<name>[^/@]+)@(?P<alias>[^/@]+)$")


@dataclass(frozen=True)
class ResolvedModel:
    """A registered model version, found through an alias."""

    name: str
    """The registered model name."""
    alias: str
    """The alias it was found by, such as `champion`."""
    version: str
    """The version the alias pointed at when it was resolved."""

    @property
    def uri(self) -> str:
        """The URI of this exact version: stays valid when the alias moves on."""
        return f"models:/{self.name}/{self.version}"


def resolve_alias(model_uri: str, tracking_uri: str | None = None) -> ResolvedModel:
    """Find the version behind `models:/<name>@<alias>` in the registry at `tracking_uri`.

    Args:
        model_uri: `models:/<name>@<alias>`.
        tracking_uri: the registry; `None` uses `MLFLOW_TRACKING_URI`.

    Returns:
        The name, alias and the version the alias points at now.

    Raises:
        ValueError: `model_uri` does not name a model by alias.
        mlflow.exceptions.MlflowException: the model or the alias does not exist.
    """
    match = ALIAS_URI.match(model_uri)
    if match is None:
        raise ValueError(f"expected models:/<name>@<alias>, got {model_uri!r}")
    name, alias = match["name"], match["alias"]
    version = MlflowClient(tracking_uri).get_model_version_by_alias(name, alias).version
    return ResolvedModel(name, alias, str(version))


def load_by_alias(
    model_uri: str, tracking_uri: str | None = None
) -> tuple[ResolvedModel, PyFuncModel]:
    """Resolve the alias, then load that exact version.

    Loading `models:/<name>/<version>` rather than the alias itself means the version
    reported with every prediction is the one that made it, even if the alias moves meanwhile.

    Args:
        model_uri: `models:/<name>@<alias>`.
        tracking_uri: the registry; when given, it also becomes MLflow's process-wide
            tracking URI, because `mlflow.pyfunc.load_model` reads only that one.

    Returns:
        The resolved version and the model loaded from it.
    """
    if tracking_uri is not None:
        mlflow.set_tracking_uri(tracking_uri)
    resolved = resolve_alias(model_uri, tracking_uri)
    return resolved, mlflow.pyfunc.load_model(resolved.uri)


# --8<-- [end:resolve]
