"""Every command of `demand-forecast`, in the order the golden paths run them, in a new folder."""

import datetime as dt
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from mlflow import MlflowClient

from demand_forecast.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch, git) -> Path:
    """An empty project folder under git, as the working directory of every command."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "requirements.lock").write_text("pandas==2.2.3\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    monkeypatch.chdir(tmp_path)
    # An absolute URI: MLflow caches one store per URI, and each test has its own folder.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path / 'mlflow.db'}")
    return tmp_path


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_whole_life_of_a_model_from_the_command_line(project, capsys):
    assert run(capsys, "train").startswith("demand-forecast version 1 is the challenger\n")
    assert "accepted as 'acceptance'" in run(capsys, "gate")
    assert run(capsys, "promote") == "demand-forecast champion is version 1 (was none)\n"
    assert run(capsys, "batch-score").startswith("delivered 28 days, 140 forecasts")
    assert run(capsys, "check-delivery", "--day", "2026-01-28") == (
        "2026-01-28: complete, 5 stores\n"
    )
    assert main(["check-delivery", "--day", "2026-02-01"]) == 1
    assert "No predictions for 2026-02-01" in capsys.readouterr().out
    monitored = run(capsys, "monitor")
    assert "1 alerts; report: reports/monitoring-report.html" in monitored
    assert "ship challenger" in run(capsys, "ab-analysis", "--customers", "20000")
    too_early = run(capsys, "ab-analysis", "--customers", "1000")
    assert "keep running" in too_early and "difference" not in too_early
    assert run(capsys, "trace").startswith("demand-forecast version 1\n  run ")
    assert "Model card: demand-forecast version 1" in run(capsys, "model-card")
    assert (project / "docs" / "model-card.md").is_file()
    assert "8 columns" in run(capsys, "feature-dictionary")
    assert "1 paths" not in run(capsys, "openapi")
    assert (project / "docs" / "openapi.json").is_file()
    # A second training of the same data and code is a tie: the gate refuses it.
    run(capsys, "train")
    assert "refused, champion stays" in run(capsys, "gate")
    MlflowClient(f"sqlite:///{project / 'mlflow.db'}").set_registered_model_alias(
        "demand-forecast", "acceptance", "2"
    )
    assert "version 2 (was 1)" in run(capsys, "promote")
    assert run(capsys, "rollback", "--reason", "drill") == (
        "demand-forecast champion is version 1 again; v2 withdrawn\n"
    )


def test_an_unknown_environment_is_a_usage_error(project, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["train", "--env", "staging"])
    assert exited.value.code == 2
    assert "unknown environment 'staging'" in capsys.readouterr().err


def test_the_service_answers_over_http_until_its_request_limit(project, capsys):
    run(capsys, "train")
    run(capsys, "gate")
    run(capsys, "promote")
    port = free_port()
    argv = ["serve", "--port", str(port), "--max-requests", "2"]
    server = threading.Thread(target=main, args=(argv,), daemon=True)
    server.start()
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.1)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        assert client.get("/health").json()["model_version"] == "1"
        forecast = client.post("/forecast", json={"store_id": 1, "date": str(dt.date(2026, 1, 2)),
                               "price": 2.5, "promotion": False, "temperature": 3.0})  # fmt: skip
    assert forecast.status_code == 200
    server.join(timeout=30)
    assert not server.is_alive()
