import mlflow
import pytest
from fastapi.testclient import TestClient

from snippets.demand_forecasting.data import make_sales
from snippets.deployment.serve import DEFAULT_MODEL_URI, app_from_env, create_app
from snippets.notebook_to_package.forecasting import features


@pytest.fixture(scope="module")
def client(champion_registry) -> TestClient:
    return TestClient(create_app(DEFAULT_MODEL_URI, champion_registry.tracking_uri))


def rows(days: int = 2) -> list[dict]:
    return features(make_sales(days=days, start="2026-03-01")).to_dict(orient="records")


def test_predictions_come_from_the_champion_version_not_the_latest(client):
    response = client.post("/predict", json={"rows": rows()})
    assert response.status_code == 200
    body = response.json()
    assert body["model_name"] == "demand-forecasting"
    assert body["model_version"] == "1"
    assert len(body["predictions"]) == 10
    assert all(value > 0 for value in body["predictions"])


def test_predictions_match_the_registered_model(client, champion_registry):
    model = mlflow.pyfunc.load_model("models:/demand-forecasting/1")
    expected = model.predict(features(make_sales(days=2, start="2026-03-01")))
    assert client.post("/predict", json={"rows": rows()}).json()["predictions"] == pytest.approx(
        list(expected)
    )


def test_another_alias_serves_another_version(champion_registry):
    challenger = create_app("models:/demand-forecasting@challenger", champion_registry.tracking_uri)
    response = TestClient(challenger).post("/predict", json={"rows": rows(1)})
    assert response.json()["model_version"] == "2"
    assert challenger.state.model_version == "2"


def test_health_names_the_served_version(client):
    assert client.get("/health").json() == {
        "status": "ok",
        "model_name": "demand-forecasting",
        "model_version": "1",
    }


@pytest.mark.parametrize(
    "payload",
    [
        {"rows": []},
        {"rows": [{**rows(1)[0], "day_of_week": 7}]},
        {"rows": [{**rows(1)[0], "price": -1}]},
        {"rows": [{key: value for key, value in rows(1)[0].items() if key != "promotion"}]},
    ],
)
def test_invalid_requests_are_rejected_with_422(client, payload):
    assert client.post("/predict", json=payload).status_code == 422


def test_the_factory_reads_the_environment(champion_registry, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", champion_registry.tracking_uri)
    monkeypatch.setenv("MODEL_URI", "models:/demand-forecasting@challenger")
    assert app_from_env().state.model_version == "2"
