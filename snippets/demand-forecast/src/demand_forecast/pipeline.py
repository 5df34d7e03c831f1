"""The training pipeline: validate the data, train, evaluate, log with lineage, register."""

from dataclasses import dataclass
from pathlib import Path

import mlflow
import pandas as pd
import sklearn
from mlflow import MlflowClient
from mlflow.models import infer_signature

from demand_forecast.config import TrainingConfig
from demand_forecast.features import TARGET, features, split_by_date
from demand_forecast.lineage import data_version, environment_tags, git_tags
from demand_forecast.registry import CHALLENGER
from demand_forecast.schema import SALES_SCHEMA
from demand_forecast.train import evaluate, train_model


@dataclass(frozen=True)
class TrainingResult:
    """What one pipeline run produced."""

    run_id: str
    """The MLflow run holding parameters, metrics, lineage tags and the model."""
    model_version: str
    """The registered version, now pointed at by the `challenger` alias."""
    metrics: dict[str, float]
    """Holdout metrics: `mae`, `r2` and the naive forecast's `baseline_mae`."""
    tags: dict[str, str]
    """The lineage tags of the run: commit, data version, environment."""


class QualityBarError(RuntimeError):
    """The model scored below the configured minimum; it was logged but not registered."""


def experiment_id(client: MlflowClient, config: TrainingConfig) -> str:
    """The id of the configured experiment, created on first use."""
    existing = client.get_experiment_by_name(config.experiment)
    if existing is not None:
        return existing.experiment_id
    return client.create_experiment(config.experiment, artifact_location=config.artifact_location)


def log_datasets(train: pd.DataFrame, holdout: pd.DataFrame, version: str) -> None:
    """Record the training and evaluation data on the active run, for the UI and the model card."""
    for frame, context in ((train, "training"), (holdout, "evaluation")):
        # The dataset digest column holds 36 characters: a prefix of the content hash.
        digest = data_version(frame)[:32] if context == "evaluation" else version[:32]
        dataset = mlflow.data.from_pandas(frame, name=context, targets=TARGET, digest=digest)
        mlflow.log_input(dataset, context=context)


def run_training(
    config: TrainingConfig,
    sales: pd.DataFrame,
    repo_dir: Path | str = ".",
    lock_file: Path | str = "requirements.lock",
) -> TrainingResult:
    """Validate `sales`, train and evaluate a model, log the run and register the model.

    Args:
        config: the validated configuration of one environment.
        sales: the raw training data.
        repo_dir: a directory inside the git repository of the training code.
        lock_file: the committed lock file whose hash identifies the environment.

    Returns:
        The run, the registered version (alias `challenger`), its metrics and lineage tags.

    Raises:
        pandera.errors.SchemaErrors: the data break the contract; lists every failing value.
        QualityBarError: the holdout R² is below `config.min_r2`.
    """
    # lazy=True collects every violation before failing, not only the first.
    sales = SALES_SCHEMA.validate(sales, lazy=True)
    train, holdout = split_by_date(sales, config.holdout_days)
    model = train_model(train, config.seed, config.n_estimators, config.max_depth)
    metrics = evaluate(model, train, holdout)
    version = data_version(train)
    tags = {"data.version": version, **git_tags(repo_dir), **environment_tags(lock_file)}

    mlflow.set_tracking_uri(config.tracking_uri)
    client = MlflowClient(config.tracking_uri)
    # The experiment is passed to the run, not set globally: callers keep their own active one.
    with mlflow.start_run(experiment_id=experiment_id(client, config)) as run:
        mlflow.log_params(config.model_dump(exclude={"tracking_uri", "artifact_location"}))
        mlflow.log_metrics(metrics)
        mlflow.set_tags(tags)
        log_datasets(train, holdout, version)
        if metrics["r2"] < config.min_r2:
            # Raising inside the run marks it FAILED: visible in MLflow, and the job fails.
            raise QualityBarError(f"holdout r2 {metrics['r2']:.3f} < min_r2 {config.min_r2}")
        inputs = features(train)
        info = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(inputs, model.predict(inputs)),
            input_example=inputs.head(3),
            pip_requirements=[f"scikit-learn=={sklearn.__version__}"],
            # MLflow stores sklearn models with skops, which loads only types declared safe;
            # the trees are ours, trained a few lines above, so their node storage is trusted.
            skops_trusted_types=["sklearn.tree._tree.Tree"],
            registered_model_name=config.model_name,
        )
    registered = str(info.registered_model_version)
    # A new version only becomes the challenger; the evaluation gate decides on champion.
    client.set_registered_model_alias(config.model_name, CHALLENGER, registered)
    return TrainingResult(run.info.run_id, registered, metrics, tags)
