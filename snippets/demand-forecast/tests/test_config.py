"""Configuration per environment: every table loads, and mistakes stop the run by name."""

import tomllib

import pydantic
import pytest

from demand_forecast.config import CONFIG_FILE, UnknownEnvironmentError, load_config


@pytest.mark.parametrize("environment", ["dev", "acc", "prd"])
def test_every_environment_loads(environment):
    config = load_config(environment)
    assert config.environment == environment and config.model_name == "demand-forecast"


def test_the_file_defines_exactly_the_environments_the_type_allows():
    assert set(tomllib.loads(CONFIG_FILE.read_text())) == {"dev", "acc", "prd"}


def test_an_unknown_environment_is_refused_with_the_known_ones():
    with pytest.raises(UnknownEnvironmentError, match=r"'staging': config\.toml defines acc"):
        load_config("staging")


@pytest.mark.parametrize("override", [{"n_estimator": 5}, {"days": 10}, {"min_r2": 2}])
def test_misspelt_and_out_of_range_values_name_the_field(override):
    with pytest.raises(pydantic.ValidationError, match=next(iter(override))):
        load_config("dev", **override)


def test_the_tracking_uri_comes_from_the_environment_when_set(monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")
    assert load_config("prd").tracking_uri == "http://127.0.0.1:5000"
