import datetime as dt

import pandas as pd

from snippets.monitoring.batch_delivery import check_delivery, delivery_path

DAY = dt.date(2025, 6, 2)
STORES = [1, 2, 3]


def deliver(target, rows):
    pd.DataFrame(rows).to_csv(delivery_path(target, DAY), index=False)


def full_day():
    return [
        {"date": DAY, "store_id": s, "prediction": 50.0 + s, "model_version": "5"} for s in STORES
    ]


def test_a_complete_delivery_raises_no_alert(tmp_path):
    deliver(tmp_path, full_day())
    assert check_delivery(tmp_path, DAY, STORES) == []


def test_a_missing_delivery_alerts_with_the_place_it_looked(tmp_path):
    deliver(tmp_path, full_day())
    [alert] = check_delivery(tmp_path, DAY + dt.timedelta(days=1), STORES)
    assert alert.severity == "critical"
    assert alert.message == "No predictions for 2025-06-03"
    assert alert.details["path"] == tmp_path / "predictions_2025-06-03.csv"


def test_a_missing_store_makes_the_delivery_incomplete(tmp_path):
    deliver(tmp_path, full_day()[:2])
    [alert] = check_delivery(tmp_path, DAY, STORES)
    assert alert.message == "Incomplete predictions for 2025-06-02"
    assert alert.details["missing_stores"] == [3]
    assert alert.details["empty_rows"] == 0


def test_an_empty_prediction_makes_the_delivery_incomplete(tmp_path):
    rows = full_day()
    rows[1]["prediction"] = None
    deliver(tmp_path, rows)
    [alert] = check_delivery(tmp_path, DAY, STORES)
    assert alert.details == {
        "path": delivery_path(tmp_path, DAY),
        "missing_stores": [],
        "empty_rows": 1,
    }


def test_a_file_without_the_agreed_columns_is_malformed(tmp_path):
    deliver(tmp_path, [{"store_id": s, "prediction": 1.0} for s in STORES])
    [alert] = check_delivery(tmp_path, DAY, STORES)
    assert alert.message == "Malformed delivery for 2025-06-02"
    assert alert.details["missing_columns"] == ["date", "model_version"]
