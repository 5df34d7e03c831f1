"""The example pre-commit configuration is valid and runs hygiene, ruff and a secrets scan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml


def validate(config: Path) -> subprocess.CompletedProcess[str]:
    # `validate-config` checks the schema offline; it never fetches the hook repositories.
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )


def hook_ids(config: Path) -> set[str]:
    repos = yaml.safe_load(config.read_text())["repos"]
    return {hook["id"] for repo in repos for hook in repo["hooks"]}


def test_pre_commit_accepts_the_configuration(project):
    result = validate(project / ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_rejects_a_broken_copy(project, tmp_path):
    broken = tmp_path / ".pre-commit-config.yaml"
    # A hook without its pinned revision is the commonest copy-paste mistake.
    text = (project / ".pre-commit-config.yaml").read_text()
    broken.write_text(text.replace("    rev: v5.0.0\n", "", 1))
    assert validate(broken).returncode != 0


def test_hygiene_lint_format_and_secret_hooks_are_configured(project):
    ids = hook_ids(project / ".pre-commit-config.yaml")
    assert {"trailing-whitespace", "end-of-file-fixer", "check-added-large-files"} <= ids
    assert {"ruff-check", "ruff-format"} <= ids
    assert {"gitleaks", "detect-private-key"} <= ids


def test_lint_fixes_run_before_formatting(project):
    repos = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"]
    ruff = next(repo for repo in repos if repo["repo"].endswith("/ruff-pre-commit"))
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]
    assert ruff["hooks"][0]["args"] == ["--fix"]
