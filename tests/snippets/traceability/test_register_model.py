import mlflow
import pytest
from mlflow import MlflowClient

from snippets.demand_forecasting.data import FEATURES, make_sales
from snippets.traceability.register_model import (
    CHAMPION,
    PREVIOUS,
    current_version,
    predict_with_champion,
    promote,
)


@pytest.fixture
def registered(two_versions, tracking, request) -> str:
    """A registered model of its own per test, holding the two shared model versions."""
    name = f"promote-{request.node.name}"
    for run in (two_versions.first, two_versions.second):
        mlflow.register_model(run.model_uri, name)
    return name


def test_the_first_promotion_has_nothing_to_replace(registered):
    client = MlflowClient()
    assert current_version(client, registered, CHAMPION) is None
    assert promote(client, registered, "1") is None
    assert current_version(client, registered, CHAMPION) == "1"
    assert current_version(client, registered, PREVIOUS) is None


def test_promoting_remembers_the_champion_it_replaces(registered):
    client = MlflowClient()
    promote(client, registered, "1")
    assert promote(client, registered, "2") == "1"
    assert current_version(client, registered, CHAMPION) == "2"
    assert current_version(client, registered, PREVIOUS) == "1"


def test_promoting_the_champion_again_keeps_the_previous_one(registered):
    client = MlflowClient()
    promote(client, registered, "1")
    promote(client, registered, "2")
    assert promote(client, registered, "2") == "2"
    assert current_version(client, registered, PREVIOUS) == "1"


def test_predictions_come_from_whatever_the_alias_points_at(registered, two_versions):
    client = MlflowClient()
    features = make_sales(days=7)[FEATURES]
    promote(client, registered, "1")
    first = predict_with_champion(registered, features)
    expected = mlflow.pyfunc.load_model(two_versions.first.model_uri).predict(features)
    assert first.tolist() == pytest.approx(list(expected))
    promote(client, registered, "2")
    second = predict_with_champion(registered, features)
    assert second.tolist() != first.tolist()
    assert second.index.equals(features.index) and second.name == "forecast"
