"""Batch scoring: one file of predictions per day, each row stamped with the model version."""

# --8<-- [start:imports]
import datetime as dt
from pathlib import Path

import pandas as pd

from snippets.deployment.registry import load_by_alias
from snippets.notebook_to_package.forecasting import features

# --8<-- [end:imports]


# --8<-- [start:score]
def score_day(
    model_uri: str,
    plan: pd.DataFrame,
    day: dt.date,
    target_dir: Path,
    tracking_uri: str | None = None,
) -> Path:
    """Forecast every store for `day` and deliver the predictions as `predictions_<day>.csv`.

    Args:
        model_uri: `models:/<name>@<alias>`, resolved once for the whole batch.
        plan: store-days with the model's features known in advance (prices, promotions,
            the weather forecast) and a `date` column.
        day: the day to forecast; rows of other days are ignored.
        target_dir: where the downstream system reads deliveries from.
        tracking_uri: the MLflow registry; `None` uses `MLFLOW_TRACKING_URI`.

    Returns:
        The delivered file: `date, store_id, prediction, model_name, model_version`.

    Raises:
        ValueError: `plan` has no row for `day`.
    """
    rows = plan[plan["date"].dt.date == day]
    if rows.empty:
        raise ValueError(f"the plan has no store for {day}")
    resolved, model = load_by_alias(model_uri, tracking_uri)
    predictions = pd.DataFrame(
        {
            "date": day.isoformat(),
            "store_id": rows["store_id"].to_numpy(),
            "prediction": model.predict(features(rows)),
            "model_name": resolved.name,
            "model_version": resolved.version,
        }
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"predictions_{day:%Y-%m-%d}.csv"
    # Write aside, then rename: a reader never sees half a delivery.
    partial = path.with_name(path.name + ".partial")
    predictions.to_csv(partial, index=False)
    partial.replace(path)
    return path


# --8<-- [end:score]
