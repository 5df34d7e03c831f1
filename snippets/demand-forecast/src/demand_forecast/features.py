"""The model's inputs and the split into training and holdout, shared by every step."""

import pandas as pd

FEATURES = ["store_id", "day_of_week", "month", "price", "promotion", "temperature"]
"""What the model sees, in this order, in training, evaluation, serving and batch scoring."""
TARGET = "units_sold"


def features(sales: pd.DataFrame) -> pd.DataFrame:
    """The model's input columns, with dtypes that do not depend on the pandas version.

    Args:
        sales: frame holding at least the columns in `FEATURES`.

    Returns:
        A new frame with exactly `FEATURES`; integer columns are int64, so that the model
        signature logged at training matches what a serving request produces.
    """
    columns = sales[FEATURES]
    integers = columns.select_dtypes("integer").columns
    return columns.astype(dict.fromkeys(integers, "int64"))


def add_calendar(rows: pd.DataFrame) -> pd.DataFrame:
    """Derive `day_of_week` (Monday is 0) and `month` from a `date` column."""
    dates = pd.to_datetime(rows["date"])
    return rows.assign(
        day_of_week=dates.dt.day_of_week.astype("int64"), month=dates.dt.month.astype("int64")
    )


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
