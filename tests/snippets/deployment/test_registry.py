import pytest
from mlflow.exceptions import MlflowException

from snippets.deployment.registry import load_by_alias, resolve_alias


def test_alias_resolves_to_the_version_it_points_at(champion_registry):
    resolved = resolve_alias("models:/demand-forecasting@champion", champion_registry.tracking_uri)
    assert (resolved.name, resolved.alias, resolved.version) == (
        "demand-forecasting",
        "champion",
        "1",
    )
    assert resolved.uri == "models:/demand-forecasting/1"


def test_the_loaded_model_is_the_resolved_version(champion_registry):
    resolved, model = load_by_alias(
        "models:/demand-forecasting@challenger", champion_registry.tracking_uri
    )
    assert resolved.version == "2"
    assert (
        model.metadata.run_id
        == champion_registry.client.get_model_version("demand-forecasting", "2").run_id
    )


@pytest.mark.parametrize(
    "uri", ["models:/demand-forecasting/1", "models:/demand-forecasting@", "runs:/abc/model"]
)
def test_only_alias_uris_are_accepted(uri):
    with pytest.raises(ValueError, match="models:/<name>@<alias>"):
        resolve_alias(uri)


def test_an_unknown_alias_is_an_error(champion_registry):
    with pytest.raises(MlflowException):
        resolve_alias("models:/demand-forecasting@nobody", champion_registry.tracking_uri)
