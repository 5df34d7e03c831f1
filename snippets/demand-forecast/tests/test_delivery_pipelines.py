"""CI and CD as the team relies on them: valid files, and the order of the release steps."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "schema, files",
    [("vendor.github-workflows", WORKFLOWS), ("vendor.gitlab-ci", [ROOT / ".gitlab-ci.yml"])],
)
def test_the_pipelines_pass_the_schemas_their_platforms_publish(schema, files):
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema]
    done = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_doc_only_merge_does_not_retrain():
    push = workflow("deploy.yml")[True]["push"]  # YAML 1.1 reads the key `on` as True
    assert push["branches"] == ["main"]
    assert not any(path.startswith("docs") or path.endswith(".md") for path in push["paths"])
    assert "src/**" in push["paths"]


def test_production_moves_only_after_acceptance_is_healthy_and_approved():
    jobs = workflow("deploy.yml")["jobs"]
    order = ["train-and-gate", "build", "deploy-acc", "promote", "deploy-prd"]
    assert [jobs[name].get("needs") for name in order[1:]] == order[:-1]
    assert jobs["train-and-gate"]["environment"] == "acc"
    assert jobs["promote"]["environment"] == "prd"
    runs = {name: [s.get("run", "") for s in job["steps"]] for name, job in jobs.items()}
    assert "demand-forecast gate --env acc" in runs["train-and-gate"]
    assert any("/health" in step for step in runs["deploy-acc"])
    assert "demand-forecast promote --env prd" in runs["promote"]
    assert not any("promote" in step for step in runs["train-and-gate"] + runs["deploy-acc"])


def test_rollback_is_a_button_with_a_reason_behind_the_production_approval():
    rollback = workflow("rollback.yml")
    assert rollback[True]["workflow_dispatch"]["inputs"]["reason"]["required"] is True
    [job] = rollback["jobs"].values()
    assert job["environment"] == "prd"
    assert 'demand-forecast rollback --env prd --reason "$REASON"' in [
        step.get("run") for step in job["steps"]
    ]


def test_the_bundle_defines_each_job_once_and_environments_differ_only_in_values():
    bundle = yaml.safe_load((ROOT / "databricks.yml").read_text(encoding="utf-8"))
    targets = bundle["targets"]
    assert set(targets) == {"dev", "acc", "prd"}
    assert not any("resources" in target for target in targets.values())
    assert targets["acc"].keys() == targets["prd"].keys()
    assert targets["acc"]["permissions"] == targets["prd"]["permissions"]
    tasks = bundle["resources"]["jobs"]["batch_score"]["tasks"]
    assert [t["python_wheel_task"]["parameters"][0] for t in tasks] == [
        "batch-score", "check-delivery", "monitor",
    ]  # fmt: skip
