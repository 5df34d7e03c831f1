"""The composite GitHub Action: valid metadata, and its script does what its inputs say."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_the_metadata_is_valid_against_the_action_schema():
    """check-jsonschema's vendored copy of SchemaStore's github-action schema."""
    done = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-actions",
            str(ROOT / "action.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def step(step_id: str | None = None, uses: str | None = None) -> dict:
    steps = ACTION["runs"]["steps"]
    return next(
        s
        for s in steps
        if (step_id and s.get("id") == step_id) or (uses and s.get("uses", "").startswith(uses))
    )


def test_it_installs_the_checker_from_its_own_checkout_and_uploads_sarif():
    assert ACTION["runs"]["using"] == "composite"
    install = next(s for s in ACTION["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    upload = step(uses="github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == "mlops-standards.sarif"
    assert upload["if"].startswith("always()")


def test_inputs_reach_the_script_as_variables_only():
    """No `${{ ... }}` inside a script: an input could otherwise inject shell code."""
    for s in ACTION["runs"]["steps"]:
        assert "${{" not in s.get("run", ""), s.get("name")


def run_check_step(workspace: Path, inputs: dict[str, str]) -> tuple[int, str, dict[str, str]]:
    """The check step's script run as the runner runs it, with these inputs."""
    check = step("check")
    defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values = {**defaults, **inputs}
    env = {
        key: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m[1]], value)
        for key, value in check["env"].items()
    }
    summary, outputs = workspace / "summary.md", workspace / "outputs.txt"
    env |= {
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", check["run"]],
        cwd=workspace,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    lines = outputs.read_text().splitlines() if outputs.exists() else []
    return (
        done.returncode,
        summary.read_text() if summary.exists() else "",
        dict(line.split("=", 1) for line in lines),
    )


@pytest.fixture
def workspace(tmp_path) -> Path:
    root = tmp_path / "workspace"
    shutil.copytree(EXAMPLE, root)
    return root


def test_the_report_goes_to_the_summary_and_the_level_to_the_outputs(workspace):
    code, summary, outputs = run_check_step(workspace, {"badge": "mlops-level.svg"})
    report = json.loads((workspace / "mlops-standards.json").read_text())["reports"][0]
    assert code == 0
    assert summary.startswith(f"## MLOps standards: Level {report['level']} · ")
    assert outputs == {
        "level": str(report["level"]),
        "certified-level": str(report["certified_level"]),
        "report": "mlops-standards.json",
    }
    assert json.loads((workspace / "mlops-standards.sarif").read_text())["version"] == "2.1.0"
    assert (workspace / "mlops-level.svg").read_text().startswith("<svg")


def test_a_gate_fails_the_step_and_still_writes_the_summary(workspace):
    code, summary, outputs = run_check_step(workspace, {"fail-under": "4"})
    assert code == 1
    assert summary.startswith("## MLOps standards: ")
    assert outputs["report"] == "mlops-standards.json"


def test_a_missing_path_is_an_input_error(workspace):
    code, _, outputs = run_check_step(workspace, {"path": "no-such-folder"})
    assert code == 2
    assert outputs["level"] == ""
    errors = json.loads((workspace / "mlops-standards.json").read_text())["errors"]
    assert [e["path"] for e in errors] == ["no-such-folder"]
