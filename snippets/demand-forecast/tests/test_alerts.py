import json
import logging
from pathlib import Path

from demand_forecast.alerts import Alert, emit


def test_each_alert_becomes_one_json_record_at_its_severity(caplog):
    alerts = [
        Alert("batch_delivery", "critical", "No predictions", {"path": Path("/data/x.csv")}),
        Alert("feature_drift", "warning", "Feature 'price' drifted", {"psi": 1.5}),
    ]
    with caplog.at_level(logging.WARNING, logger="monitoring.alerts"):
        emit(alerts)
    assert [r.levelno for r in caplog.records] == [logging.ERROR, logging.WARNING]
    first, second = (json.loads(r.getMessage()) for r in caplog.records)
    assert first == {
        "monitor": "batch_delivery",
        "severity": "critical",
        "message": "No predictions",
        "details": {"path": "/data/x.csv"},
    }
    assert second["details"] == {"psi": 1.5}


def test_no_alerts_send_nothing(caplog):
    with caplog.at_level(logging.DEBUG, logger="monitoring.alerts"):
        emit([])
    assert caplog.records == []
