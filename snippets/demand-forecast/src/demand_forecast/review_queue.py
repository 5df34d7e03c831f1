"""Outliers and low-confidence forecasts go to a queue where a person decides."""

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor


def tree_spread(model: RandomForestRegressor, features: pd.DataFrame) -> np.ndarray:
    """Disagreement between the forest's trees per row: a wide spread is a shaky forecast."""
    values = features.to_numpy(dtype=float)
    return np.stack([tree.predict(values) for tree in model.estimators_]).std(axis=0)


@dataclass(frozen=True)
class ReviewRules:
    """What counts as out of the model's depth, learnt from the training data."""

    low: pd.Series
    """Per feature, the lowest value seen in training that is still plausible."""
    high: pd.Series
    """Per feature, the highest such value."""
    max_spread: float
    """Tree spread above which a forecast is too uncertain to act on unseen."""

    @classmethod
    def fit(
        cls, model: RandomForestRegressor, training: pd.DataFrame, features: list[str]
    ) -> "ReviewRules":
        """Plausible: within training's 0.1-99.9 % quantiles; uncertain: its top 1 % of spreads."""
        values = training[features].astype(float)
        spread = tree_spread(model, values)
        return cls(
            low=values.quantile(0.001),
            high=values.quantile(0.999),
            max_spread=float(np.quantile(spread, 0.99)),
        )

    def reasons(self, features: pd.DataFrame, spread: np.ndarray) -> pd.Series:
        """Why each row needs a person ("" when it does not), e.g. "outlier: price"."""
        values = features.astype(float)
        outside = (values < self.low[values.columns]) | (values > self.high[values.columns])
        outliers = outside.apply(lambda row: ", ".join(row.index[row]), axis=1)
        why = np.where(outliers != "", "outlier: " + outliers, "")
        uncertain = np.where(spread > self.max_spread, "low confidence", "")
        joined = [", ".join(filter(None, pair)) for pair in zip(why, uncertain, strict=True)]
        return pd.Series(joined, index=features.index, dtype=str)


class ReviewQueue:
    """Forecasts waiting for a person; a ticket system or a table in the warehouse works too."""

    def __init__(self, path: str | Path) -> None:
        """Open (or create) the queue at `path`."""
        self.path = str(path)
        with sqlite3.connect(self.path) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS review_queue (queued_at TEXT, reason TEXT,"
                " inputs TEXT, prediction REAL, status TEXT DEFAULT 'open')"
            )

    def route(self, inputs: pd.DataFrame, predictions: np.ndarray, reasons: pd.Series) -> int:
        """Queue every row that has a reason; return how many were queued."""
        flagged = (reasons != "").to_numpy()
        if not flagged.any():
            return 0
        now = datetime.now(UTC).isoformat()
        records = inputs[flagged].to_json(orient="records", date_format="iso", lines=True)
        rows = [
            (now, reason, record, float(prediction))
            for reason, record, prediction in zip(
                reasons[flagged], records.splitlines(), predictions[flagged], strict=True
            )
        ]
        with sqlite3.connect(self.path) as db:
            db.executemany(
                "INSERT INTO review_queue (queued_at, reason, inputs, prediction)"
                " VALUES (?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def open_items(self) -> pd.DataFrame:
        """What still waits for a decision, oldest first, inputs expanded into columns."""
        with sqlite3.connect(self.path) as db:
            items = pd.read_sql_query(
                "SELECT reason, inputs, prediction FROM review_queue"
                " WHERE status = 'open' ORDER BY rowid",
                db,
            )
        inputs = pd.DataFrame([json.loads(record) for record in items.pop("inputs")])
        return pd.concat([items, inputs], axis=1)
