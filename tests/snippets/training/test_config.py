import tomllib
import typing

import pytest
from pydantic import ValidationError

from snippets.training.config import (
    CONFIG_FILE,
    TrainingConfig,
    UnknownEnvironmentError,
    load_config,
)


@pytest.mark.parametrize("environment", ["dev", "acc", "prd"])
def test_every_environment_of_the_file_is_valid(environment):
    config = load_config(environment)
    assert config.environment == environment
    assert config.holdout_days < config.days


def test_the_file_defines_exactly_the_environments_the_type_allows():
    tables = tomllib.loads(CONFIG_FILE.read_text())
    allowed = typing.get_args(TrainingConfig.model_fields["environment"].annotation)
    assert sorted(tables) == sorted(allowed)


def test_production_is_stricter_than_development():
    assert load_config("prd").min_r2 > load_config("dev").min_r2
    assert load_config("prd").days > load_config("dev").days


def test_an_unknown_environment_is_rejected_naming_the_known_ones():
    with pytest.raises(UnknownEnvironmentError, match=r"unknown environment 'test'.*acc, dev, prd"):
        load_config("test")


def test_overrides_replace_values_of_the_file():
    config = load_config("prd", tracking_uri="sqlite:///other.db")
    assert config.tracking_uri == "sqlite:///other.db"
    assert config.model_name == load_config("prd").model_name


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"holdout_days": 3}, "holdout_days"),
        ({"min_r2": 1.5}, "min_r2"),
        ({"n_estimators": 0}, "n_estimators"),
        ({"tracking_uri": ""}, "tracking_uri"),
        ({"learning_rate": 0.1}, "learning_rate"),
    ],
)
def test_invalid_values_fail_before_any_training(override, field):
    with pytest.raises(ValidationError) as error:
        load_config("dev", **override)
    assert [e["loc"][0] for e in error.value.errors()] == [field]


def test_a_broken_file_names_the_bad_field(tmp_path):
    broken = tmp_path / "config.toml"
    broken.write_text(CONFIG_FILE.read_text().replace("days = 120", 'days = "many"', 1))
    with pytest.raises(ValidationError, match="days"):
        load_config("dev", path=broken)


def test_a_configuration_cannot_be_changed_after_validation():
    config = load_config("dev")
    with pytest.raises(ValidationError):
        config.seed = 1
