"""The forecast API: its contract, its request log and its stored predictions."""

import json
import logging

import mlflow
import pandas as pd
import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from demand_forecast.features import add_calendar, features
from demand_forecast.prediction_log import PredictionLog
from demand_forecast.request_logging import REQUEST_LOGGER
from demand_forecast.serve import EXAMPLE, app_from_env, create_app, export_openapi


@pytest.fixture
def log(tmp_path) -> PredictionLog:
    return PredictionLog(tmp_path / "predictions.db")


@pytest.fixture
def app(registry, log):
    return create_app("demand-forecast", "challenger", registry.config.tracking_uri, log)


def test_a_forecast_names_the_version_and_equals_what_that_model_predicts(app, registry, log):
    client = TestClient(app)
    health = client.get("/health").json()
    assert health == {"status": "ok", "model_name": "demand-forecast", "model_version": "2"}
    response = client.post("/forecast", json=EXAMPLE, headers={"x-request-id": "req-1"})
    assert response.status_code == 200
    body = response.json()
    model = mlflow.pyfunc.load_model("models:/demand-forecast/2")
    expected = model.predict(features(add_calendar(pd.DataFrame([EXAMPLE]))))[0]
    assert body["units_sold"] == pytest.approx(max(float(expected), 0.0))
    assert body["model_version"] == "2" and body["request_id"] == "req-1"
    stored = log.read()
    assert stored[["request_id", "source", "model_version"]].values.tolist() == [
        ["req-1", "api", "2"]
    ]
    assert stored.loc[0, "prediction"] == pytest.approx(body["units_sold"])
    assert stored.loc[0, "store_id"] == EXAMPLE["store_id"]


@pytest.mark.parametrize(
    "field, value",
    [("price", -1.0), ("store_id", 0), ("date", "next tuesday"), ("temperature", 80)],
)
def test_a_request_outside_the_contract_is_refused_with_422(app, field, value):
    response = TestClient(app).post("/forecast", json={**EXAMPLE, field: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_an_unknown_field_is_refused(app):
    response = TestClient(app).post("/forecast", json={**EXAMPLE, "weather": "sunny"})
    assert response.status_code == 422


def test_every_request_is_logged_with_status_latency_and_version(app, caplog):
    @app.get("/boom")
    def boom() -> None:
        raise HTTPException(status_code=503)

    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("bug")

    client = TestClient(app, raise_server_exceptions=False)
    with caplog.at_level(logging.INFO, logger=REQUEST_LOGGER.name):
        ok = client.post("/forecast", json=EXAMPLE)
        client.post("/forecast", json={}, headers={"x-request-id": "bad-1"})
        client.get("/boom")
        client.get("/crash")
    records = [json.loads(r.getMessage()) for r in caplog.records]
    assert [r["status_code"] for r in records] == [200, 422, 503, 500]
    assert records[0]["request_id"] == ok.headers["x-request-id"] == ok.json()["request_id"]
    assert records[1]["request_id"] == "bad-1"
    assert all(r["model_version"] == "2" and r["latency_ms"] > 0 for r in records)


def test_the_factory_reads_its_configuration_from_the_environment(registry, tmp_path, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.config.tracking_uri)
    monkeypatch.setenv("MODEL_ALIAS", "challenger")
    monkeypatch.setenv("PREDICTION_LOG", str(tmp_path / "env.db"))
    app = app_from_env()
    assert app.state.model_version == "2"
    document = export_openapi(app, tmp_path / "openapi.json")
    assert json.loads((tmp_path / "openapi.json").read_text()) == document
    body = document["paths"]["/forecast"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["$ref"].endswith("/ForecastRequest")
    request = document["components"]["schemas"]["ForecastRequest"]
    assert request["additionalProperties"] is False and request["examples"] == [EXAMPLE]
    assert all("description" in field for field in request["properties"].values())
