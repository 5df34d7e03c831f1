"""Training the demand forecaster reproducibly: a time-based split and seeded estimators."""

# --8<-- [start:imports]
import random

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, root_mean_squared_error

from snippets.demand_forecasting.data import FEATURES, TARGET

# --8<-- [end:imports]


# --8<-- [start:train]
SEED = 42


def split_by_date(sales: pd.DataFrame, holdout_days: int = 28) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The last `holdout_days` days are the test set: a forecaster is judged on the future."""
    cutoff = sales["date"].max() - pd.Timedelta(days=holdout_days)
    return sales[sales["date"] <= cutoff], sales[sales["date"] > cutoff]


def train_forecaster(
    sales: pd.DataFrame, seed: int = SEED, n_estimators: int = 50, max_depth: int = 8
) -> tuple[RandomForestRegressor, dict[str, float], dict[str, int]]:
    """Fit a random forest on all but the last four weeks and score it on those weeks.

    Args:
        sales: frame from `make_sales` (or your own with the same columns).
        seed: the one seed every source of randomness derives from.
        n_estimators: trees in the forest.
        max_depth: depth limit of each tree.

    Returns:
        The fitted model, its holdout metrics and the parameters that produced it.
    """
    # Seed every generator a library might draw from, not only the estimator's.
    random.seed(seed)
    np.random.seed(seed)
    train, test = split_by_date(sales)
    params = {"seed": seed, "n_estimators": n_estimators, "max_depth": max_depth}
    model = RandomForestRegressor(
        n_estimators=n_estimators, max_depth=max_depth, random_state=seed, n_jobs=1
    )
    model.fit(train[FEATURES], train[TARGET])
    predicted = model.predict(test[FEATURES])
    metrics = {
        "mae": float(mean_absolute_error(test[TARGET], predicted)),
        "rmse": float(root_mean_squared_error(test[TARGET], predicted)),
    }
    return model, metrics, params


# --8<-- [end:train]
