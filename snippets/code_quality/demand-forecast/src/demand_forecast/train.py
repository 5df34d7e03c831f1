"""Training: fit the forecaster on cleaned sales and score it against a naive baseline."""

import pandas as pd
from sklearn.base import RegressorMixin
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import mean_absolute_error

from demand_forecast.features import FEATURES, TARGET


def train_model(sales: pd.DataFrame, seed: int = 0) -> HistGradientBoostingRegressor:
    """Fit the forecaster.

    Args:
        sales: cleaned rows with every column of `FEATURES` and the target.
        seed: fixes the estimator's randomness, so the same data gives the same model.

    Returns:
        The fitted model.
    """
    model = HistGradientBoostingRegressor(max_iter=100, random_state=seed)
    model.fit(sales[FEATURES], sales[TARGET])
    return model


def evaluate(model: RegressorMixin, train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    """Mean absolute error of the model and of a mean-of-training baseline on `test`.

    Args:
        model: a fitted model with `predict`.
        train: the rows the baseline learns its mean from.
        test: the rows both are scored on.

    Returns:
        `{"mae": ..., "baseline_mae": ...}`.
    """
    baseline = DummyRegressor(strategy="mean").fit(train[FEATURES], train[TARGET])
    return {
        "mae": mean_absolute_error(test[TARGET], model.predict(test[FEATURES])),
        "baseline_mae": mean_absolute_error(test[TARGET], baseline.predict(test[FEATURES])),
    }
