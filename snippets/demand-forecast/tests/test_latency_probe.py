"""The latency probe measures the real forecast API, in-process and over HTTP on 127.0.0.1."""

import runpy
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from demand_forecast.cli import main as demand_forecast
from demand_forecast.prediction_log import PredictionLog
from demand_forecast.serve import create_app

PROBE = Path(__file__).parents[1] / "loadtest" / "latency_probe.py"


@pytest.fixture(scope="module")
def probe_module():
    return runpy.run_path(str(PROBE))


@pytest.fixture
def app(registry, tmp_path):
    log = PredictionLog(tmp_path / "p.db")
    return create_app("demand-forecast", "challenger", registry.config.tracking_uri, log)


def test_the_probe_reports_percentiles_of_every_request(app, probe_module):
    report = probe_module["probe"](TestClient(app), requests=20)
    assert report.requests == 20 and report.errors == 0
    assert 0 < report.p50_ms <= report.p95_ms <= report.p99_ms


def test_the_budget_fails_on_errors_or_a_slow_p95(probe_module):
    report = probe_module["LatencyReport"](requests=10, errors=0, p50_ms=5, p95_ms=40, p99_ms=90)
    assert report.within(budget_ms=50) and not report.within(budget_ms=30)
    failed = probe_module["LatencyReport"](requests=10, errors=1, p50_ms=5, p95_ms=40, p99_ms=90)
    assert not failed.within(budget_ms=50)


def test_a_request_the_api_rejects_counts_as_an_error(app, probe_module):
    assert probe_module["probe"](TestClient(app), requests=4, path="/nowhere").errors == 4


@pytest.mark.parametrize("budget, exit_code", [("60000", 0), ("0", 1)])
def test_the_script_exits_by_the_budget_against_the_running_service(
    registry, tmp_path, monkeypatch, capsys, budget, exit_code
):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.config.tracking_uri)
    monkeypatch.chdir(tmp_path)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The service stops by itself after the probe's ten requests.
    argv = ["serve", "--alias", "challenger", "--port", str(port), "--max-requests", "10"]
    server = threading.Thread(target=demand_forecast, args=(argv,), daemon=True)
    server.start()
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.1)
    url = f"http://127.0.0.1:{port}"
    argv = [str(PROBE), url, "--requests", "10", "--concurrency", "2", "--budget-ms", budget]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(PROBE), run_name="__main__")
    assert exited.value.code == exit_code
    assert "LatencyReport(requests=10, errors=0" in capsys.readouterr().out
    server.join(timeout=30)
    assert not server.is_alive()
