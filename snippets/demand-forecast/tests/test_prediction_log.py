"""The prediction log keeps every input and output, across reopening."""

import pandas as pd

from demand_forecast.prediction_log import PredictionLog


def test_a_batch_is_read_back_with_its_inputs_ids_and_version(tmp_path):
    inputs = pd.DataFrame({"store_id": [1, 2], "date": ["2026-01-01", "2026-01-02"]})
    ids = PredictionLog(tmp_path / "p.db").write(inputs, [40.5, 51.0], "7", "batch")
    stored = PredictionLog(tmp_path / "p.db").read()
    assert stored["request_id"].tolist() == ids and len(set(ids)) == 2
    assert stored["prediction"].tolist() == [40.5, 51.0]
    assert stored[["store_id", "date"]].equals(inputs)
    assert set(stored["model_version"]) == {"7"} and set(stored["source"]) == {"batch"}
