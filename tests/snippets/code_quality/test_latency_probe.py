"""The latency probe measures the real forecast API, in-process and over HTTP on 127.0.0.1."""

from __future__ import annotations

import runpy
import socket
import sys
import threading
import time
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest
import uvicorn
from fastapi.testclient import TestClient


@pytest.fixture
def app(project_package):
    """The example project's service around a model fitted on a small extract."""
    features = project_package("demand_forecast.features")
    train = project_package("demand_forecast.train")
    api = project_package("demand_forecast.api")
    rng = np.random.default_rng(1)
    sales = pd.DataFrame(
        {
            "date": pd.date_range("2025-03-01", periods=60).repeat(2),
            "store_id": [1, 2] * 60,
            "price": rng.normal(2.5, 0.3, 120).round(2),
            "promotion": rng.random(120) < 0.2,
            "temperature": rng.normal(15, 5, 120).round(1),
            "units_sold": rng.poisson(50, 120),
        }
    )
    model = train.train_model(features.add_calendar_features(features.clean_sales(sales)))
    return api.create_app(model, model_version="3")


@pytest.fixture
def probe_module(project_package):
    return project_package("loadtest/latency_probe.py")


def test_the_probe_reports_percentiles_of_every_request(app, probe_module):
    report = probe_module.probe(TestClient(app), requests=20)
    assert report.requests == 20
    assert report.errors == 0
    assert 0 < report.p50_ms <= report.p95_ms <= report.p99_ms


def test_the_budget_fails_on_errors_or_a_slow_p95(probe_module):
    report = probe_module.LatencyReport(requests=10, errors=0, p50_ms=5, p95_ms=40, p99_ms=90)
    assert report.within(budget_ms=50)
    assert not report.within(budget_ms=30)
    failed = probe_module.LatencyReport(requests=10, errors=1, p50_ms=5, p95_ms=40, p99_ms=90)
    assert not failed.within(budget_ms=50)


def test_a_request_the_api_rejects_counts_as_an_error(app, probe_module):
    report = probe_module.probe(TestClient(app), requests=4, path="/no-such-endpoint")
    assert report.errors == 4


@pytest.fixture
def server_url(app) -> Iterator[str]:
    """Serve the app with uvicorn on a free port of 127.0.0.1 until the test ends."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("budget, exit_code", [("60000", 0), ("0", 1)])
def test_the_command_line_exits_by_the_budget(
    project, server_url, monkeypatch, capsys, budget, exit_code
):
    # Run the file as a script, the way CI would, against a real server on loopback.
    argv = ["latency_probe.py", server_url, "--requests", "10", "--concurrency", "2"]
    monkeypatch.setattr(sys, "argv", [*argv, "--budget-ms", budget])
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(project / "loadtest" / "latency_probe.py"), run_name="__main__")
    assert exited.value.code == exit_code
    assert "LatencyReport(requests=10, errors=0" in capsys.readouterr().out
