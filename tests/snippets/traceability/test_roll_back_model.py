import mlflow
import pytest
from mlflow import MlflowClient

from snippets.traceability.register_model import CHAMPION, PREVIOUS, current_version, promote
from snippets.traceability.roll_back_model import roll_back


@pytest.fixture
def registered(two_versions, tracking, request) -> str:
    """A registered model of its own per test, holding the two shared model versions."""
    name = f"rollback-{request.node.name}"
    for run in (two_versions.first, two_versions.second):
        mlflow.register_model(run.model_uri, name)
    return name


def test_rollback_moves_the_champion_back_and_records_why(registered):
    client = MlflowClient()
    promote(client, registered, "1")
    promote(client, registered, "2")
    assert roll_back(client, registered, reason="forecasts doubled after release") == "1"
    assert current_version(client, registered, CHAMPION) == "1"
    withdrawn = client.get_model_version(registered, "2")
    assert withdrawn.tags["rolled_back"] == "forecasts doubled after release"


def test_a_second_rollback_is_refused(registered):
    client = MlflowClient()
    promote(client, registered, "1")
    promote(client, registered, "2")
    roll_back(client, registered, reason="bad release")
    assert current_version(client, registered, PREVIOUS) is None
    with pytest.raises(LookupError, match="no previous champion"):
        roll_back(client, registered, reason="again")
    assert current_version(client, registered, CHAMPION) == "1"


def test_without_a_champion_there_is_nothing_to_roll_back(registered):
    with pytest.raises(LookupError):
        roll_back(MlflowClient(), registered, reason="nothing deployed")
