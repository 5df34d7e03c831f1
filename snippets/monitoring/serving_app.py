"""A small real-time forecast service with request logging and a prediction log."""

# --8<-- [start:app]
import datetime as dt

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field
from sklearn.ensemble import RandomForestRegressor

from snippets.demand_forecasting.data import FEATURES, TARGET
from snippets.monitoring.prediction_log import PredictionLog
from snippets.monitoring.request_logging import add_request_logging


class ForecastRequest(BaseModel):
    """One store-day to forecast."""

    date: dt.date
    store_id: int = Field(ge=1)
    price: float = Field(gt=0)
    promotion: bool
    temperature: float


class Forecast(BaseModel):
    """The forecast and the model version that made it."""

    units_sold: float
    model_version: str
    request_id: str


def model_inputs(requests: pd.DataFrame) -> pd.DataFrame:
    """The model's features from raw request fields: calendar features come from the date."""
    dates = pd.to_datetime(requests["date"])
    return requests.assign(day_of_week=dates.dt.day_of_week, month=dates.dt.month)[FEATURES]


def train_model(sales: pd.DataFrame) -> RandomForestRegressor:
    """The running example's forecaster; a forest, so its trees' spread measures confidence."""
    model = RandomForestRegressor(n_estimators=30, min_samples_leaf=5, random_state=0)
    return model.fit(sales[FEATURES].to_numpy(dtype=float), sales[TARGET])


def create_app(
    model: RandomForestRegressor, model_version: str, prediction_log: PredictionLog
) -> FastAPI:
    """The forecast API: every request logged, every prediction stored with its inputs."""
    app = FastAPI(title="Demand forecast")
    add_request_logging(app, model_version)

    @app.post("/predict")
    def predict(body: ForecastRequest, request: Request) -> Forecast:
        raw = pd.DataFrame([body.model_dump()])
        value = float(model.predict(model_inputs(raw).to_numpy(dtype=float))[0])
        request_id = request.state.request_id
        prediction_log.write(raw, [value], model_version, request_ids=[request_id])
        return Forecast(units_sold=value, model_version=model_version, request_id=request_id)

    return app


# --8<-- [end:app]
