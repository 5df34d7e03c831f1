import runpy
import sys

import mlflow
import pandera.errors
import pytest
from mlflow import MlflowClient

from snippets.training.config import load_config
from snippets.training.pipeline import CHALLENGER, QualityBarError, load_sales, run_training

NAME = "demand-forecasting"


@pytest.fixture(scope="module")
def tracking_uri(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('mlflow') / 'mlflow.db'}"


@pytest.fixture(scope="module")
def first_run(tracking_uri, tmp_path_factory, request):
    """The entry point exactly as the scheduled job calls it, run from an empty directory."""
    workdir = tmp_path_factory.mktemp("job")
    monkeypatch = pytest.MonkeyPatch()
    request.addfinalizer(monkeypatch.undo)
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", tracking_uri)
    monkeypatch.setattr(sys, "argv", ["pipeline", "--env", "dev"])
    namespace = runpy.run_module("snippets.training.pipeline", run_name="__main__")
    return namespace, workdir


def config(tracking_uri, tmp_path, **overrides):
    return load_config(
        "dev",
        tracking_uri=tracking_uri,
        artifact_location=(tmp_path / "artifacts").as_uri(),
        **overrides,
    )


def test_the_entry_point_registers_the_challenger(first_run, tracking_uri, capsys):
    client = MlflowClient(tracking_uri)
    version = client.get_model_version_by_alias(NAME, CHALLENGER)
    assert str(version.version) == "1"
    run = client.get_run(version.run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params["environment"] == "dev"
    assert run.data.params["n_estimators"] == str(load_config("dev").n_estimators)
    assert run.data.metrics["r2"] >= load_config("dev").min_r2
    assert len(run.data.tags["data.version"]) == 64
    assert "env.python" in run.data.tags


def test_the_entry_point_writes_artifacts_where_the_job_runs(first_run):
    _, workdir = first_run
    assert any((workdir / "mlruns").rglob("MLmodel"))


def test_the_registered_model_predicts_from_its_signature(first_run, tracking_uri):
    mlflow.set_tracking_uri(tracking_uri)
    model = mlflow.pyfunc.load_model(f"models:/{NAME}@{CHALLENGER}")
    inputs = model.metadata.get_input_schema().input_names()
    assert inputs == ["store_id", "day_of_week", "month", "price", "promotion", "temperature"]


def test_same_config_and_data_give_the_same_metrics(first_run, tracking_uri, tmp_path):
    settings = config(tracking_uri, tmp_path)
    second = run_training(settings, load_sales(settings))
    first = MlflowClient(tracking_uri).get_run(
        MlflowClient(tracking_uri).get_model_version(NAME, "1").run_id
    )
    assert second.metrics == pytest.approx(first.data.metrics)
    assert second.model_version == "2"
    challenger = MlflowClient(tracking_uri).get_model_version_by_alias(NAME, CHALLENGER)
    assert str(challenger.version) == "2"


def test_a_model_below_the_quality_bar_is_logged_failed_and_not_registered(
    first_run, tracking_uri, tmp_path
):
    client = MlflowClient(tracking_uri)
    before = len(client.search_model_versions(f"name='{NAME}'"))
    settings = config(tracking_uri, tmp_path, min_r2=0.99)
    with pytest.raises(QualityBarError, match=r"min_r2 0\.99"):
        run_training(settings, load_sales(settings))
    assert len(client.search_model_versions(f"name='{NAME}'")) == before
    last = client.search_runs(
        [client.get_experiment_by_name(settings.experiment).experiment_id],
        order_by=["attributes.start_time DESC"],
        max_results=1,
    )[0]
    assert last.info.status == "FAILED"
    assert last.data.metrics["r2"] < 0.99


def test_invalid_data_stop_the_pipeline_before_training(first_run, tracking_uri, tmp_path):
    client = MlflowClient(tracking_uri)
    runs_before = len(client.search_runs([client.get_experiment_by_name(NAME).experiment_id]))
    settings = config(tracking_uri, tmp_path)
    sales = load_sales(settings)
    sales.loc[0, "units_sold"] = -5
    with pytest.raises(pandera.errors.SchemaErrors, match="units_sold"):
        run_training(settings, sales)
    runs_after = len(client.search_runs([client.get_experiment_by_name(NAME).experiment_id]))
    assert runs_after == runs_before


def test_an_unknown_environment_exits_with_a_usage_error(first_run, capsys, monkeypatch):
    namespace, _ = first_run
    monkeypatch.delenv("MLFLOW_TRACKING_URI")
    with pytest.raises(SystemExit) as exit_:
        namespace["main"](["--env", "staging"])
    assert exit_.value.code == 2
    assert "unknown environment 'staging'" in capsys.readouterr().err
