"""Data processing: turn the raw sales extract into the rows and features the model learns from."""

import pandas as pd

FEATURES = ["store_id", "day_of_week", "month", "price", "promotion", "temperature"]
TARGET = "units_sold"


def clean_sales(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep one trustworthy row per store and day.

    Args:
        raw: the extract, with columns date, store_id, price, promotion, temperature, units_sold.

    Returns:
        The cleaned rows, sorted by date and store, with a fresh index.
    """
    # The extract re-sends corrected days: the last record of a store and day wins.
    sales = raw.drop_duplicates(subset=["date", "store_id"], keep="last")
    # Returns (negative units) and free give-aways (price 0) are not demand.
    sales = sales[(sales[TARGET] >= 0) & (sales["price"] > 0)]
    return sales.sort_values(["date", "store_id"]).reset_index(drop=True)


def add_calendar_features(sales: pd.DataFrame) -> pd.DataFrame:
    """Add the day of the week (Monday is 0) and the month, which drive weekly and yearly demand.

    Args:
        sales: rows with a `date` column.

    Returns:
        A copy of `sales` with `day_of_week` and `month` columns.
    """
    dates = pd.to_datetime(sales["date"])
    return sales.assign(day_of_week=dates.dt.day_of_week, month=dates.dt.month)
