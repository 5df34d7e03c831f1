"""The recipes a product team copies: the action workflow, the pre-commit configuration and the
project configuration with its gate, each valid and installing the checker the way that works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from pre_commit.clientlib import load_config

from mlops_standards.catalog import load
from mlops_standards.config import load_config as load_project_config

SNIPPETS = Path(__file__).parents[3] / "snippets" / "checker"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def valid(schema: str, path: Path) -> bool:
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, str(path)], capture_output=True
    )
    return done.returncode == 0


def test_the_workflow_with_the_action_is_valid_and_pins_a_release():
    assert valid("vendor.github-workflows", SNIPPETS / "github-action-uses.yml")
    steps = yaml.safe_load((SNIPPETS / "github-action-uses.yml").read_text())["jobs"]["check"][
        "steps"
    ]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert any(u.endswith("/mlops-standards@v0.1.0") for u in uses)


def test_no_recipe_installs_from_a_package_index_that_does_not_have_it():
    """`pip install mlops-standards` fails: the checker is on no public index. Each recipe
    installs the organisation's copy from its git repository, pinned to a release."""
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (SNIPPETS / name).read_text()
        assert "pip install mlops-standards\n" not in text
        assert 'pip install "$MLOPS_STANDARDS"' in text
        assert "mlops-standards @ git+https://" in text and "@v0.1.0" in text


def test_the_pre_commit_configuration_is_valid_for_pre_commit():
    config = load_config(str(SNIPPETS / "pre-commit-config.yaml"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] == "mlops-standards"


def test_the_project_configuration_sets_a_gate_the_checker_accepts(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "model-choice.md").write_text("# Model choice\n")
    (tmp_path / ".mlops-standards.toml").write_text((SNIPPETS / "mlops-standards.toml").read_text())
    config = load_project_config(tmp_path, load())
    assert (config.fail_under, config.gate) == (2, "level")
    assert (config.product, config.brand, config.team) == (
        "demand-forecast",
        "Fresh",
        "Forecasting",
    )
