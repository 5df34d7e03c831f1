"""Each code-quality check on tiny repositories: passing cases per tool family, and a fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import assert_fails, assert_passes, run_check, write_tree

PYPROJECT = '[project]\nname = "forecast"\nversion = "1.0"\n'
PRE_COMMIT = "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.0\n    hooks:\n      - id: ruff\n"  # noqa: E501
TESTS = {
    "tests/test_features.py": "def test_prepare_drops_negative_sales():\n    pass\n",
    "tests/test_train.py": "def test_training_smoke_run():\n    pass\n",
    "tests/test_api.py": "def test_predict_endpoint():\n    pass\n",
}
PR_GHA = "on:\n  pull_request:\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {command}\n"  # noqa: E501
PASSING = [
    (
        "CQ-001",
        "pyproject",
        {"pyproject.toml": PYPROJECT, "src/f/__init__.py": ""},
        "pyproject.toml",
    ),
    (
        "CQ-001",
        "poetry",
        {"pyproject.toml": '[tool.poetry]\nname = "f"\n', "f/a.py": ""},
        "pyproject.toml",
    ),
    ("CQ-001", "setup.cfg", {"setup.cfg": "[metadata]\nname = f\n", "f/a.py": ""}, "setup.cfg"),
    ("CQ-002", "pre-commit", {".pre-commit-config.yaml": PRE_COMMIT}, ".pre-commit-config.yaml"),
    (
        "CQ-003",
        "ruff in pyproject",
        {"pyproject.toml": PYPROJECT + "[tool.ruff]\nline-length = 100\n"},
        "pyproject.toml",
    ),
    ("CQ-003", "flake8", {".flake8": "[flake8]\n"}, ".flake8"),
    ("CQ-003", "setup.cfg section", {"setup.cfg": "[isort]\nprofile = black\n"}, "setup.cfg"),
    (
        "CQ-003",
        "pre-commit hook",
        {".pre-commit-config.yaml": PRE_COMMIT},
        ".pre-commit-config.yaml",
    ),
    (
        "CQ-004",
        "pytest",
        {"tests/test_x.py": "def test_x():\n    assert True\n"},
        "tests/test_x.py",
    ),
    ("CQ-004", "suffix", {"pkg/x_test.py": "def test_x():\n    assert True\n"}, "pkg/x_test.py"),
    ("CQ-005", "three steps", TESTS, "tests/test_api.py"),
    (
        "CQ-006",
        "github actions",
        {".github/workflows/ci.yml": PR_GHA.format(command="uv run pytest")},
        ".github/workflows/ci.yml",
    ),
    ("CQ-006", "gitlab", {".gitlab-ci.yml": "test:\n  script:\n    - pytest\n"}, ".gitlab-ci.yml"),
    (
        "CQ-006",
        "azure",
        {"azure-pipelines.yml": "steps:\n  - script: python -m pytest\n"},
        "azure-pipelines.yml",
    ),
    (
        "CQ-006",
        "jenkins",
        {"Jenkinsfile": "pipeline {\n  stages { stage('t') { steps { sh 'make test' } } }\n}\n"},
        "Jenkinsfile",
    ),
    (
        "CQ-006",
        "circleci",
        {".circleci/config.yml": "jobs:\n  t:\n    steps:\n      - run:\n          command: tox\n"},
        ".circleci/config.yml",
    ),
    (
        "CQ-008",
        "terraform plan",
        {".github/workflows/ci.yml": PR_GHA.format(command="terraform plan")},
        ".github/workflows/ci.yml",
    ),
    (
        "CQ-008",
        "bundle validate",
        {
            ".gitlab-ci.yml": "v:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n  script: databricks bundle validate\n"  # noqa: E501
        },
        ".gitlab-ci.yml",
    ),
    (
        "CQ-009",
        "locust",
        {"load/locustfile.py": "from locust import HttpUser\n"},
        "load/locustfile.py",
    ),
    (
        "CQ-009",
        "k6",
        {"perf/k6-forecast.js": "import http from 'k6/http';\n"},
        "perf/k6-forecast.js",
    ),
    ("CQ-011", "mkdocs", {"mkdocs.yml": "site_name: f\n"}, "mkdocs.yml"),
    ("CQ-011", "sphinx", {"docs/conf.py": "project = 'f'\n"}, "docs/conf.py"),
    ("CQ-012", "changelog", {"CHANGELOG.md": "# 1.0\n"}, "CHANGELOG.md"),
    ("CQ-012", "towncrier", {"pyproject.toml": PYPROJECT + "[tool.towncrier]\n"}, "pyproject.toml"),
    (
        "CQ-012",
        "release-please",
        {"release-please-config.json": "{}"},
        "release-please-config.json",
    ),
]
FAILING = [
    ("CQ-001", "notebooks only", {"pyproject.toml": PYPROJECT, "a.ipynb": '{"cells": []}'}),
    ("CQ-002", "no hooks", {".pre-commit-config.yaml": "repos: []\n"}),
    ("CQ-002", "missing", {"README.md": "# F\n"}),
    ("CQ-003", "no linter", {"pyproject.toml": PYPROJECT}),
    ("CQ-004", "helpers only", {"tests/test_x.py": "def helper():\n    pass\n"}),
    ("CQ-005", "serving untested", {k: v for k, v in TESTS.items() if "api" not in k}),
    (
        "CQ-005",
        "a valid request is serving, not data processing",
        {
            "tests/test_api.py": "def test_a_valid_request_is_served():\n    pass\n",
            "tests/test_train.py": "def test_training_smoke_run():\n    pass\n",
        },
    ),
    (
        "CQ-006",
        "push only",
        {
            ".github/workflows/ci.yml": "on:\n  push:\n    branches: [main]\njobs:\n  t:\n    steps:\n      - run: pytest\n"  # noqa: E501
        },
    ),
    ("CQ-006", "no ci", {"README.md": "# F\n"}),
    ("CQ-008", "tests only", {".github/workflows/ci.yml": PR_GHA.format(command="pytest")}),
    ("CQ-009", "none", {"serve.py": "x = 1\n"}),
    ("CQ-011", "none", {"README.md": "# F\n"}),
    ("CQ-012", "none", {"README.md": "# F\n"}),
]


@pytest.mark.parametrize(("rid", "case", "files", "where"), PASSING)
def test_check_passes_and_names_the_file(
    tmp_path: Path, rid: str, case: str, files: dict, where: str
) -> None:
    assert_passes(tmp_path, rid, files, where, case)


@pytest.mark.parametrize(("rid", "case", "files"), FAILING)
def test_check_fails_and_says_where_it_looked(
    tmp_path: Path, rid: str, case: str, files: dict
) -> None:
    assert_fails(tmp_path, rid, files, case)


def test_broken_pre_commit_config_is_an_error_naming_the_file(tmp_path: Path) -> None:
    outcome = run_check(write_tree(tmp_path, {".pre-commit-config.yaml": "repos: [\n"}), "CQ-002")
    assert outcome.error and outcome.error.startswith(".pre-commit-config.yaml: malformed YAML")


def test_broken_pyproject_is_an_error_for_the_package_check(tmp_path: Path) -> None:
    outcome = run_check(write_tree(tmp_path, {"pyproject.toml": "[project\n"}), "CQ-001")
    assert outcome.error and outcome.error.startswith("pyproject.toml: malformed TOML")


def test_pyproject_evidence_has_the_table_line(tmp_path: Path) -> None:
    files = {"pyproject.toml": "# x\n" + PYPROJECT, "src/f/a.py": ""}
    outcome = run_check(write_tree(tmp_path, files), "CQ-001")
    assert (outcome.evidence[0].path, outcome.evidence[0].line) == ("pyproject.toml", 2)


def test_ci_evidence_has_the_command_line(tmp_path: Path) -> None:
    files = {".github/workflows/ci.yml": PR_GHA.format(command="pytest -q")}
    outcome = run_check(write_tree(tmp_path, files), "CQ-006")
    assert (outcome.evidence[0].path, outcome.evidence[0].line) == (".github/workflows/ci.yml", 7)
