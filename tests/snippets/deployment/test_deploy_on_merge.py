"""The CD workflow is valid, runs on merges to main and deploys only what passed the gate."""

import importlib.util
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
WORKFLOW = ROOT / "snippets" / "deployment" / "deploy_on_merge.yml"


def check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    # The vendored GitHub workflow schema ships with check-jsonschema: no network needed.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    return subprocess.run(
        [*command, "vendor.github-workflows", str(path)], capture_output=True, text=True
    )


def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]


def commands(job: str) -> list[list[str]]:
    return [shlex.split(step["run"]) for step in jobs()[job]["steps"] if "run" in step]


def test_the_workflow_matches_the_github_workflow_schema():
    result = check_jsonschema(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_job_without_a_runner(tmp_path):
    broken = tmp_path / "deploy.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on: ubuntu-latest", "runs: ubuntu", 1))
    assert check_jsonschema(broken).returncode != 0


def test_it_runs_on_every_merge_to_main_and_only_then():
    triggers = yaml.safe_load(WORKFLOW.read_text())[True]  # YAML 1.1 reads `on` as True
    assert triggers == {"push": {"branches": ["main"]}}


def test_deployments_wait_for_tests_the_gate_and_acceptance():
    graph = {name: job.get("needs", []) for name, job in jobs().items()}
    assert graph["train-and-gate"] == "test" and graph["build"] == "test"
    assert set(graph["deploy-acc"]) == {"build", "train-and-gate"}
    assert graph["deploy-prd"] == "deploy-acc"
    assert [jobs()[j]["environment"]["name"] for j in ("deploy-acc", "deploy-prd")] == [
        "acc",
        "prd",
    ]


def test_training_and_gate_call_modules_that_exist():
    called = commands("train-and-gate")[-2:]
    assert [c[:3] for c in called] == [
        ["python", "-m", "snippets.training.pipeline"],
        ["python", "-m", "snippets.deployment.gate"],
    ]
    assert all(importlib.util.find_spec(c[2]) is not None for c in called)


def test_one_image_is_built_from_the_dockerfile_and_deployed_everywhere():
    build = commands("build")[0]
    assert (ROOT / build[build.index("--file") + 1]).is_file()
    assert build[build.index("--tag") + 1] == "$IMAGE"
    for job in ("deploy-acc", "deploy-prd"):
        update, smoke = commands(job)
        assert update[update.index("--image") + 1] == "$IMAGE"
        assert smoke[-1].endswith("/health") and "--fail" in smoke
