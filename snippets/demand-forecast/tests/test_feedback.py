import pandas as pd
import pytest

from demand_forecast.data import make_sales
from demand_forecast.features import FEATURES
from demand_forecast.feedback import join_ground_truth, weekly_kpis
from demand_forecast.prediction_log import PredictionLog


def test_only_store_days_with_known_sales_are_joined():
    predictions = pd.DataFrame(
        {"date": ["2025-06-02T00:00:00.000", "2025-06-03T00:00:00.000"], "store_id": [1, 1],
         "prediction": [10.0, 12.0], "model_version": ["3", "3"]}
    )  # fmt: skip
    # Sales for 3 June have not arrived yet; sales for another store are not ours.
    actuals = pd.DataFrame(
        {"date": pd.to_datetime(["2025-06-02", "2025-06-02"]), "store_id": [1, 2],
         "units_sold": [8, 30]}
    )  # fmt: skip
    joined = join_ground_truth(predictions, actuals)
    assert joined[["store_id", "prediction", "units_sold"]].values.tolist() == [[1, 10.0, 8]]


def test_weekly_kpis_price_each_error_in_euros():
    joined = pd.DataFrame(
        {"date": pd.to_datetime(["2025-06-02", "2025-06-08", "2025-06-09"]),
         "prediction": [10.0, 30.0, 20.0], "units_sold": [20, 25, 20]}
    )  # fmt: skip
    kpis = weekly_kpis(joined, margin=2.0, holding_cost=0.5)
    assert kpis.index.tolist() == list(pd.to_datetime(["2025-06-02", "2025-06-09"]))
    first, second = kpis.to_dict("records")
    # Monday 2 June and Sunday 8 June are one week: 10 units short, 5 units too many.
    assert first == pytest.approx(
        {"store_days": 2, "mape": 35.0, "stockout_cost": 20.0, "overstock_cost": 2.5}
    )
    assert second == pytest.approx(
        {"store_days": 1, "mape": 0.0, "stockout_cost": 0.0, "overstock_cost": 0.0}
    )


def test_the_loop_runs_on_the_prediction_log(forest, tmp_path):
    scored = make_sales(days=28, seed=21)
    log = PredictionLog(tmp_path / "log.db")
    features = scored.drop(columns="units_sold")
    log.write(features, forest.predict(features[FEATURES]), "1", "batch")
    kpis = weekly_kpis(join_ground_truth(log.read(), scored), margin=1.5, holding_cost=0.4)
    assert kpis["store_days"].sum() == len(scored)
    assert len(kpis) in (4, 5)
    assert (kpis["mape"] < 30).all()
