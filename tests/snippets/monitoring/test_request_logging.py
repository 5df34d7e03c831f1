import json
import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from snippets.monitoring.prediction_log import PredictionLog
from snippets.monitoring.request_logging import add_request_logging
from snippets.monitoring.serving_app import create_app

BODY = {"date": "2025-03-01", "store_id": 2, "price": 2.4, "promotion": True, "temperature": 9.5}


def records(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "serving.requests"]


@pytest.fixture
def client(forest, tmp_path):
    return TestClient(create_app(forest, "7", PredictionLog(tmp_path / "log.db")))


def test_a_served_request_is_logged_with_latency_status_and_model_version(client, caplog):
    with caplog.at_level(logging.INFO, logger="serving.requests"):
        response = client.post("/predict", json=BODY)
    assert response.status_code == 200
    [record] = records(caplog)
    assert record["status_code"] == 200
    assert record["model_version"] == "7"
    assert record["method"] == "POST"
    assert record["path"] == "/predict"
    assert record["latency_ms"] > 0
    assert record["request_id"] == response.headers["x-request-id"] == response.json()["request_id"]
    assert response.headers["x-model-version"] == "7"


def test_a_rejected_request_is_logged_with_its_status_and_the_callers_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="serving.requests"):
        response = client.post(
            "/predict", json={**BODY, "price": -1}, headers={"x-request-id": "abc"}
        )
    assert response.status_code == 422
    [record] = records(caplog)
    assert record["status_code"] == 422
    assert record["request_id"] == "abc"


def test_a_crashing_handler_is_still_logged_as_500(caplog):
    app = FastAPI()
    add_request_logging(app, model_version="3")

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("model file missing")

    with caplog.at_level(logging.INFO, logger="serving.requests"):
        response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    [record] = records(caplog)
    assert record["status_code"] == 500
    assert record["model_version"] == "3"
