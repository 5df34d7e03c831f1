"""One tracked training run: parameters, metrics, commit, data version, environment and model."""

# --8<-- [start:imports]
from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
from mlflow.models import infer_signature

from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales
from snippets.traceability.lineage import data_version, environment_tags, git_tags
from snippets.traceability.train_forecaster import train_forecaster

# --8<-- [end:imports]


# --8<-- [start:log_run]
@dataclass(frozen=True)
class TrainingRun:
    """Where a tracked training run landed."""

    run_id: str
    """The MLflow run that holds the parameters, metrics and lineage tags."""
    model_uri: str
    """The logged model, `models:/m-...`."""
    model_version: str | None
    """The registry version created for it, or None when it was not registered."""


def log_training_run(
    sales: pd.DataFrame,
    *,
    experiment: str = "demand-forecasting",
    model_name: str | None = "demand-forecaster",
    artifact_location: str | None = None,
    lock_file: Path | str = "requirements.lock",
    repo_dir: Path | str = ".",
    seed: int = 42,
) -> TrainingRun:
    """Train the forecaster and log everything needed to explain the model later.

    The tracking server is MLflow's usual choice: `MLFLOW_TRACKING_URI` when set,
    else a local `sqlite:///mlflow.db`.

    Args:
        sales: the training data.
        experiment: MLflow experiment name, created on first use.
        model_name: registered model to add a version to; None logs without registering.
        artifact_location: where a new experiment stores artifacts (default: the server's).
        lock_file: the committed lock file whose hash identifies the environment.
        repo_dir: a directory inside the git repository of the training code.
        seed: the seed for every random generator in training.

    Returns:
        The run ID, the logged model's URI and its registry version.
    """
    found = mlflow.get_experiment_by_name(experiment)
    experiment_id = (
        found.experiment_id
        if found is not None
        else mlflow.create_experiment(experiment, artifact_location=artifact_location)
    )
    model, metrics, params = train_forecaster(sales, seed=seed)
    version = data_version(sales)
    # The experiment is passed to the run, not set globally: callers keep their own active one.
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.set_tags({**git_tags(repo_dir), **environment_tags(lock_file)})
        mlflow.set_tag("data.version", version)
        # The dataset input shows the data next to the run in the UI; its digest column
        # holds 36 characters, so it gets a prefix of the hash and the tag the whole hash.
        dataset = mlflow.data.from_pandas(sales, name="sales", targets=TARGET, digest=version[:32])
        mlflow.log_input(dataset, context="training")
        example = sales[FEATURES].head(5)
        info = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(example, model.predict(example)),
            input_example=example,
            registered_model_name=model_name,
            # The model is saved with skops; its trees are a type skops wants trusted explicitly.
            skops_trusted_types=["sklearn.tree._tree.Tree"],
        )
    registered = info.registered_model_version
    return TrainingRun(
        run.info.run_id, info.model_uri, None if registered is None else str(registered)
    )


# --8<-- [end:log_run]


# --8<-- [start:main]
def main() -> TrainingRun:
    """Train on a year of the running example and print where the run went."""
    run = log_training_run(make_sales(days=365))
    print(f"{mlflow.get_tracking_uri()} run {run.run_id} model version {run.model_version}")
    return run


if __name__ == "__main__":
    main()
# --8<-- [end:main]
