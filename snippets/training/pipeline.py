"""The training pipeline entry point: validate the data, train, evaluate, log and register."""

# --8<-- [start:imports]
import argparse
import os
from dataclasses import dataclass

import mlflow
import pandas as pd
import sklearn
from mlflow import MlflowClient
from mlflow.models import infer_signature

from snippets.demand_forecasting.data import make_sales
from snippets.notebook_to_package.forecasting import evaluate, features, split_by_date, train_model
from snippets.traceability.lineage import data_version, environment_tags, git_tags
from snippets.training.config import TrainingConfig, UnknownEnvironmentError, load_config
from snippets.training.schema import SALES_SCHEMA

# --8<-- [end:imports]


# --8<-- [start:pipeline]
CHALLENGER = "challenger"


@dataclass(frozen=True)
class TrainingResult:
    """What one pipeline run produced."""

    run_id: str
    """The MLflow run holding parameters, metrics, lineage tags and the model."""
    model_version: str
    """The registered version, now pointed at by the `challenger` alias."""
    metrics: dict[str, float]
    """Holdout metrics: `mae` and `r2`."""


class QualityBarError(RuntimeError):
    """The model scored below the configured minimum; it was logged but not registered."""


def load_sales(config: TrainingConfig) -> pd.DataFrame:
    """The training data; replace this body with the query on your warehouse or lake."""
    return make_sales(days=config.days, seed=config.seed)


def experiment_id(client: MlflowClient, config: TrainingConfig) -> str:
    """The id of the configured experiment, created on first use."""
    existing = client.get_experiment_by_name(config.experiment)
    if existing is not None:
        return existing.experiment_id
    return client.create_experiment(config.experiment, artifact_location=config.artifact_location)


def run_training(config: TrainingConfig, sales: pd.DataFrame) -> TrainingResult:
    """Validate `sales`, train and evaluate a model, log the run and register the model.

    Args:
        config: the validated configuration of one environment.
        sales: the raw training data.

    Returns:
        The run, the registered version (alias `challenger`) and its holdout metrics.

    Raises:
        pandera.errors.SchemaErrors: the data break the contract; lists every failing value.
        QualityBarError: the holdout R² is below `config.min_r2`.
    """
    # lazy=True collects every violation before failing, not only the first.
    sales = SALES_SCHEMA.validate(sales, lazy=True)
    train, holdout = split_by_date(sales, config.holdout_days)
    model = train_model(train, config.seed, config.n_estimators, config.max_depth)
    metrics = evaluate(model, holdout)

    client = MlflowClient(config.tracking_uri)
    mlflow.set_tracking_uri(config.tracking_uri)
    with mlflow.start_run(experiment_id=experiment_id(client, config)) as run:
        mlflow.log_params(config.model_dump(exclude={"tracking_uri", "artifact_location"}))
        mlflow.log_metrics(metrics)
        mlflow.set_tags({"data.version": data_version(train), **git_tags(), **environment_tags()})
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
            # the trees are ours, trained a line above, so their node storage is trusted.
            skops_trusted_types=["sklearn.tree._tree.Tree"],
            registered_model_name=config.model_name,
        )
    version = str(info.registered_model_version)
    # A new version only becomes the challenger; the deployment gate decides on champion.
    client.set_registered_model_alias(config.model_name, CHALLENGER, version)
    return TrainingResult(run.info.run_id, version, metrics)


# --8<-- [end:pipeline]


# --8<-- [start:main]
def main(argv: list[str] | None = None) -> TrainingResult:
    """Command line: `python -m snippets.training.pipeline --env prd`.

    `MLFLOW_TRACKING_URI`, when set (a CI secret), replaces the file's tracking URI.
    """
    parser = argparse.ArgumentParser(description="Train and register the demand model.")
    parser.add_argument("--env", required=True, help="environment table of config.toml")
    args = parser.parse_args(argv)
    overrides = {}
    if "MLFLOW_TRACKING_URI" in os.environ:
        overrides["tracking_uri"] = os.environ["MLFLOW_TRACKING_URI"]
    try:
        config = load_config(args.env, **overrides)
    except UnknownEnvironmentError as error:
        parser.error(str(error))  # one line on stderr, exit code 2
    result = run_training(config, load_sales(config))
    print(f"{config.model_name} v{result.model_version} is the {CHALLENGER}: {result.metrics}")
    return result


if __name__ == "__main__":
    main()
# --8<-- [end:main]
