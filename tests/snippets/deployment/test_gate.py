"""A gated promotion story on a real registry: first model, a worse one, a better one, rollback."""

import runpy
import sys
from dataclasses import dataclass

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from mlflow import MlflowClient

from snippets.deployment.gate import GateDecision, evaluation_gate, main
from snippets.deployment.serve import create_app
from snippets.notebook_to_package.forecasting import split_by_date
from snippets.traceability.register_model import CHAMPION, PREVIOUS, current_version
from snippets.traceability.roll_back_model import roll_back
from snippets.training.config import load_config
from snippets.training.pipeline import load_sales

NAME = "demand-forecasting"


@pytest.fixture(scope="module")
def holdout() -> pd.DataFrame:
    config = load_config("dev")
    return split_by_date(load_sales(config), config.holdout_days)[1]


@dataclass
class Story:
    tracking_uri: str
    first: dict[str, str | None]
    worse: GateDecision
    champion_after_worse: str | None
    better: GateDecision
    previous_after_better: str | None
    tie: GateDecision
    rolled_back_to: str
    champion_after_rollback: str | None


@pytest.fixture(scope="module")
def story(new_registry, holdout, request) -> Story:
    registry = new_registry()
    client = registry.client
    monkeypatch = pytest.MonkeyPatch()
    request.addfinalizer(monkeypatch.undo)

    registry.train(n_estimators=2, max_depth=2)  # version 1
    # The first gate runs through the command line, as the CD workflow calls it.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.tracking_uri)
    monkeypatch.setattr(sys, "argv", ["gate", "--env", "dev"])
    runpy.run_module("snippets.deployment.gate", run_name="__main__")
    first = client.get_model_version(NAME, "1").tags

    registry.train(n_estimators=1, max_depth=1)  # version 2: a stump
    worse = evaluation_gate(registry.tracking_uri, NAME, holdout)
    champion_after_worse = current_version(client, NAME, CHAMPION)

    registry.train()  # version 3: the dev configuration
    better = evaluation_gate(registry.tracking_uri, NAME, holdout)
    previous_after_better = current_version(client, NAME, PREVIOUS)
    tie = evaluation_gate(registry.tracking_uri, NAME, holdout)

    rolled_back_to = roll_back(client, NAME, reason="forecasts too high in store 3")
    return Story(
        registry.tracking_uri,
        first,
        worse,
        champion_after_worse,
        better,
        previous_after_better,
        tie,
        rolled_back_to,
        current_version(client, NAME, CHAMPION),
    )


def test_the_first_model_is_promoted_because_there_is_nothing_to_beat(story):
    assert story.first["gate.decision"] == "promoted"
    assert story.first["gate.champion_version"] == "None"
    assert story.first["gate.champion_mae"] == "none"


def test_a_worse_challenger_is_refused_and_the_champion_stays(story):
    assert story.worse.challenger == "2" and story.worse.champion == "1"
    assert story.worse.challenger_mae > story.worse.champion_mae
    assert not story.worse.promoted
    assert story.champion_after_worse == "1"


def test_a_better_challenger_is_promoted_and_the_old_champion_remembered(story):
    assert story.better.challenger == "3" and story.better.champion == "1"
    assert story.better.challenger_mae < story.better.champion_mae * 0.99
    assert story.better.promoted
    assert story.previous_after_better == "1"


def test_a_tie_is_not_an_improvement(story):
    assert story.tie.challenger == story.tie.champion == "3"
    assert story.tie.challenger_mae == story.tie.champion_mae
    assert not story.tie.promoted


def test_the_decision_is_recorded_on_the_model_version(story):
    tags = MlflowClient(story.tracking_uri).get_model_version(NAME, "2").tags
    assert tags["gate.decision"] == "refused"
    assert tags["gate.champion_version"] == "1"
    assert float(tags["gate.challenger_mae"]) == pytest.approx(story.worse.challenger_mae, abs=1e-4)


def test_rollback_moves_the_champion_back_and_serving_follows(story):
    assert story.rolled_back_to == "1"
    assert story.champion_after_rollback == "1"
    served = TestClient(create_app(f"models:/{NAME}@champion", story.tracking_uri))
    assert served.get("/health").json()["model_version"] == "1"


def test_a_model_without_challenger_cannot_pass_the_gate(new_registry, holdout):
    registry = new_registry()
    registry.client.create_registered_model(NAME)
    with pytest.raises(LookupError, match="no 'challenger' alias"):
        evaluation_gate(registry.tracking_uri, NAME, holdout)


def test_the_command_line_rejects_an_unknown_environment(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--env", "qa"])
    assert exit_.value.code == 2
    assert "unknown environment 'qa'" in capsys.readouterr().err
