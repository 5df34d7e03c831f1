"""The example CI pipelines are valid for GitHub Actions and GitLab CI and run the checks."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

WORKFLOWS = [".github/workflows/pull-request.yml", ".github/workflows/infrastructure.yml"]


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    # check-jsonschema ships the vendored schemas, so this needs no network.
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_github_workflows_match_the_workflow_schema(project, workflow):
    result = check_jsonschema("vendor.github-workflows", project / workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_pipeline_matches_the_gitlab_ci_schema(project):
    result = check_jsonschema("vendor.gitlab-ci", project / ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_workflow_without_jobs(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: pull_request\n")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


def github_commands(project: Path, workflow: str) -> list[str]:
    jobs = yaml.safe_load((project / workflow).read_text())["jobs"]
    return [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]


def gitlab_commands(project: Path, job: str) -> list[str]:
    return yaml.safe_load((project / ".gitlab-ci.yml").read_text())[job]["script"]


def test_both_pipelines_install_the_test_extra_then_run_hooks_and_tests(project):
    extras = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert "test" in extras["optional-dependencies"]
    expected = [
        'pip install -e ".[test]"',
        "pre-commit run --all-files --show-diff-on-failure",
        "pytest",
    ]
    assert github_commands(project, WORKFLOWS[0]) == expected
    assert gitlab_commands(project, "tests") == expected


def test_both_pipelines_run_for_pull_requests(project):
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    triggers = yaml.safe_load((project / WORKFLOWS[0]).read_text())[True]
    assert "pull_request" in triggers
    rules = yaml.safe_load((project / ".gitlab-ci.yml").read_text())["workflow"]["rules"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in rules


def test_infrastructure_is_validated_only_when_it_changes(project):
    workflow = yaml.safe_load((project / WORKFLOWS[1]).read_text())
    assert workflow[True]["pull_request"]["paths"] == ["infra/**"]
    assert github_commands(project, WORKFLOWS[1])[-1] == "terraform validate"
    job = yaml.safe_load((project / ".gitlab-ci.yml").read_text())["infrastructure"]
    assert job["rules"] == [{"changes": ["infra/**/*"]}]
    assert job["script"][-1] == "terraform -chdir=infra validate"
