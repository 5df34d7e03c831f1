"""Root cause: from a registered model version back to the commit, data and environment."""

from dataclasses import dataclass

import mlflow
from mlflow import MlflowClient


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
    dirty: str
    """Whether the working tree had uncommitted changes (`git.dirty` tag)."""
    data_version: str
    """Content hash of the training data (`data.version` tag)."""
    python: str
    """Python version of the training environment."""
    lock_sha256: str
    """sha256 of the lock file the environment was installed from."""
    artifacts: tuple[str, ...]
    """Files of the logged model: MLmodel, requirements, the serialised estimator..."""

    def __str__(self) -> str:
        lines = [
            f"{self.model} version {self.version}",
            f"  run          {self.run_id}",
            f"  commit       {self.commit} ({self.branch}, uncommitted changes: {self.dirty})",
            f"  data         {self.data_version}",
            f"  python       {self.python}",
            f"  lock sha256  {self.lock_sha256}",
            "  artifacts    " + ", ".join(self.artifacts),
        ]
        return "\n".join(lines)


def trace_model_version(
    client: MlflowClient, name: str, *, alias: str | None = None, version: str | None = None
) -> Lineage:
    """Look up what produced a model version, given its alias (`champion`) or number.

    Args:
        client: a client of the tracking server that holds the registry.
        name: the registered model.
        alias: the alias the deployment uses; give this or `version`.
        version: an explicit version number.

    Returns:
        The lineage; `print()` it into the incident ticket.

    Raises:
        ValueError: neither or both of `alias` and `version` were given.
    """
    if (alias is None) == (version is None):
        raise ValueError("give exactly one of alias or version")
    found = (
        client.get_model_version_by_alias(name, alias)
        if alias is not None
        else client.get_model_version(name, version)
    )
    tags = client.get_run(found.run_id).data.tags
    files = mlflow.artifacts.list_artifacts(artifact_uri=found.source)
    return Lineage(
        model=name,
        version=str(found.version),
        run_id=found.run_id,
        commit=tags.get("git.commit", "not recorded"),
        branch=tags.get("git.branch", "not recorded"),
        dirty=tags.get("git.dirty", "not recorded"),
        data_version=tags.get("data.version", "not recorded"),
        python=tags.get("env.python", "not recorded"),
        lock_sha256=tags.get("env.lock_sha256", "not recorded"),
        artifacts=tuple(sorted(f.path.rsplit("/", 1)[-1] for f in files)),
    )
