import shutil
import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW_FILE = (
    Path(__file__).resolve().parents[3] / "snippets/traceability/deploy_infrastructure.yml"
)
WORKFLOW = yaml.safe_load(WORKFLOW_FILE.read_text())


def test_the_workflow_is_valid_against_the_github_schema():
    check = shutil.which("check-jsonschema") or str(
        Path(sys.executable).parent / "check-jsonschema"
    )
    done = subprocess.run(
        [check, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW_FILE)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_runs_only_for_what_was_merged_to_main():
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    assert WORKFLOW[True] == {"push": {"branches": ["main"]}}
    assert WORKFLOW["concurrency"]["cancel-in-progress"] is False


def test_production_deploys_only_after_acceptance_did():
    jobs = WORKFLOW["jobs"]
    assert list(jobs) == ["acc", "prd"]
    assert jobs["prd"]["needs"] == "acc"
    assert [jobs[name]["environment"] for name in jobs] == ["acc", "prd"]


def test_both_environments_get_the_same_steps_with_only_the_target_changed():
    acc, prd = WORKFLOW["jobs"]["acc"], WORKFLOW["jobs"]["prd"]
    as_prd = [
        {key: str(value).replace("--target acc", "--target prd") for key, value in step.items()}
        for step in acc["steps"]
    ]
    assert as_prd == [{key: str(value) for key, value in step.items()} for step in prd["steps"]]
    assert acc["env"] == prd["env"]
    deploys = [step["run"] for step in prd["steps"] if "deploy" in step.get("run", "")]
    assert deploys == ["databricks bundle deploy --target prd"]
