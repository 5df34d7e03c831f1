import datetime as dt

import pandas as pd
import pytest

from snippets.demand_forecasting.data import make_sales
from snippets.deployment.batch_score import score_day
from snippets.monitoring.batch_delivery import check_delivery, delivery_path

DAY = dt.date(2026, 3, 2)
PLAN = make_sales(days=3, start="2026-03-01")


@pytest.fixture(scope="module")
def delivered(champion_registry, tmp_path_factory):
    target = tmp_path_factory.mktemp("deliveries")
    path = score_day(
        "models:/demand-forecasting@champion", PLAN, DAY, target, champion_registry.tracking_uri
    )
    return path, target


def test_one_prediction_per_store_stamped_with_the_champion_version(delivered):
    path, _ = delivered
    predictions = pd.read_csv(path)
    assert list(predictions.columns) == [
        "date",
        "store_id",
        "prediction",
        "model_name",
        "model_version",
    ]
    assert sorted(predictions["store_id"]) == [1, 2, 3, 4, 5]
    assert set(predictions["date"]) == {"2026-03-02"}
    assert set(predictions["model_version"]) == {1}
    assert (predictions["prediction"] > 0).all()


def test_the_delivery_passes_the_monitoring_continuity_check(delivered):
    path, target = delivered
    assert path == delivery_path(target, DAY)
    assert check_delivery(target, DAY, expected_stores=[1, 2, 3, 4, 5]) == []
    assert not list(target.glob("*.partial"))


def test_a_day_missing_from_the_plan_is_an_error(champion_registry, tmp_path):
    with pytest.raises(ValueError, match="2026-04-01"):
        score_day(
            "models:/demand-forecasting@champion",
            PLAN,
            dt.date(2026, 4, 1),
            tmp_path,
            champion_registry.tracking_uri,
        )
    assert not list(tmp_path.iterdir())
