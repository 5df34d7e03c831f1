"""Real-time serving: the forecast API, its typed contract, request logs and stored predictions."""

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field

from demand_forecast import __version__
from demand_forecast.config import load_config
from demand_forecast.features import add_calendar, features
from demand_forecast.prediction_log import PredictionLog
from demand_forecast.registry import CHAMPION, load_by_alias
from demand_forecast.request_logging import add_request_logging

EXAMPLE = {"store_id": 2, "date": "2026-01-10", "price": 2.4, "promotion": True,
           "temperature": 4.5}  # fmt: skip


class ForecastRequest(BaseModel):
    """One store and day to forecast, with the conditions expected on that day."""

    # A misspelt field is an error, not a silently ignored input.
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    store_id: int = Field(ge=1, le=999, description="Store number from the store master data.")
    date: dt.date = Field(description="Day to forecast, in the store's local time.")
    price: float = Field(gt=0, description="Planned shelf price per unit, in euros.")
    promotion: bool = Field(description="True when the product is on promotion that day.")
    temperature: float = Field(ge=-40, le=50, description="Forecast daily mean temperature, °C.")


class ForecastResponse(BaseModel):
    """The forecast, and which model version made it."""

    units_sold: float = Field(ge=0, description="Expected units sold that day.")
    model_name: str = Field(description="Registered model that answered.")
    model_version: str = Field(description="Registered model version that answered.")
    request_id: str = Field(description="Key of this forecast in the request and prediction logs.")


def create_app(name: str, alias: str, tracking_uri: str, prediction_log: PredictionLog) -> FastAPI:
    """Build the service around the version that `models:/<name>@<alias>` points at now.

    Args:
        name: the registered model.
        alias: resolved once, at start-up; restart the service after the alias moves.
        tracking_uri: the MLflow registry.
        prediction_log: where every forecast is stored with its inputs.

    Returns:
        The app; `app.state.model_version` says which version it serves.
    """
    version, model = load_by_alias(name, alias, tracking_uri)
    app = FastAPI(title="demand-forecast", version=__version__)
    app.state.model_version = version
    add_request_logging(app, version)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "model_name": name, "model_version": version}

    @app.post("/forecast", summary="Forecast the units one store sells on one day")
    def forecast(body: ForecastRequest, request: Request) -> ForecastResponse:
        raw = pd.DataFrame([body.model_dump()])
        # Demand is never negative, whatever the regressor extrapolates to.
        units = max(float(model.predict(features(add_calendar(raw)))[0]), 0.0)
        request_id = request.state.request_id
        prediction_log.write(raw, [units], version, "api", request_ids=[request_id])
        return ForecastResponse(
            units_sold=units, model_name=name, model_version=version, request_id=request_id
        )

    return app


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory`, configured by environment variables.

    `ENVIRONMENT` (default `dev`) picks the table of `config.toml`, `MODEL_ALIAS` (default
    `champion`) the alias, and `PREDICTION_LOG` (default `predictions.db`) the log file.
    """
    config = load_config(os.environ.get("ENVIRONMENT", "dev"))
    log = PredictionLog(Path(os.environ.get("PREDICTION_LOG", "predictions.db")))
    alias = os.environ.get("MODEL_ALIAS", CHAMPION)
    return create_app(config.model_name, alias, config.tracking_uri, log)


def export_openapi(app: FastAPI, path: Path) -> dict:
    """Write the app's OpenAPI document as JSON, byte for byte the same from run to run.

    Args:
        app: the service whose contract to export.
        path: the file to write, such as `docs/openapi.json`.

    Returns:
        The OpenAPI document as a dictionary.
    """
    document = app.openapi()
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return document
