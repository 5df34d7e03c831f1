"""The running example: daily unit sales of a retail brand's stores, generated deterministically."""

# --8<-- [start:generate]
import numpy as np
import pandas as pd

FEATURES = ["store_id", "day_of_week", "month", "price", "promotion", "temperature"]
TARGET = "units_sold"


def make_sales(days: int = 365, stores: int = 5, seed: int = 42, start: str = "2025-01-01",
               price_shift: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """Synthetic daily sales per store: the same arguments always give the same frame.

    `price_shift` moves every price by that many euros, to simulate a changed data source.
    """
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    frame = pd.DataFrame(
        {
            "date": np.repeat(dates, stores),
            "store_id": np.tile(np.arange(1, stores + 1), days),
        }
    )
    n = len(frame)
    frame["day_of_week"] = frame["date"].dt.day_of_week
    frame["month"] = frame["date"].dt.month
    frame["price"] = np.round(rng.normal(2.5, 0.3, n) + price_shift, 2)
    frame["promotion"] = rng.random(n) < 0.15
    frame["temperature"] = np.round(
        12 + 10 * np.sin(2 * np.pi * (frame["date"].dt.day_of_year - 100) / 365)
        + rng.normal(0, 3, n), 1
    )  # fmt: skip
    weekend = frame["day_of_week"] >= 5
    expected = (
        40
        + 4 * frame["store_id"]
        + 12 * weekend
        + 25 * frame["promotion"]
        - 8 * (frame["price"] - 2.5)
        + 0.6 * frame["temperature"]
    )
    frame["units_sold"] = rng.poisson(np.clip(expected, 1, None))
    return frame
    # --8<-- [end:generate]
