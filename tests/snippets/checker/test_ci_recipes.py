"""The checker's CI recipes and example configuration are valid as shown on the site."""

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from mlops_standards.catalog import load
from mlops_standards.config import load_config

SNIPPETS = Path(__file__).parents[3] / "snippets" / "checker"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
    )


def test_github_actions_recipe_is_a_valid_workflow():
    result = validate("vendor.github-workflows", SNIPPETS / "github-actions.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_recipe_is_a_valid_pipeline():
    result = validate("vendor.gitlab-ci", SNIPPETS / "gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_recipes_gate_on_a_level_and_keep_the_reports():
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (SNIPPETS / name).read_text()
        assert "--fail-under 2" in text
        assert "--output mlops-standards.md" in text
    steps = yaml.safe_load((SNIPPETS / "github-actions.yml").read_text())["jobs"]["check"]["steps"]
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )


def test_example_configuration_is_accepted_by_the_checker(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "model-choice.md").write_text("# Model choice\n")
    (tmp_path / ".mlops-standards.toml").write_text((SNIPPETS / "mlops-standards.toml").read_text())
    config = load_config(tmp_path, load())
    assert config.profile == "batch"
    assert config.attest["DOC-006"] == "docs/model-choice.md"
    assert "alerts" in config.waive["MON-004"]
    assert tomllib.loads((SNIPPETS / "mlops-standards.toml").read_text())["profile"] == "batch"
