import hashlib
import os
import runpy
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import mlflow
import pytest
from mlflow import MlflowClient

from snippets.demand_forecasting.data import FEATURES, make_sales
from snippets.traceability.lineage import data_version
from snippets.traceability.track_training_run import log_training_run
from snippets.traceability.train_forecaster import train_forecaster

from .conftest import MODEL, PRICE_SHIFTS, make_project

REPO = Path(__file__).resolve().parents[3]


def test_the_run_holds_parameters_metrics_and_lineage(two_versions, tracking):
    run = MlflowClient().get_run(two_versions.first.run_id)
    sales = make_sales(days=90, price_shift=PRICE_SHIFTS[0])
    _, metrics, params = train_forecaster(sales)
    assert run.data.params == {key: str(value) for key, value in params.items()}
    assert run.data.metrics == pytest.approx(metrics)
    tags = run.data.tags
    assert tags["git.commit"] == two_versions.project.commit
    assert tags["git.branch"] == "main"
    assert tags["data.version"] == data_version(sales)
    lock = two_versions.project.lock_file.read_bytes()
    assert tags["env.lock_sha256"] == hashlib.sha256(lock).hexdigest()
    assert tags["env.python"] == sys.version.split()[0]


def test_the_data_version_is_also_the_runs_dataset_input(two_versions, tracking):
    run = MlflowClient().get_run(two_versions.first.run_id)
    (logged,) = run.inputs.dataset_inputs
    assert logged.dataset.name == "sales"
    assert run.data.tags["data.version"].startswith(logged.dataset.digest)
    assert [tag.value for tag in logged.tags] == ["training"]


def test_the_model_has_a_signature_an_input_example_and_a_version(two_versions, tracking):
    info = mlflow.models.get_model_info(two_versions.first.model_uri)
    assert info.signature.inputs.input_names() == FEATURES
    assert info.saved_input_example_info is not None
    assert (two_versions.first.model_version, two_versions.second.model_version) == ("1", "2")
    assert MlflowClient().get_model_version(MODEL, "1").run_id == two_versions.first.run_id


def test_without_a_model_name_nothing_is_registered(tracking, tmp_path, monkeypatch):
    monkeypatch.delenv("MLFLOW_EXPERIMENT_ID", raising=False)
    project = make_project(tmp_path / "repo")
    run = log_training_run(
        make_sales(days=60),
        experiment="unregistered",
        model_name=None,
        artifact_location=tracking,
        lock_file=project.lock_file,
        repo_dir=project.root,
    )
    assert run.model_version is None
    # The caller's active experiment is left alone (no MLFLOW_EXPERIMENT_ID leaks to later runs).
    assert "MLFLOW_EXPERIMENT_ID" not in os.environ
    assert MlflowClient().get_run(run.run_id).data.tags["git.commit"] == project.commit


def head_commit() -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mlflow_server(tmp_path) -> Iterator[str]:
    """A real `mlflow server` with a SQLite backend and proxied artifacts, stopped afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "mlflow"),
            "server",
            "--host", "127.0.0.1",
            "--port", str(port),
            "--workers", "1",
            "--backend-store-uri", f"sqlite:///{tmp_path}/server.db",
            "--artifacts-destination", str(tmp_path / "artifacts"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, "mlflow server exited before it served"
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "mlflow server did not answer /health"
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.slow
def test_the_same_code_logs_to_a_team_server_over_http(
    mlflow_server, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", mlflow_server)
    monkeypatch.chdir(REPO)
    if mlflow.get_tracking_uri() != mlflow_server:
        mlflow.set_tracking_uri(mlflow_server)
    # Other commits may land while the snippet runs; the run must carry one of the two.
    commits = {head_commit()}
    runpy.run_path(str(REPO / "snippets/traceability/track_training_run.py"), run_name="__main__")
    commits.add(head_commit())
    printed = capsys.readouterr().out
    client = MlflowClient(mlflow_server)
    (version,) = client.search_model_versions(f"name = '{MODEL}'")
    assert version.run_id in printed
    tags = client.get_run(version.run_id).data.tags
    assert tags["git.commit"] in commits
    lock = (REPO / "requirements.lock").read_bytes()
    assert tags["env.lock_sha256"] == hashlib.sha256(lock).hexdigest()
    # The model's files went through the server to its artifact store, not to a local mlruns/.
    assert mlflow.artifacts.list_artifacts(artifact_uri=version.source)
    assert len(list((tmp_path / "artifacts").rglob("MLmodel"))) == 1
