"""Real-time serving: a FastAPI app that loads the model by alias and names the version it used."""

# --8<-- [start:imports]
import os

import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel, Field

from snippets.deployment.registry import load_by_alias

# --8<-- [end:imports]


# --8<-- [start:contract]
class StoreDay(BaseModel):
    """The features of one store on one day."""

    store_id: int = Field(ge=1)
    day_of_week: int = Field(ge=0, le=6, description="0 is Monday")
    month: int = Field(ge=1, le=12)
    price: float = Field(gt=0, description="euros")
    promotion: bool
    temperature: float = Field(ge=-40, le=50, description="degrees Celsius")


class PredictionRequest(BaseModel):
    """Store-days to forecast, up to a thousand per call."""

    rows: list[StoreDay] = Field(min_length=1, max_length=1000)


class PredictionResponse(BaseModel):
    """Forecast units sold, in the order of the request, and the model that made them."""

    model_name: str
    model_version: str
    predictions: list[float]


# --8<-- [end:contract]


# --8<-- [start:app]
DEFAULT_MODEL_URI = "models:/demand-forecasting@champion"


def create_app(model_uri: str = DEFAULT_MODEL_URI, tracking_uri: str | None = None) -> FastAPI:
    """Build the service around the model version that `model_uri`'s alias points at now.

    Args:
        model_uri: `models:/<name>@<alias>`; the alias is resolved once, at start-up.
        tracking_uri: the MLflow registry; `None` uses `MLFLOW_TRACKING_URI`.

    Returns:
        The app; `app.state.model_name` and `app.state.model_version` say what it serves.
    """
    resolved, model = load_by_alias(model_uri, tracking_uri)
    app = FastAPI(title="Demand forecast", version=resolved.version)
    app.state.model_name, app.state.model_version = resolved.name, resolved.version

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "model_name": resolved.name, "model_version": resolved.version}

    @app.post("/predict")
    def predict(request: PredictionRequest) -> PredictionResponse:
        rows = pd.DataFrame([row.model_dump() for row in request.rows])
        return PredictionResponse(
            model_name=resolved.name,
            model_version=resolved.version,
            predictions=[float(value) for value in model.predict(rows)],
        )

    return app


def app_from_env() -> FastAPI:
    """The app configured by `MODEL_URI` and `MLFLOW_TRACKING_URI`, for `uvicorn --factory`."""
    return create_app(os.environ.get("MODEL_URI", DEFAULT_MODEL_URI))


# --8<-- [end:app]
