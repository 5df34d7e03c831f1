"""Every prediction stored with its inputs and model version, in one append-only table."""

import json
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

SCHEMA = """
CREATE TABLE IF NOT EXISTS predictions (
    request_id    TEXT NOT NULL,
    logged_at     TEXT NOT NULL,
    source        TEXT NOT NULL,  -- 'api' or 'batch'
    model_version TEXT NOT NULL,
    inputs        TEXT NOT NULL,  -- the request as JSON, exactly as the model saw it
    prediction    REAL NOT NULL
)
"""


class PredictionLog:
    """Append-only store of predictions; SQLite here, the same columns in a warehouse table."""

    def __init__(self, path: str | Path) -> None:
        """Open (or create) the log at `path`."""
        self.path = str(path)
        with sqlite3.connect(self.path) as db:
            db.execute(SCHEMA)

    def write(
        self,
        inputs: pd.DataFrame,
        predictions: Sequence[float],
        model_version: str,
        source: str,
        request_ids: Sequence[str] | None = None,
    ) -> list[str]:
        """Store one row per prediction and return the request IDs they were stored under.

        Args:
            inputs: What the model was given, one row per prediction (raw request fields).
            predictions: The model's outputs, in the same order.
            model_version: The registered version that produced them.
            source: Who asked: `api` for a request, `batch` for a scoring job.
            request_ids: IDs that tie a row to its request log; new UUIDs when omitted.
        """
        ids = list(request_ids) if request_ids else [uuid.uuid4().hex for _ in predictions]
        now = datetime.now(UTC).isoformat()
        records = inputs.to_json(orient="records", date_format="iso", lines=True).splitlines()
        rows = [
            (request_id, now, source, model_version, record, float(prediction))
            for request_id, record, prediction in zip(ids, records, predictions, strict=True)
        ]
        with sqlite3.connect(self.path) as db:
            db.executemany("INSERT INTO predictions VALUES (?, ?, ?, ?, ?, ?)", rows)
        return ids

    def read(self) -> pd.DataFrame:
        """All stored predictions, inputs expanded back into columns."""
        with sqlite3.connect(self.path) as db:
            log = pd.read_sql_query("SELECT * FROM predictions ORDER BY rowid", db)
        inputs = pd.DataFrame([json.loads(record) for record in log.pop("inputs")])
        return pd.concat([log, inputs], axis=1)
