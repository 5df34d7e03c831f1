"""The model card is rendered from a real tracked run and registered version, with real values."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import mlflow
import pytest
from mlflow.tracking import MlflowClient
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error

from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales
from snippets.documentation.model_card import (
    SECTIONS,
    CardText,
    log_datasets,
    publish_model_card,
    render_model_card,
)

MODEL = "demand-forecast"
COMMIT = "3f2c1e9d0b7a4c5e8f6a1b2c3d4e5f6a7b8c9d0e"
TEXT = CardText(
    intended_use="Suggests daily order quantities to store managers; not for staff planning.",
    factors="Error is reported per store; promotion days are the hardest.",
    ethical_considerations="No personal data; a wrong forecast wastes food or empties shelves.",
    caveats="Retrain when a store opens or its range changes.",
)


@dataclass(frozen=True)
class Tracked:
    """One tracked training run and the version registered from it."""

    client: MlflowClient
    run_id: str
    metrics: dict[str, float]
    rows: tuple[int, int]


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> Tracked:
    """Train, track and register one model in a SQLite MLflow store, then alias it champion."""
    base = tmp_path_factory.mktemp("mlflow")
    uri = f"sqlite:///{base}/mlflow.db"
    sales = make_sales(days=90)
    train, evaluation = sales.iloc[:360], sales.iloc[360:]
    model = LinearRegression().fit(train[FEATURES], train[TARGET])
    baseline = DummyRegressor().fit(train[FEATURES], train[TARGET])
    metrics = {
        "mae": mean_absolute_error(evaluation[TARGET], model.predict(evaluation[FEATURES])),
        "baseline_mae": mean_absolute_error(
            evaluation[TARGET], baseline.predict(evaluation[FEATURES])
        ),
    }
    # set_tracking_uri also sets MLFLOW_TRACKING_URI, which is what the next tests read.
    previous = os.environ.get("MLFLOW_TRACKING_URI")
    mlflow.set_tracking_uri(uri)
    try:
        experiment = mlflow.create_experiment("model-card", artifact_location=str(base / "art"))
        with mlflow.start_run(experiment_id=experiment, tags={"mlflow.source.git.commit": COMMIT}):
            mlflow.log_params({"estimator": "LinearRegression", "features": len(FEATURES)})
            mlflow.log_metrics(metrics)
            log_datasets(train, evaluation, source="warehouse/sales_daily.parquet", target=TARGET)
            # Declared requirements spare the slow inference of the environment.
            info = mlflow.sklearn.log_model(
                model, name="model", registered_model_name=MODEL, pip_requirements=["scikit-learn"]
            )
    finally:
        # Leave MLflow pointing where it pointed before, for the tests that follow.
        mlflow.set_tracking_uri(previous)
    client = MlflowClient(uri)
    client.set_registered_model_alias(MODEL, "champion", info.registered_model_version)
    return Tracked(client, info.run_id, metrics, (len(train), len(evaluation)))


@pytest.fixture(scope="module")
def card(tracked: Tracked) -> str:
    return publish_model_card(tracked.client, MODEL, "champion", TEXT)


def sections(card: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", card, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_card_has_every_model_cards_section_in_order(card):
    assert card.startswith(f"# Model card: {MODEL} version 1\n")
    assert list(sections(card)) == list(SECTIONS)
    assert len(SECTIONS) == 8


def test_model_details_trace_to_the_run_commit_and_alias(card, tracked):
    details = sections(card)["Model details"]
    assert f"`{tracked.run_id}`" in details
    assert f"`{COMMIT}`" in details
    assert "`champion`" in details
    assert "| Parameter `estimator` | `LinearRegression` |" in details


def test_metrics_are_the_logged_values_against_the_baseline(card, tracked):
    mae, baseline = tracked.metrics["mae"], tracked.metrics["baseline_mae"]
    assert mae < baseline
    change = f"{(mae - baseline) / baseline:+.0%}"
    row = f"| `mae` | {mae:.3f} | {baseline:.3f} ({change}) |"
    assert row in sections(card)["Metrics"]
    assert "`baseline_mae`" not in sections(card)["Metrics"]


def test_training_and_evaluation_data_come_from_the_logged_datasets(card, tracked):
    parts = sections(card)
    train_rows, evaluation_rows = tracked.rows
    assert re.search(
        rf"\| `training` \| `[^`]*sales_daily.parquet` \| {train_rows} \|", parts["Training data"]
    )
    assert f"| {evaluation_rows} |" in parts["Evaluation data"]
    run = tracked.client.get_run(tracked.run_id)
    digests = {item.dataset.name: item.dataset.digest for item in run.inputs.dataset_inputs}
    assert f"`{digests['training']}`" in parts["Training data"]
    assert f"`{digests['evaluation']}`" in parts["Evaluation data"]


def test_the_team_written_sections_are_kept_verbatim(card):
    parts = sections(card)
    assert parts["Intended use"].strip() == TEXT.intended_use
    assert parts["Ethical considerations"].strip() == TEXT.ethical_considerations
    assert parts["Caveats and recommendations"].strip() == TEXT.caveats


def test_the_card_is_stored_with_the_run(card, tracked):
    path = mlflow.artifacts.download_artifacts(
        run_id=tracked.run_id,
        artifact_path="model_card.md",
        tracking_uri=tracked.client.tracking_uri,
    )
    with open(path) as stored:
        assert stored.read() == card


def test_a_run_without_datasets_or_baseline_says_so(tracked):
    # A run that logged nothing but one metric still renders, and says what is missing.
    client = tracked.client
    run = client.create_run(client.get_experiment_by_name("model-card").experiment_id)
    client.log_metric(run.info.run_id, "rmse", 4.2)
    client.log_text(run.info.run_id, "placeholder", "model/MLmodel")
    source = f"{run.info.artifact_uri}/model"
    version = client.create_model_version(MODEL, source=source, run_id=run.info.run_id)
    card = render_model_card(client.get_run(run.info.run_id), version, TEXT)
    parts = sections(card)
    assert "| `rmse` | 4.200 | - |" in parts["Metrics"]
    assert parts["Training data"].strip() == "No training dataset was logged with the run."
    assert "| Aliases | none |" in parts["Model details"]
    assert "| Git commit | `not recorded` |" in parts["Model details"]
