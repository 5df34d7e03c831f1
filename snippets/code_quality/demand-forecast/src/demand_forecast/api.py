"""Serving: the real-time forecast endpoint, with typed request and response."""

import datetime

import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel, Field
from sklearn.base import RegressorMixin

from demand_forecast.features import FEATURES, add_calendar_features


class ForecastRequest(BaseModel):
    """One store and day to forecast."""

    store_id: int = Field(ge=1)
    date: datetime.date
    price: float = Field(gt=0)
    promotion: bool
    temperature: float


class ForecastResponse(BaseModel):
    """The forecast and the model version that made it."""

    units_sold: float = Field(ge=0)
    model_version: str


def create_app(model: RegressorMixin, model_version: str) -> FastAPI:
    """Build the service around a fitted model.

    Args:
        model: a fitted model with `predict` over `FEATURES`.
        model_version: reported with every forecast, so a bad answer can be traced.

    Returns:
        The FastAPI application.
    """
    app = FastAPI(title="demand-forecast")

    @app.post("/forecast")
    def forecast(request: ForecastRequest) -> ForecastResponse:
        row = add_calendar_features(pd.DataFrame([request.model_dump()]))
        # Demand is never negative, whatever the regressor extrapolates to.
        units = max(float(model.predict(row[FEATURES])[0]), 0.0)
        return ForecastResponse(units_sold=units, model_version=model_version)

    return app
