"""The model's inputs and the time split: what every step shares."""

import pandas as pd
import pytest

from demand_forecast.data import make_sales
from demand_forecast.features import FEATURES, add_calendar, features, split_by_date


def test_features_are_exactly_the_model_inputs_with_int64_integers():
    sales = make_sales(days=10).astype({"store_id": "int32"})
    columns = features(sales)
    assert list(columns.columns) == FEATURES
    assert columns["store_id"].dtype == "int64"


def test_calendar_features_come_from_the_date():
    row = add_calendar(pd.DataFrame({"date": ["2026-01-11"]}))
    assert row.loc[0, ["day_of_week", "month"]].tolist() == [6, 1]  # a Sunday in January


def test_the_holdout_is_exactly_the_most_recent_days():
    sales = make_sales(days=60)
    train, holdout = split_by_date(sales, holdout_days=14)
    assert holdout["date"].nunique() == 14
    assert train["date"].max() < holdout["date"].min()
    assert len(train) + len(holdout) == len(sales)


@pytest.mark.parametrize("holdout_days", [0, 60])
def test_a_split_without_training_or_holdout_days_is_refused(holdout_days):
    with pytest.raises(ValueError, match="holdout_days"):
        split_by_date(make_sales(days=60), holdout_days)
