"""Evaluation metrics logged on every training run, and an alert when a run gets worse."""

# --8<-- [start:log]
import mlflow
import numpy as np
import pandas as pd
from sklearn.base import RegressorMixin

from snippets.demand_forecasting.data import FEATURES, TARGET
from snippets.monitoring.alerts import Alert


def evaluate(model: RegressorMixin, holdout: pd.DataFrame) -> dict[str, float]:
    """Holdout metrics of a forecaster: MAE, RMSE and MAPE (in percent)."""
    actual = holdout[TARGET].to_numpy(dtype=float)
    error = model.predict(holdout[FEATURES].to_numpy(dtype=float)) - actual
    return {
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mape": float(100 * np.mean(np.abs(error) / np.maximum(actual, 1))),
    }


def log_evaluation(metrics: dict[str, float], experiment: str, tracking_uri: str) -> str:
    """Store one run's holdout metrics in the tracker and return the run ID."""
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_experiment(experiment)
    with mlflow.start_run() as run:
        mlflow.log_metrics(metrics)
    return run.info.run_id


# --8<-- [end:log]


# --8<-- [start:regression]
def metric_history(experiment: str, metric: str, tracking_uri: str) -> pd.Series:
    """One metric over the experiment's finished runs, oldest first, indexed by run ID."""
    mlflow.set_tracking_uri(tracking_uri)
    runs = mlflow.search_runs(
        experiment_names=[experiment],
        filter_string="attributes.status = 'FINISHED'",
        order_by=["attributes.start_time ASC"],
    )
    return runs.set_index("run_id")[f"metrics.{metric}"].dropna()


def regression_alerts(history: pd.Series, tolerance: float = 0.10, window: int = 5) -> list[Alert]:
    """Alert when the latest run is worse than the median of the runs before it.

    Args:
        history: An error metric (lower is better) per run, oldest first.
        tolerance: How much worse than the baseline, as a fraction, still passes.
        window: How many earlier runs form the baseline.
    """
    if len(history) < 2:
        return []  # nothing to compare the first run with
    latest = float(history.iloc[-1])
    baseline = float(history.iloc[-1 - window : -1].median())
    if latest <= baseline * (1 + tolerance):
        return []
    details = {"run_id": history.index[-1], "latest": latest, "baseline": baseline}
    return [Alert("offline_metrics", "warning", f"{history.name} regressed", details)]


# --8<-- [end:regression]
