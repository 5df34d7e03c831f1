import pandas as pd
import pytest
from fastapi.testclient import TestClient

from snippets.demand_forecasting.data import FEATURES
from snippets.monitoring.prediction_log import PredictionLog
from snippets.monitoring.serving_app import create_app, model_inputs

BODY = {"date": "2025-03-01", "store_id": 2, "price": 2.4, "promotion": True, "temperature": 9.5}


def test_the_api_returns_the_same_forecast_as_the_model(forest, tmp_path):
    client = TestClient(create_app(forest, "4", PredictionLog(tmp_path / "log.db")))
    response = client.post("/predict", json=BODY)
    assert response.status_code == 200
    expected = forest.predict(model_inputs(pd.DataFrame([BODY])).to_numpy(dtype=float))[0]
    assert response.json()["units_sold"] == pytest.approx(expected)
    assert response.json()["model_version"] == "4"


def test_every_prediction_is_stored_with_its_inputs_and_version(forest, tmp_path):
    log = PredictionLog(tmp_path / "log.db")
    client = TestClient(create_app(forest, "4", log))
    answers = [client.post("/predict", json={**BODY, "store_id": s}).json() for s in (1, 2)]
    stored = log.read()
    assert stored["request_id"].tolist() == [a["request_id"] for a in answers]
    assert stored["prediction"].tolist() == pytest.approx([a["units_sold"] for a in answers])
    assert stored["store_id"].tolist() == [1, 2]
    assert set(stored["model_version"]) == {"4"}


def test_calendar_features_come_from_the_date():
    features = model_inputs(pd.DataFrame([BODY]))
    assert list(features.columns) == FEATURES
    # 1 March 2025 is a Saturday.
    assert features.loc[0, ["day_of_week", "month"]].tolist() == [5, 3]
