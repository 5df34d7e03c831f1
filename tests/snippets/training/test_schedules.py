"""The scheduled job definitions are valid and call the pipeline for a real environment."""

import importlib.util
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from snippets.training.config import CONFIG_FILE

HERE = Path(__file__).resolve().parents[3] / "snippets" / "training"
WORKFLOW = HERE / "train_on_schedule.yml"
BUNDLE = HERE / "databricks_train_job.yml"
SCHEMA = "vendor.github-workflows"
ENVIRONMENTS = sorted(tomllib.loads(CONFIG_FILE.read_text()))


def check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    # The vendored GitHub workflow schema ships with check-jsonschema: no network needed.
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", SCHEMA, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_matches_the_github_workflow_schema():
    result = check_jsonschema(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_schedule(tmp_path):
    broken = tmp_path / "train.yml"
    broken.write_text(WORKFLOW.read_text().replace("- cron:", "- crontab:"))
    assert check_jsonschema(broken).returncode != 0


def test_the_workflow_runs_weekly_and_on_demand_for_every_environment():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    (schedule,) = triggers["schedule"]
    assert len(schedule["cron"].split()) == 5
    options = triggers["workflow_dispatch"]["inputs"]["environment"]["options"]
    assert sorted(options) == ENVIRONMENTS


def test_the_workflow_calls_the_pipeline_module_that_exists():
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["train"]["steps"]
    command = shlex.split(steps[-1]["run"])
    assert command[:3] == ["python", "-m", "snippets.training.pipeline"]
    assert importlib.util.find_spec(command[2]) is not None
    assert command[3] == "--env"


def test_the_bundle_has_one_target_per_environment_and_passes_it_as_env():
    bundle = yaml.safe_load(BUNDLE.read_text())
    assert sorted(bundle["targets"]) == ENVIRONMENTS
    assert [t for t, spec in bundle["targets"].items() if spec.get("default")] == ["dev"]
    assert bundle["targets"]["prd"]["mode"] == "production"
    (job,) = bundle["resources"]["jobs"].values()
    (task,) = job["tasks"]
    assert task["python_wheel_task"]["parameters"] == ["--env", "${bundle.target}"]
    assert task["environment_key"] in {e["environment_key"] for e in job["environments"]}


def test_the_bundle_schedule_is_a_quartz_expression_and_runs_one_at_a_time():
    job = next(iter(yaml.safe_load(BUNDLE.read_text())["resources"]["jobs"].values()))
    fields = job["schedule"]["quartz_cron_expression"].split()
    # Quartz: seconds minutes hours day-of-month month day-of-week [year]; one day field is "?".
    assert len(fields) in (6, 7) and "?" in (fields[3], fields[5])
    assert re.fullmatch(r"\d+", fields[0])
    assert job["max_concurrent_runs"] == 1
    assert job["email_notifications"]["on_failure"]
