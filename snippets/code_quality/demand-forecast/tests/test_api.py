"""API tests: the contract consumers rely on, exercised through FastAPI's test client."""

import pytest
from fastapi.testclient import TestClient

from demand_forecast.api import create_app
from demand_forecast.features import add_calendar_features, clean_sales
from demand_forecast.train import train_model

REQUEST = {
    "store_id": 2,
    "date": "2025-06-07",
    "price": 2.4,
    "promotion": True,
    "temperature": 21.5,
}


@pytest.fixture
def client(raw_sales) -> TestClient:
    model = train_model(add_calendar_features(clean_sales(raw_sales)))
    return TestClient(create_app(model, model_version="7"))


def test_a_valid_request_gets_a_forecast_and_the_model_version(client):
    response = client.post("/forecast", json=REQUEST)
    assert response.status_code == 200
    body = response.json()
    assert body["model_version"] == "7"
    assert isinstance(body["units_sold"], float)
    assert body["units_sold"] >= 0


@pytest.mark.parametrize(
    "field, value", [("price", -1.0), ("store_id", 0), ("date", "next tuesday")]
)
def test_an_invalid_request_is_rejected_with_422(client, field, value):
    response = client.post("/forecast", json={**REQUEST, field: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
