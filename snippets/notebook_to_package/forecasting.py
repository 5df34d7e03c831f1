"""The exploratory notebook's logic as package functions: split by date, train, evaluate."""

# --8<-- [start:imports]
from typing import Protocol

import pandas as pd
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score

from snippets.demand_forecasting.data import FEATURES, TARGET

# --8<-- [end:imports]


# --8<-- [start:features]
def features(sales: pd.DataFrame) -> pd.DataFrame:
    """The model's input columns, with dtypes that do not depend on the pandas version.

    Args:
        sales: frame holding at least the columns in `FEATURES`.

    Returns:
        A new frame with exactly `FEATURES`; integer columns are int64 so that the model
        signature logged at training matches what a serving request produces.
    """
    columns = sales[FEATURES]
    integers = columns.select_dtypes("integer").columns
    return columns.astype(dict.fromkeys(integers, "int64"))


# --8<-- [end:features]


# --8<-- [start:split]
def split_by_date(sales: pd.DataFrame, holdout_days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep the last `holdout_days` days apart as the holdout, train on everything before.

    Args:
        sales: daily sales with a `date` column.
        holdout_days: how many of the most recent days to hold out (at least 1).

    Returns:
        `(train, holdout)`; every training date is before every holdout date.

    Raises:
        ValueError: when `holdout_days` is below 1 or leaves no day to train on.
    """
    if holdout_days < 1:
        raise ValueError(f"holdout_days must be at least 1, got {holdout_days}")
    # A time cut, not a random one: a forecast must never be trained on its own future.
    cutoff = sales["date"].max() - pd.Timedelta(days=holdout_days)
    train, holdout = sales[sales["date"] <= cutoff], sales[sales["date"] > cutoff]
    if train.empty:
        raise ValueError(f"holdout_days={holdout_days} leaves no day to train on")
    return train, holdout


# --8<-- [end:split]


# --8<-- [start:train]
def train_model(
    train: pd.DataFrame, seed: int = 42, n_estimators: int = 100, max_depth: int = 8
) -> RandomForestRegressor:
    """Fit the demand model on `train`; the same data and seed always give the same model.

    Args:
        train: sales with the `FEATURES` and `TARGET` columns.
        seed: random state of the estimator.
        n_estimators: number of trees.
        max_depth: maximum depth of each tree.

    Returns:
        The fitted regressor.
    """
    # n_jobs=1: parallel tree building would make the run time depend on the machine.
    model = RandomForestRegressor(
        n_estimators=n_estimators, max_depth=max_depth, random_state=seed, n_jobs=1
    )
    return model.fit(features(train), train[TARGET])


# --8<-- [end:train]


# --8<-- [start:evaluate]
class Predictor(Protocol):
    """Anything with `predict`: a scikit-learn estimator or an MLflow pyfunc model."""

    def predict(self, data: pd.DataFrame) -> object: ...


def evaluate(model: Predictor, holdout: pd.DataFrame) -> dict[str, float]:
    """Score `model` on `holdout`.

    Args:
        model: a fitted model.
        holdout: sales with the `FEATURES` and `TARGET` columns.

    Returns:
        `{"mae": ..., "r2": ...}`: mean absolute error in units sold, and R².
    """
    predicted = model.predict(features(holdout))
    return {
        "mae": float(mean_absolute_error(holdout[TARGET], predicted)),
        "r2": float(r2_score(holdout[TARGET], predicted)),
    }


# --8<-- [end:evaluate]
