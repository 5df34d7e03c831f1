"""Root cause: from a registered model version back to the commit, data and environment."""

# --8<-- [start:imports]
from dataclasses import dataclass

import mlflow
from mlflow import MlflowClient

# --8<-- [end:imports]


# --8<-- [start:trace]
@dataclass(frozen=True)
class Lineage:
    """Everything that produced one registered model version."""

    model: str
    """Registered model name."""
    version: str
    """Registry version number."""
    run_id: str
    """The training run."""
    commit: str
    """Git commit of the training code (`git.commit` tag)."""
    branch: str
    """Git branch it was trained from."""
    data_version: str
    """Content hash of the training data (`data.version` tag)."""
    python: str
    """Python version of the training environment."""
    lock_sha256: str
    """sha256 of the lock file the environment was installed from."""
    artifacts: tuple[str, ...]
    """Files of the logged model: MLmodel, requirements, the serialised estimator..."""
    artifact_uri: str
    """Where those files are stored."""

    def __str__(self) -> str:
        lines = [
            f"{self.model} version {self.version}",
            f"  run          {self.run_id}",
            f"  commit       {self.commit} ({self.branch})",
            f"  data         {self.data_version}",
            f"  python       {self.python}",
            f"  lock sha256  {self.lock_sha256}",
            f"  artifacts    {self.artifact_uri}",
            *(f"    {path}" for path in self.artifacts),
        ]
        return "\n".join(lines)


def trace_model_version(
    name: str, *, alias: str | None = None, version: str | None = None
) -> Lineage:
    """Look up what produced a model version, given its alias (`champion`) or number.

    Args:
        name: the registered model.
        alias: the alias the deployment uses; give this or `version`.
        version: an explicit version number.

    Returns:
        The lineage; `print()` it for the incident channel.
    """
    if (alias is None) == (version is None):
        raise ValueError("give exactly one of alias or version")
    client = MlflowClient()
    found = (
        client.get_model_version_by_alias(name, alias)
        if alias is not None
        else client.get_model_version(name, version)
    )
    tags = client.get_run(found.run_id).data.tags
    artifacts = mlflow.artifacts.list_artifacts(artifact_uri=found.source)
    return Lineage(
        model=name,
        version=str(found.version),
        run_id=found.run_id,
        commit=tags.get("git.commit", "not recorded"),
        branch=tags.get("git.branch", "not recorded"),
        data_version=tags.get("data.version", "not recorded"),
        python=tags.get("env.python", "not recorded"),
        lock_sha256=tags.get("env.lock_sha256", "not recorded"),
        artifacts=tuple(sorted(a.path for a in artifacts)),
        artifact_uri=client.get_model_version_download_uri(name, found.version),
    )


# --8<-- [end:trace]
