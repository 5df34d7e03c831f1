"""The holdout metrics every training run logs, over time, and an alert when a run gets worse."""

import mlflow
import pandas as pd

from demand_forecast.alerts import Alert


def metric_history(experiment: str, metric: str, tracking_uri: str) -> pd.Series:
    """One metric over the experiment's finished runs, oldest first, indexed by run ID."""
    mlflow.set_tracking_uri(tracking_uri)
    runs = mlflow.search_runs(
        experiment_names=[experiment],
        filter_string="attributes.status = 'FINISHED'",
        order_by=["attributes.start_time ASC"],
    )
    if runs.empty:
        return pd.Series(dtype=float, name=metric)
    return runs.set_index("run_id")[f"metrics.{metric}"].dropna().rename(metric)


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
