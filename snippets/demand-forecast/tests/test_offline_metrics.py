"""Holdout metrics over training runs, and the alert when the newest run is worse."""

import mlflow
import pandas as pd

from demand_forecast.offline_metrics import metric_history, regression_alerts


def test_the_history_lists_finished_runs_oldest_first(registry, tracking):
    history = metric_history("demand-forecast", "mae", registry.config.tracking_uri)
    assert history.loc[registry.weak.run_id] == registry.weak.metrics["mae"]
    assert list(history.index[:2]) == [registry.weak.run_id, registry.strong.run_id]


def test_an_empty_experiment_has_an_empty_history(registry, tracking):
    mlflow.create_experiment("empty-history")
    assert metric_history("empty-history", "mae", registry.config.tracking_uri).empty


def test_a_worse_run_alerts_and_a_comparable_one_does_not():
    assert regression_alerts(pd.Series([5.0], name="mae")) == []
    assert regression_alerts(pd.Series([5.0, 5.2, 5.3], name="mae")) == []
    [alert] = regression_alerts(pd.Series([5.0, 5.2, 9.0], index=["a", "b", "c"], name="mae"))
    assert alert.message == "mae regressed" and alert.details["run_id"] == "c"
