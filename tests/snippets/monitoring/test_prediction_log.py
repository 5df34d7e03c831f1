import pandas as pd

from snippets.demand_forecasting.data import make_sales
from snippets.monitoring.prediction_log import PredictionLog


def test_a_batch_is_stored_and_read_back_with_its_inputs(tmp_path):
    batch = make_sales(days=2, stores=3)[["date", "store_id", "price"]]
    log = PredictionLog(tmp_path / "predictions.db")
    ids = log.write(batch, [10.0, 11.0, 12.0, 13.0, 14.0, 15.0], model_version="2")
    stored = log.read()
    assert stored["request_id"].tolist() == ids
    assert len(set(ids)) == 6
    assert stored["prediction"].tolist() == [10.0, 11.0, 12.0, 13.0, 14.0, 15.0]
    assert stored["store_id"].tolist() == batch["store_id"].tolist()
    assert pd.to_datetime(stored["date"]).dt.date.tolist() == batch["date"].dt.date.tolist()
    assert set(stored["model_version"]) == {"2"}


def test_the_log_survives_reopening_and_keeps_appending(tmp_path):
    batch = pd.DataFrame({"store_id": [1]})
    PredictionLog(tmp_path / "p.db").write(batch, [1.0], "1", request_ids=["first"])
    PredictionLog(tmp_path / "p.db").write(batch, [2.0], "2", request_ids=["second"])
    stored = PredictionLog(tmp_path / "p.db").read()
    assert stored["request_id"].tolist() == ["first", "second"]
    assert stored["model_version"].tolist() == ["1", "2"]
