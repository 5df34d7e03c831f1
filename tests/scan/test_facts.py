"""Facts parsed from a repository: CI normalisation, IaC, Python summaries, locks, the walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_standards.scan import Repository
from mlops_standards.scan.ci import PULL_REQUEST, PUSH_DEFAULT, SCHEDULE, TAG
from mlops_standards.scan.facts import Facts, requirements_pinned
from tests.scan.tree import write_tree


def facts(root: Path, files: dict[str, str | bytes]) -> Facts:
    return Facts(Repository(write_tree(root, files)))


CI = [
    (
        ".github/workflows/a.yml",
        "on: [pull_request, push]\njobs:\n  t:\n    steps:\n      - run: x\n",
        {PULL_REQUEST, PUSH_DEFAULT},
    ),
    (
        ".github/workflows/a.yml",
        "on:\n  push:\n    tags: ['v*']\njobs:\n  t:\n    steps:\n      - run: x\n",
        {TAG},
    ),
    (
        ".github/workflows/a.yml",
        "on:\n  push:\n    branches: [feature/*]\njobs:\n  t:\n    steps:\n      - run: x\n",
        set(),
    ),
    (
        ".github/workflows/a.yml",
        "on:\n  schedule:\n    - cron: '0 0 * * *'\njobs:\n  t:\n    steps:\n      - run: x\n",
        {SCHEDULE},
    ),
    (".gitlab-ci.yml", "t:\n  script: [x]\n", {PULL_REQUEST, PUSH_DEFAULT}),
    (
        ".gitlab-ci.yml",
        "t:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == 'schedule'\n  script: [x]\n",
        {SCHEDULE},
    ),
    (".gitlab-ci.yml", "workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\nt:\n  script: [x]\n", {TAG}),
    (
        "azure-pipelines.yml",
        "trigger: none\npr: none\nschedules:\n  - cron: '0 0 * * *'\nsteps:\n  - script: x\n",
        {SCHEDULE},
    ),
    ("azure-pipelines.yml", "steps:\n  - script: x\n", {PULL_REQUEST, PUSH_DEFAULT}),
    (
        "Jenkinsfile",
        "pipeline { triggers { cron('H 3 * * *') }\n stages { stage('x') { steps { sh 'x' } } } }\n",  # noqa: E501
        {PULL_REQUEST, PUSH_DEFAULT, SCHEDULE},
    ),
    (
        ".circleci/config.yml",
        "jobs:\n  t:\n    steps:\n      - run: x\n",
        {PULL_REQUEST, PUSH_DEFAULT},
    ),
]


@pytest.mark.parametrize(
    ("path", "text", "triggers"), CI, ids=[f"{c[0]}-{i}" for i, c in enumerate(CI)]
)
def test_ci_triggers_are_normalised(tmp_path: Path, path: str, text: str, triggers: set) -> None:
    (pipeline,) = facts(tmp_path, {path: text}).ci
    assert pipeline.error is None
    assert set().union(*(job.triggers for job in pipeline.jobs)) == triggers
    assert next(c.text for _, c in pipeline.commands()) == "x"


def test_ci_commands_keep_their_line_and_environment(tmp_path: Path) -> None:
    text = "on: push\njobs:\n  d:\n    environment:\n      name: prod\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          make deploy\n"  # noqa: E501
    (pipeline,) = facts(tmp_path, {".github/workflows/d.yml": text}).ci
    (job,) = pipeline.jobs
    assert job.environment == "prod"
    assert [(c.text.strip(), c.line) for c in job.commands] == [
        ("uses: actions/checkout@v4", 7),
        ("make deploy", 9),
    ]


def test_iac_families_are_recognised(tmp_path: Path) -> None:
    files = {
        "a.tf": "", "b.bicep": "", "Pulumi.yaml": "name: x\n", "databricks.yml": "bundle: {}\n",
        "chart/Chart.yaml": "name: c\n", "k8s.yaml": "apiVersion: v1\nkind: Service\n",
        "arm.json": '{"$schema": "https://x/deploymentTemplate.json#"}',
        "cfn.yaml": "AWSTemplateFormatVersion: '2010-09-09'\n", "plain.yaml": "a: 1\n",
        "data.json": "{}",
    }  # fmt: skip
    found = {f.path: f.kind for f in facts(tmp_path, files).iac}
    assert found == {
        "a.tf": "terraform", "b.bicep": "bicep", "Pulumi.yaml": "pulumi",
        "databricks.yml": "databricks-bundle", "chart/Chart.yaml": "helm", "k8s.yaml": "kubernetes",
        "arm.json": "arm", "cfn.yaml": "cloudformation",
    }  # fmt: skip


def test_python_calls_resolve_import_aliases(tmp_path: Path) -> None:
    source = "import mlflow as mf\nfrom sklearn.ensemble import RandomForestRegressor as RF\n\nmf.log_metric('a', 1)\nRF(random_state=None, n_estimators=3)\n"  # noqa: E501
    (module,) = facts(tmp_path, {"t.py": source}).modules
    assert [(c.name, c.line) for c in module.calls] == [
        ("mlflow.log_metric", 4),
        ("sklearn.ensemble.RandomForestRegressor", 5),
    ]
    assert module.calls[1].keywords == {"n_estimators"}  # random_state=None is no seed
    assert {"sklearn", "sklearn.ensemble", "mlflow"} <= module.imports


def test_notebook_magics_do_not_stop_parsing(tmp_path: Path) -> None:
    notebook = '{"cells": [{"cell_type": "markdown", "source": "# x"}, {"cell_type": "code", "source": ["!pip install x\\n", "import wandb\\n", "wandb.init()"]}]}'  # noqa: E501
    (module,) = facts(tmp_path, {"n.ipynb": notebook}).modules
    assert module.notebook and [c.name for c in module.calls] == ["wandb.init"]


@pytest.mark.parametrize(
    ("text", "pinned"),
    [
        ("pandas==2.2.2\nnumpy==1.26.4  # via pandas\n", False),
        ("pandas==2.2.2\n# comment\n-r base.txt\nnumpy==1.26.4\n", True),
        ("pandas>=2\n", False),
        ("pandas==2.2.2 \\\n    --hash=sha256:abc\n", True),
        ("", False),
    ],
)
def test_requirements_pinning(text: str, pinned: bool) -> None:
    assert requirements_pinned(text) is pinned


def test_walk_honours_gitignore_and_skips_tool_folders(tmp_path: Path) -> None:
    files = {
        ".gitignore": "data/\n*.log\n", "data/raw.csv": "", "x.log": "", "keep.py": "",
        "node_modules/a.js": "", ".venv/pyvenv.cfg": "", "env2/pyvenv.cfg": "", "env2/a.py": "",
        "sub/.gitignore": "local.py\n", "sub/local.py": "", "sub/kept.py": "",
        ".dvc/cache/ab/cdef": "", ".dvc/config": "",
    }  # fmt: skip
    paths = sorted(f.path for f in Repository(write_tree(tmp_path, files)).files)
    assert paths == [".dvc/config", ".gitignore", "keep.py", "sub/.gitignore", "sub/kept.py"]


def test_each_file_is_parsed_once(tmp_path: Path) -> None:
    repository = Repository(write_tree(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"}))
    assert repository.toml("pyproject.toml") is repository.toml("pyproject.toml")
    shared = Facts(repository)
    assert shared.pyproject is repository.toml("pyproject.toml")


def test_environments_come_from_bundles_ci_and_per_environment_files(tmp_path: Path) -> None:
    files = {
        "databricks.yml": "bundle:\n  name: f\ntargets:\n  dev:\n    default: true\n",
        ".github/workflows/cd.yml": "on: push\njobs:\n  d:\n    environment: production\n    steps:\n      - run: x\n",  # noqa: E501
        "deploy/values-acc.yaml": "a: 1\n",
        ".github/workflows/test.yml": "on: push\n",
    }
    found = facts(tmp_path, files).deployment_environments
    assert found == {
        "dev": ("databricks.yml", 4),
        "prod": (".github/workflows/cd.yml", None),
        "acc": ("deploy/values-acc.yaml", None),
    }
