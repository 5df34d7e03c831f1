"""The gate, promotion and rollback, played out on one registry in the order CD runs them."""

import pytest
from mlflow import MlflowClient

from demand_forecast.cli import training_data
from demand_forecast.gate import evaluation_gate
from demand_forecast.registry import (
    ACCEPTANCE,
    CHALLENGER,
    CHAMPION,
    PREVIOUS,
    current_version,
    load_by_alias,
    promote,
)
from demand_forecast.rollback import roll_back

NAME = "demand-forecast"


def gate(registry, **options):
    train, holdout = training_data(registry.config)
    return evaluation_gate(registry.config.tracking_uri, NAME, train, holdout, **options)


def aliases(client: MlflowClient) -> dict[str, str | None]:
    return {a: current_version(client, NAME, a) for a in (CHAMPION, ACCEPTANCE, PREVIOUS)}


def test_a_better_challenger_passes_a_worse_one_is_refused_and_rollback_goes_one_step(registry):
    client = registry.client
    # Version 1, a tiny forest, becomes the first champion: there is nothing to beat.
    client.set_registered_model_alias(NAME, CHALLENGER, "1")
    first = gate(registry)
    assert first.accepted and first.champion is None
    assert "no champion yet: accepted as 'acceptance'" in str(first)
    assert promote(client, NAME) == ("1", None)
    # Version 2, the real forest, beats it on the same holdout.
    client.set_registered_model_alias(NAME, CHALLENGER, "2")
    second = gate(registry)
    assert second.accepted and second.challenger_mae < second.champion_mae
    assert aliases(client) == {CHAMPION: "1", ACCEPTANCE: "2", PREVIOUS: None}
    assert promote(client, NAME) == ("2", "1")
    tags = client.get_model_version(NAME, "2").tags
    assert tags["gate.decision"] == "accepted" and tags["gate.champion_version"] == "1"
    # The same version judged again is a tie, and a tie is not an improvement.
    refused = gate(registry)
    assert not refused.accepted and "refused, champion stays" in str(refused)
    # Rolling back returns to version 1, records why, and cannot be repeated blindly.
    assert roll_back(client, NAME, reason="forecasts doubled") == ("2", "1")
    assert aliases(client)[CHAMPION] == "1"
    assert client.get_model_version(NAME, "2").tags["rolled_back"] == "forecasts doubled"
    with pytest.raises(LookupError, match="no previous champion"):
        roll_back(client, NAME, reason="again")
    version, model = load_by_alias(NAME, CHAMPION, registry.config.tracking_uri)
    assert version == "1" and model.metadata.run_id == registry.weak.run_id


def test_without_a_challenger_or_an_accepted_version_nothing_moves(tmp_path):
    from demand_forecast.config import load_config

    config = load_config("dev", tracking_uri=f"sqlite:///{tmp_path / 'empty.db'}")
    client = MlflowClient(config.tracking_uri)
    client.create_registered_model(NAME)
    with pytest.raises(LookupError, match="no 'challenger' alias"):
        evaluation_gate(config.tracking_uri, NAME, None, None)
    with pytest.raises(LookupError, match="no 'acceptance' alias"):
        promote(client, NAME)
    with pytest.raises(LookupError, match="no 'champion' alias"):
        load_by_alias(NAME, CHAMPION, config.tracking_uri)
