"""Root cause: from an alias back to the run, commit, data and environment that made it."""

import pytest

from demand_forecast.trace import trace_model_version


def test_the_lookup_returns_the_lineage_the_run_recorded(registry, tracking):
    lineage = trace_model_version(registry.client, "demand-forecast", version="2")
    tags = registry.strong.tags
    assert lineage.run_id == registry.strong.run_id
    assert lineage.commit == tags["git.commit"] and lineage.branch == "main"
    assert lineage.data_version == tags["data.version"] and lineage.dirty == "False"
    assert lineage.lock_sha256 == tags["env.lock_sha256"]
    assert {"MLmodel", "requirements.txt", "model.skops"} <= set(lineage.artifacts)
    printed = str(lineage)
    assert printed.startswith("demand-forecast version 2\n  run ")
    assert f"commit       {tags['git.commit']} (main" in printed


def test_the_lookup_by_alias_finds_the_aliased_version(registry, tracking):
    lineage = trace_model_version(registry.client, "demand-forecast", alias="challenger")
    aliased = registry.client.get_model_version_by_alias("demand-forecast", "challenger")
    assert lineage.version == str(aliased.version) and lineage.run_id == aliased.run_id


@pytest.mark.parametrize("arguments", [{}, {"alias": "champion", "version": "1"}])
def test_exactly_one_of_alias_and_version_is_required(registry, arguments):
    with pytest.raises(ValueError, match="exactly one"):
        trace_model_version(registry.client, "demand-forecast", **arguments)
