import hashlib

import pytest
from mlflow import MlflowClient

from snippets.demand_forecasting.data import make_sales
from snippets.traceability.lineage import data_version
from snippets.traceability.register_model import promote
from snippets.traceability.trace_model_version import trace_model_version

from .conftest import MODEL, PRICE_SHIFTS


def test_each_version_traces_back_to_its_own_data(two_versions, tracking):
    first = trace_model_version(MODEL, version="1")
    second = trace_model_version(MODEL, version="2")
    assert first.data_version == data_version(make_sales(days=90, price_shift=PRICE_SHIFTS[0]))
    assert second.data_version == data_version(make_sales(days=90, price_shift=PRICE_SHIFTS[1]))
    assert first.data_version != second.data_version
    assert (first.run_id, second.run_id) == (two_versions.first.run_id, two_versions.second.run_id)


def test_the_champion_alias_leads_to_commit_environment_and_artifacts(two_versions, tracking):
    promote(MlflowClient(), MODEL, "2")
    lineage = trace_model_version(MODEL, alias="champion")
    project = two_versions.project
    assert lineage.version == "2"
    assert (lineage.commit, lineage.branch) == (project.commit, "main")
    assert lineage.lock_sha256 == hashlib.sha256(project.lock_file.read_bytes()).hexdigest()
    assert {"MLmodel", "requirements.txt", "input_example.json"} <= set(lineage.artifacts)
    assert lineage.artifact_uri.startswith(("file:", "/"))


def test_printed_lineage_names_everything(two_versions, tracking):
    text = str(trace_model_version(MODEL, version="1"))
    lineage = trace_model_version(MODEL, version="1")
    for value in (lineage.commit, lineage.data_version, lineage.python, lineage.lock_sha256):
        assert value in text
    assert text.splitlines()[0] == f"{MODEL} version 1"
    assert "    MLmodel" in text.splitlines()


def test_alias_or_version_not_both(tracking):
    with pytest.raises(ValueError, match="exactly one"):
        trace_model_version(MODEL, alias="champion", version="1")
    with pytest.raises(ValueError, match="exactly one"):
        trace_model_version(MODEL)
