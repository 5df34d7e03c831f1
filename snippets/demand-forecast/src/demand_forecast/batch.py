"""Batch scoring: one file of forecasts per day, every row stamped with the model version."""

import datetime as dt
from pathlib import Path

import pandas as pd

from demand_forecast.delivery import delivery_path
from demand_forecast.features import features
from demand_forecast.prediction_log import PredictionLog
from demand_forecast.registry import load_by_alias


def score_days(
    name: str,
    alias: str,
    tracking_uri: str,
    plan: pd.DataFrame,
    target_dir: Path,
    prediction_log: PredictionLog,
) -> list[Path]:
    """Forecast every store-day of `plan` and deliver one `predictions_<day>.csv` per day.

    Args:
        name: the registered model.
        alias: resolved once for the whole batch, so every row names the same version.
        tracking_uri: the MLflow registry.
        plan: store-days with the features known in advance and a `date` column.
        target_dir: where the downstream system reads deliveries from.
        prediction_log: where every forecast is also stored with its inputs.

    Returns:
        The delivered files: `date, store_id, prediction, model_name, model_version`.
    """
    version, model = load_by_alias(name, alias, tracking_uri)
    predicted = model.predict(features(plan))
    prediction_log.write(plan, predicted, version, "batch")
    scored = pd.DataFrame(
        {
            "date": plan["date"].dt.date,
            "store_id": plan["store_id"].to_numpy(),
            "prediction": predicted,
            "model_name": name,
            "model_version": version,
        }
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    delivered = []
    for day, rows in scored.groupby("date"):
        path = delivery_path(target_dir, day)
        # Write aside, then rename: a reader never sees half a delivery.
        partial = path.with_name(path.name + ".partial")
        rows.to_csv(partial, index=False)
        partial.replace(path)
        delivered.append(path)
    return delivered


def first_day_after(sales: pd.DataFrame) -> dt.date:
    """The first day the training history does not cover: where forecasting starts."""
    return (sales["date"].max() + pd.Timedelta(days=1)).date()
