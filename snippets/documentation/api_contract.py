"""The real-time API's contract: typed request and response models, published as OpenAPI JSON."""

# --8<-- [start:imports]
import datetime
import json
from pathlib import Path

import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field
from sklearn.base import RegressorMixin

from snippets.demand_forecasting.data import FEATURES

# --8<-- [end:imports]


# --8<-- [start:models]
class ForecastRequest(BaseModel):
    """One store and day to forecast, with the conditions expected on that day."""

    # A misspelt field is an error, not a silently ignored input.
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "store_id": 2,
                    "date": "2025-06-07",
                    "price": 2.4,
                    "promotion": True,
                    "temperature": 21.5,
                }
            ]
        },
    )

    store_id: int = Field(ge=1, le=999, description="Store number from the store master data.")
    date: datetime.date = Field(description="Day to forecast, in the store's local time.")
    price: float = Field(gt=0, description="Planned shelf price per unit, in euros.")
    promotion: bool = Field(description="True when the product is on promotion that day.")
    temperature: float = Field(ge=-40, le=50, description="Forecast daily mean temperature, °C.")


class ForecastResponse(BaseModel):
    """The forecast, and which model version made it."""

    units_sold: float = Field(ge=0, description="Expected units sold that day.")
    model_version: str = Field(description="Registered model version that answered.")


# --8<-- [end:models]


# --8<-- [start:app]
def create_app(model: RegressorMixin, model_version: str) -> FastAPI:
    """The forecast service around a fitted model.

    Args:
        model: fitted on the running example's `FEATURES`.
        model_version: reported in every response.

    Returns:
        The FastAPI application; its OpenAPI document is the published contract.
    """
    app = FastAPI(title="Demand forecast", version="1.2.0")

    @app.post("/forecast", summary="Forecast the units one store sells on one day")
    def forecast(request: ForecastRequest) -> ForecastResponse:
        calendar = {"day_of_week": request.date.weekday(), "month": request.date.month}
        row = pd.DataFrame([{**request.model_dump(), **calendar}])
        units = max(float(model.predict(row[FEATURES])[0]), 0.0)
        return ForecastResponse(units_sold=units, model_version=model_version)

    return app


def export_openapi(app: FastAPI, path: Path) -> dict:
    """Write the app's OpenAPI document as JSON, byte for byte the same from run to run.

    Commit the file, or publish it with each release, so consumers review contract changes.

    Args:
        app: the service whose contract to export.
        path: the file to write, such as `docs/openapi.json`.

    Returns:
        The OpenAPI document as a dictionary.
    """
    document = app.openapi()
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    return document


# --8<-- [end:app]
