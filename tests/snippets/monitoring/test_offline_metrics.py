import pandas as pd
import pytest
from sklearn.dummy import DummyRegressor

from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales
from snippets.monitoring.offline_metrics import (
    evaluate,
    log_evaluation,
    metric_history,
    regression_alerts,
)
from snippets.monitoring.serving_app import train_model


@pytest.fixture(scope="module")
def tracked(tmp_path_factory, forest):
    """Three runs in a real MLflow with SQLite: good, good again, then a naive model."""
    root = tmp_path_factory.mktemp("mlflow")
    uri = f"sqlite:///{root}/mlflow.db"
    holdout = make_sales(days=60, seed=99)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)  # MLflow's default artifact root is relative to the working directory
        retrained = train_model(make_sales(days=120, seed=12))
        naive = DummyRegressor().fit(holdout[FEATURES], holdout[TARGET])
        runs = [
            log_evaluation(evaluate(model, holdout), "demand-forecast", uri)
            for model in (forest, retrained, naive)
        ]
    return uri, runs


def test_metrics_are_stored_per_run(tracked):
    uri, runs = tracked
    history = metric_history("demand-forecast", "mae", uri)
    assert history.index.tolist() == runs
    assert history.name == "metrics.mae"
    assert (history > 0).all()


def test_a_naive_model_after_good_ones_raises_a_regression_alert(tracked):
    uri, runs = tracked
    [alert] = regression_alerts(metric_history("demand-forecast", "mae", uri))
    assert alert.details["run_id"] == runs[-1]
    assert alert.details["latest"] > alert.details["baseline"] * 1.1


def test_a_comparable_retrain_raises_no_alert(tracked):
    uri, runs = tracked
    history = metric_history("demand-forecast", "mape", uri)
    assert regression_alerts(history.loc[runs[:2]]) == []


def test_the_first_run_has_nothing_to_regress_from():
    assert regression_alerts(pd.Series([3.0], index=["only"], name="metrics.mae")) == []


def test_evaluate_gives_zero_error_for_a_perfect_forecast():
    holdout = make_sales(days=10, seed=5)

    class Perfect:
        def predict(self, features):
            return holdout[TARGET].to_numpy(dtype=float)

    assert evaluate(Perfect(), holdout) == {"mae": 0.0, "rmse": 0.0, "mape": 0.0}
