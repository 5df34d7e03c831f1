"""The API contract: OpenAPI states the request and response types, and the app keeps to them."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sklearn.linear_model import LinearRegression

from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales
from snippets.documentation.api_contract import (
    ForecastRequest,
    ForecastResponse,
    create_app,
    export_openapi,
)

EXAMPLE = ForecastRequest.model_json_schema()["examples"][0]


@pytest.fixture(scope="module")
def app():
    sales = make_sales(days=60)
    return create_app(LinearRegression().fit(sales[FEATURES], sales[TARGET]), model_version="14")


@pytest.fixture(scope="module")
def document(app, tmp_path_factory):
    path = tmp_path_factory.mktemp("contract") / "openapi.json"
    written = export_openapi(app, path)
    assert json.loads(path.read_text()) == written
    return written


def resolve(document: dict, schema: dict) -> dict:
    """Follow a `$ref` like `#/components/schemas/ForecastRequest` to its schema."""
    name = schema["$ref"].rsplit("/", 1)[-1]
    return document["components"]["schemas"][name]


def test_the_request_body_is_a_typed_forecast_request(document):
    operation = document["paths"]["/forecast"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    request = resolve(document, schema)
    assert request["title"] == "ForecastRequest"
    assert request["additionalProperties"] is False
    assert set(request["required"]) == {"store_id", "date", "price", "promotion", "temperature"}
    fields = request["properties"]
    assert {"type": "integer", "minimum": 1, "maximum": 999}.items() <= fields["store_id"].items()
    assert (fields["date"]["type"], fields["date"]["format"]) == ("string", "date")
    assert (fields["price"]["type"], fields["price"]["exclusiveMinimum"]) == ("number", 0)
    assert fields["promotion"]["type"] == "boolean"
    assert all(field["description"] for field in fields.values())


def test_the_response_is_a_typed_forecast_and_errors_are_declared(document):
    responses = document["paths"]["/forecast"]["post"]["responses"]
    response = resolve(document, responses["200"]["content"]["application/json"]["schema"])
    assert response["title"] == "ForecastResponse"
    assert response["properties"]["units_sold"]["type"] == "number"
    assert response["properties"]["model_version"]["type"] == "string"
    assert "422" in responses


def test_the_documented_example_is_answered_as_documented(app):
    reply = TestClient(app).post("/forecast", json=EXAMPLE)
    assert reply.status_code == 200
    forecast = ForecastResponse.model_validate(reply.json())
    assert forecast.model_version == "14"
    assert forecast.units_sold > 0


@pytest.mark.parametrize(
    "change", [{"price": 0}, {"store_id": "two"}, {"date": "2025-13-01"}, {"discount": 0.1}]
)
def test_a_request_outside_the_contract_is_refused(app, change):
    assert TestClient(app).post("/forecast", json={**EXAMPLE, **change}).status_code == 422


def test_the_export_is_stable(app, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    export_openapi(app, first)
    export_openapi(app, second)
    assert first.read_text() == second.read_text()
