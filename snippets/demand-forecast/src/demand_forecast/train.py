"""Training: a seeded random forest, scored against the naive forecast a planner would make."""

import random

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score

from demand_forecast.features import TARGET, features


def train_model(
    train: pd.DataFrame, seed: int = 42, n_estimators: int = 100, max_depth: int = 8
) -> RandomForestRegressor:
    """Fit the demand model on `train`; the same data and seed always give the same model.

    Args:
        train: sales with the `FEATURES` and `TARGET` columns.
        seed: the one seed every source of randomness derives from.
        n_estimators: number of trees.
        max_depth: maximum depth of each tree.

    Returns:
        The fitted regressor.
    """
    # Seed every generator a library might draw from, not only the estimator's.
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - seeding the legacy generator is the point
    # n_jobs=1: parallel tree building would make the run time depend on the machine.
    model = RandomForestRegressor(
        n_estimators=n_estimators, max_depth=max_depth, random_state=seed, n_jobs=1
    )
    return model.fit(features(train), train[TARGET])


def naive_forecast(train: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """The planner's rule: the mean of the same store on the same weekday in `train`."""
    means = train.groupby(["store_id", "day_of_week"])[TARGET].mean().rename("naive")
    joined = rows.join(means, on=["store_id", "day_of_week"])["naive"]
    return joined.fillna(train[TARGET].mean())


def evaluate(model, train: pd.DataFrame, holdout: pd.DataFrame) -> dict[str, float]:
    """Score `model` on `holdout`, next to the naive forecast learnt from `train`.

    Args:
        model: anything with `predict` over `FEATURES`: an estimator or an MLflow model.
        train: the rows the naive forecast learns its means from.
        holdout: sales with the `FEATURES` and `TARGET` columns.

    Returns:
        `mae` and `r2` of the model, and `baseline_mae` of the naive forecast.
    """
    predicted = model.predict(features(holdout))
    return {
        "mae": float(mean_absolute_error(holdout[TARGET], predicted)),
        "r2": float(r2_score(holdout[TARGET], predicted)),
        "baseline_mae": float(mean_absolute_error(holdout[TARGET], naive_forecast(train, holdout))),
    }
