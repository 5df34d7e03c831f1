"""Did today's batch of predictions arrive in the target system, and is it complete?"""

import datetime as dt
from pathlib import Path

import pandas as pd

from demand_forecast.alerts import Alert

REQUIRED_COLUMNS = ["date", "store_id", "prediction", "model_version"]


def delivery_path(target_dir: Path, day: dt.date) -> Path:
    """Where the scoring job delivers one day's predictions."""
    return target_dir / f"predictions_{day:%Y-%m-%d}.csv"


def check_delivery(target_dir: Path, day: dt.date, expected_stores: list[int]) -> list[Alert]:
    """Alerts when the day's predictions are missing or incomplete; no alert when all is well.

    Args:
        target_dir: The location the downstream system reads predictions from.
        day: The delivery to check, usually today's.
        expected_stores: Every store that must have a forecast.
    """
    path = delivery_path(target_dir, day)
    if not path.exists():
        return [Alert("batch_delivery", "critical", f"No predictions for {day}", {"path": path})]
    delivered = pd.read_csv(path)
    missing_columns = sorted(set(REQUIRED_COLUMNS) - set(delivered.columns))
    if missing_columns:
        details = {"path": path, "missing_columns": missing_columns}
        return [Alert("batch_delivery", "critical", f"Malformed delivery for {day}", details)]
    missing_stores = sorted(set(expected_stores) - set(delivered["store_id"]))
    empty = int(delivered[REQUIRED_COLUMNS].isna().any(axis=1).sum())
    if missing_stores or empty:
        details = {"path": path, "missing_stores": missing_stores, "empty_rows": empty}
        return [Alert("batch_delivery", "critical", f"Incomplete predictions for {day}", details)]
    return []
