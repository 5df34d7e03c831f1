"""The training pipeline on a real MLflow registry: what a registered version carries."""

import mlflow
import pandera.errors
import pytest

from demand_forecast.data import load_sales
from demand_forecast.features import FEATURES
from demand_forecast.pipeline import QualityBarError, run_training


def test_a_run_registers_the_challenger_with_its_metrics_and_lineage(registry):
    client, result = registry.client, registry.strong
    version = client.get_model_version_by_alias("demand-forecast", "challenger")
    assert str(version.version) == result.model_version == "2" and version.run_id == result.run_id
    run = client.get_run(result.run_id)
    assert run.data.metrics == pytest.approx(result.metrics)
    assert result.metrics["mae"] < result.metrics["baseline_mae"]
    assert run.data.params["n_estimators"] == "50"
    tags = run.data.tags
    assert tags["git.commit"] == result.tags["git.commit"] and tags["git.branch"] == "main"
    assert len(tags["data.version"]) == 64 and tags["env.lock_file"] == "requirements.lock"
    contexts = {i.tags[0].value for i in run.inputs.dataset_inputs}
    assert contexts == {"training", "evaluation"}


def test_the_model_signature_has_the_six_features(registry, tracking):
    info = mlflow.models.get_model_info(f"models:/demand-forecast/{registry.strong.model_version}")
    assert [column.name for column in info.signature.inputs.inputs] == FEATURES


def test_a_model_under_the_quality_bar_is_logged_as_failed_and_not_registered(registry):
    config = registry.config.model_copy(update={"min_r2": 0.99})
    before = len(registry.client.search_model_versions("name='demand-forecast'"))
    with pytest.raises(QualityBarError, match=r"min_r2 0\.99"):
        run_training(config, load_sales(config.days, config.seed), repo_dir=registry.repo)
    assert len(registry.client.search_model_versions("name='demand-forecast'")) == before
    failed = mlflow.search_runs(
        experiment_names=["demand-forecast"], filter_string="attributes.status = 'FAILED'"
    )
    assert len(failed) >= 1


def test_broken_data_stop_the_pipeline_before_any_run(registry):
    sales = load_sales(registry.config.days, registry.config.seed)
    sales.loc[0, "units_sold"] = -1
    runs_before = len(mlflow.search_runs(experiment_names=["demand-forecast"]))
    with pytest.raises(pandera.errors.SchemaErrors):
        run_training(registry.config, sales)
    assert len(mlflow.search_runs(experiment_names=["demand-forecast"])) == runs_before
