"""The product's data source: daily sales per store, generated deterministically.

Replace `load_sales` and `load_plan` with queries on your warehouse; everything downstream
only relies on the columns they return.
"""

import datetime as dt

import numpy as np
import pandas as pd

START = "2025-01-01"
"""First day of the sales history."""
PRICE_FEED_CHANGE = dt.date(2026, 1, 15)
"""From this day the planned prices arrive 0.80 euro too high: the incident monitoring catches."""


def make_sales(days: int = 365, stores: int = 5, seed: int = 42, start: str = START,
               price_shift: float = 0.0) -> pd.DataFrame:  # fmt: skip
    """Synthetic daily sales per store: the same arguments always give the same frame.

    Args:
        days: how many consecutive days, from `start`.
        stores: stores numbered 1 to `stores`.
        seed: seeds every random draw.
        start: the first day, ISO format.
        price_shift: euros added to every price, to simulate a changed price feed.

    Returns:
        One row per store and day: `date`, `store_id`, `day_of_week`, `month`, `price`,
        `promotion`, `temperature` and the target `units_sold`.
    """
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    frame = pd.DataFrame(
        {"date": np.repeat(dates, stores), "store_id": np.tile(np.arange(1, stores + 1), days)}
    )
    n = len(frame)
    frame["day_of_week"] = frame["date"].dt.day_of_week.astype("int64")
    frame["month"] = frame["date"].dt.month.astype("int64")
    frame["price"] = np.round(rng.normal(2.5, 0.3, n) + price_shift, 2)
    frame["promotion"] = rng.random(n) < 0.15
    season = np.sin(2 * np.pi * (frame["date"].dt.day_of_year - 100) / 365)
    frame["temperature"] = np.round(12 + 10 * season + rng.normal(0, 3, n), 1)
    weekend = frame["day_of_week"] >= 5
    expected = (
        40
        + 4 * frame["store_id"]
        + 12 * weekend
        + 25 * frame["promotion"]
        - 8 * (frame["price"] - 2.5)
        + 0.6 * frame["temperature"]
    )
    frame["units_sold"] = rng.poisson(np.clip(expected, 1, None)).astype("int64")
    return frame


def load_sales(days: int, seed: int) -> pd.DataFrame:
    """The training history: `days` days of sales from `START`."""
    return make_sales(days=days, seed=seed)


def load_plan(first_day: dt.date, days: int) -> pd.DataFrame:
    """What is known in advance about the days to forecast: prices, promotions, weather.

    Args:
        first_day: the first day to forecast.
        days: how many days from `first_day`.

    Returns:
        The rows of `make_sales` for those days, without the sales themselves; from
        `PRICE_FEED_CHANGE` on, with the price feed's error.
    """
    # Seeded by the day, so every run plans the same future for the same day.
    plan = make_sales(days=days, seed=first_day.toordinal(), start=first_day.isoformat())
    broken_feed = plan["date"].dt.date >= PRICE_FEED_CHANGE
    return plan.drop(columns="units_sold").assign(
        price=plan["price"].where(~broken_feed, plan["price"] + 0.8)
    )


def load_actuals(first_day: dt.date, days: int) -> pd.DataFrame:
    """What really sold on the planned days, as it arrives after the fact.

    Returns:
        `date`, `store_id` and `units_sold` for the days `load_plan` planned.
    """
    sales = make_sales(days=days, seed=first_day.toordinal(), start=first_day.isoformat())
    return sales[["date", "store_id", "units_sold"]]


def load_experiment_outcomes(variants: pd.Series, seed: int = 7) -> pd.DataFrame:
    """What each customer of an A/B test did, per variant; from the order system in real life.

    The synthetic challenger converts two points better, with the same basket and latency.

    Args:
        variants: the variant each customer saw, indexed by customer ID.
        seed: seeds every random draw.

    Returns:
        One row per customer: `customer_id`, `variant`, `converted`, `basket_value`,
        `latency_ms`.
    """
    rng = np.random.default_rng(seed)
    treated = (variants == "challenger").to_numpy()
    n = len(variants)
    return pd.DataFrame(
        {
            "customer_id": variants.index,
            "variant": variants.to_numpy(),
            "converted": rng.random(n) < 0.10 + 0.02 * treated,
            "basket_value": rng.gamma(4.0, 10.0, n),
            "latency_ms": rng.normal(120, 15, n),
        }
    )
