"""Data processing: each cleaning rule and feature, on rows small enough to read."""

import pandas as pd

from demand_forecast.features import FEATURES, TARGET, add_calendar_features, clean_sales


def rows(*records: tuple) -> pd.DataFrame:
    columns = ["date", "store_id", "price", "promotion", "temperature", "units_sold"]
    return pd.DataFrame.from_records(records, columns=columns)


def test_a_corrected_day_replaces_the_first_record():
    raw = rows(("2025-03-01", 1, 2.5, False, 10.0, 30), ("2025-03-01", 1, 2.5, False, 10.0, 34))
    cleaned = clean_sales(raw)
    assert cleaned[TARGET].tolist() == [34]


def test_returns_and_free_items_are_not_demand():
    raw = rows(
        ("2025-03-01", 1, 2.5, False, 10.0, -3),
        ("2025-03-01", 2, 0.0, True, 10.0, 80),
        ("2025-03-01", 3, 2.4, False, 10.0, 41),
    )
    assert clean_sales(raw)["store_id"].tolist() == [3]


def test_calendar_features_come_from_the_date():
    featured = add_calendar_features(rows(("2025-03-02", 1, 2.5, False, 10.0, 30)))
    assert featured.loc[0, ["day_of_week", "month"]].tolist() == [6, 3]  # a Sunday in March


def test_every_feature_is_present_and_complete(raw_sales):
    featured = add_calendar_features(clean_sales(raw_sales))
    assert featured[FEATURES].notna().all().all()
    assert len(featured) == len(raw_sales)
