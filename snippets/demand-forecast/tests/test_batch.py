"""Batch scoring delivers one complete file per day, and the delivery check agrees."""

import datetime as dt

import pandas as pd

from demand_forecast.batch import first_day_after, score_days
from demand_forecast.data import load_plan, load_sales
from demand_forecast.delivery import check_delivery, delivery_path
from demand_forecast.prediction_log import PredictionLog


def test_each_day_is_delivered_whole_stamped_with_the_version(registry, tmp_path):
    start = first_day_after(load_sales(registry.config.days, registry.config.seed))
    assert start == dt.date(2025, 5, 1)
    log = PredictionLog(tmp_path / "p.db")
    plan = load_plan(start, 3)
    files = score_days(
        "demand-forecast", "challenger", registry.config.tracking_uri, plan, tmp_path, log
    )
    assert [f.name for f in files] == [f"predictions_2025-05-0{d}.csv" for d in (1, 2, 3)]
    delivered = pd.read_csv(files[0])
    assert delivered["store_id"].tolist() == [1, 2, 3, 4, 5]
    assert set(delivered["model_version"]) == {2} and delivered["prediction"].notna().all()
    assert not list(tmp_path.glob("*.partial"))
    assert len(log.read()) == 15
    assert check_delivery(tmp_path, start, [1, 2, 3, 4, 5]) == []


def test_a_missing_incomplete_or_malformed_delivery_alerts(tmp_path):
    day, stores = dt.date(2026, 1, 1), [1, 2, 3]
    assert check_delivery(tmp_path, day, stores)[0].message == "No predictions for 2026-01-01"
    path = delivery_path(tmp_path, day)
    rows = {"date": [day] * 2, "store_id": [1, 2], "prediction": [40.0, None],
            "model_version": ["2", "2"]}  # fmt: skip
    pd.DataFrame(rows).to_csv(path, index=False)
    [alert] = check_delivery(tmp_path, day, stores)
    assert alert.severity == "critical" and alert.details["missing_stores"] == [3]
    assert alert.details["empty_rows"] == 1
    pd.DataFrame({"store_id": [1, 2, 3]}).to_csv(path, index=False)
    [malformed] = check_delivery(tmp_path, day, stores)
    assert malformed.details["missing_columns"] == ["date", "model_version", "prediction"]
