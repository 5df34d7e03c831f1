"""Fixtures shared by the tests: a small raw extract that looks like the real one."""

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def raw_sales() -> pd.DataFrame:
    """Ninety days of four stores whose sales react to weekends, promotions and price."""
    rng = np.random.default_rng(0)
    dates = pd.date_range("2025-03-01", periods=90, freq="D")
    raw = pd.DataFrame({"date": np.repeat(dates, 4), "store_id": np.tile([1, 2, 3, 4], 90)})
    raw["price"] = rng.normal(2.5, 0.3, len(raw)).round(2)
    raw["promotion"] = rng.random(len(raw)) < 0.2
    raw["temperature"] = rng.normal(15, 5, len(raw)).round(1)
    weekend = raw["date"].dt.day_of_week >= 5
    expected = 40 + 5 * raw["store_id"] + 15 * weekend + 25 * raw["promotion"] - 8 * raw["price"]
    raw["units_sold"] = rng.poisson(expected.clip(lower=1))
    return raw
