"""Each traceability check on tiny repositories: one passing case per tool family, and a fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import assert_fails, assert_passes, run_check, write_tree

TRACK = "import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric('rmse', 1.0)\n"
GHA_DEPLOY = """on:
  push:
    branches: [main]
jobs:
  deploy:
    environment: prod
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: {command}
"""
PASSING = [
    ("TR-002", "uv", {"uv.lock": "version = 1\n"}, "uv.lock"),
    ("TR-002", "poetry", {"poetry.lock": "# poetry\n"}, "poetry.lock"),
    ("TR-002", "pdm", {"pdm.lock": "# pdm\n"}, "pdm.lock"),
    ("TR-002", "pixi", {"pixi.lock": "version: 5\n"}, "pixi.lock"),
    ("TR-002", "pipenv", {"Pipfile.lock": "{}\n"}, "Pipfile.lock"),
    ("TR-002", "conda-lock", {"conda-lock.yml": "version: 1\n"}, "conda-lock.yml"),
    (
        "TR-002",
        "pinned",
        {"requirements.txt": "pandas==2.2.2\nscikit-learn==1.5.0 ; python_version>'3'\n"},
        "requirements.txt",
    ),
    (
        "TR-002",
        "pip-tools hashes",
        {"requirements.txt": "pandas==2.2.2 \\\n    --hash=sha256:ab\n"},
        "requirements.txt",
    ),
    (
        "TR-002",
        "uv pip compile",
        {"requirements.lock": "# via demand-forecast\nmlflow==3.17.2\n    # via demand-forecast\n"},
        "requirements.lock",
    ),
    ("TR-003", "docker", {"docker/Dockerfile": "FROM python:3.11\n"}, "docker/Dockerfile"),
    ("TR-003", "conda", {"environment.yml": "name: x\n"}, "environment.yml"),
    (
        "TR-003",
        "azure-ml env",
        {
            "aml/env.yml": "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
        },
        "aml/env.yml",
    ),
    ("TR-004", "mlflow", {"train.py": TRACK}, "train.py"),
    ("TR-004", "wandb", {"train.py": "import wandb\nrun = wandb.init(project='x')\n"}, "train.py"),
    ("TR-004", "neptune", {"train.py": "import neptune\nrun = neptune.init_run()\n"}, "train.py"),
    (
        "TR-004",
        "clearml",
        {"train.py": "from clearml import Task\nTask.init('p', 't')\n"},
        "train.py",
    ),
    (
        "TR-004",
        "azure ml",
        {"train.py": "from azureml.core import Run\nrun = Run.get_context()\n"},
        "train.py",
    ),
    (
        "TR-004",
        "sagemaker",
        {
            "train.py": "from sagemaker.experiments.run import Run\nwith Run(experiment_name='e') as r:\n    pass\n"  # noqa: E501
        },
        "train.py",
    ),
    (
        "TR-004",
        "notebook",
        {
            "explore.ipynb": '{"cells": [{"cell_type": "code", "source": ["%pip install mlflow\\n", "import mlflow\\n", "mlflow.autolog()"]}]}'  # noqa: E501
        },
        "explore.ipynb",
    ),
    (
        "TR-005",
        "mlflow tag",
        {"train.py": TRACK + "mlflow.set_tag('mlflow.source.git.commit', sha)\n"},
        "train.py",
    ),
    ("TR-005", "wandb", {"train.py": "import wandb\nwandb.init()\n"}, "train.py"),
    ("TR-006", "dvc", {"data/sales.csv.dvc": "outs:\n- md5: ab\n"}, "data/sales.csv.dvc"),
    ("TR-006", "lakefs", {"load.py": "import lakefs\nrepo = lakefs.repository('r')\n"}, "load.py"),
    (
        "TR-006",
        "delta sql",
        {"queries/train.sql": "SELECT * FROM sales VERSION AS OF 12\n"},
        "queries/train.sql",
    ),
    (
        "TR-006",
        "delta pyspark",
        {"load.py": "df = spark.read.option('versionAsOf', 3).load(p)\n"},
        "load.py",
    ),
    (
        "TR-006",
        "hash logged",
        {"train.py": "import mlflow\nmlflow.log_param('data_sha256', digest)\n"},
        "train.py",
    ),
    (
        "TR-006",
        "mlflow dataset",
        {"train.py": "import mlflow\nmlflow.log_input(ds, context='training')\n"},
        "train.py",
    ),
    (
        "TR-007",
        "logged model",
        {"train.py": "import mlflow\nmlflow.sklearn.log_model(m, 'model')\n"},
        "train.py",
    ),
    (
        "TR-007",
        "lock artifact",
        {"train.py": "import mlflow\nmlflow.log_artifact('uv.lock')\n"},
        "train.py",
    ),
    (
        "TR-008",
        "mlflow registry",
        {
            "train.py": "import mlflow\nmlflow.sklearn.log_model(m, 'm', registered_model_name='f')\n",  # noqa: E501
            "serve.py": "URI = 'models:/forecast@champion'\n",
        },
        "train.py",
    ),
    (
        "TR-008",
        "wandb artifacts",
        {
            "train.py": "import wandb\nrun = wandb.init()\nrun.link_model(path='m', registered_model_name='f')\nart = run.use_artifact('f:v3')\n"  # noqa: E501
        },
        "train.py",
    ),
    (
        "TR-009",
        "random_state",
        {
            "train.py": "from sklearn.ensemble import RandomForestRegressor\nm = RandomForestRegressor(random_state=42)\n"  # noqa: E501
        },
        "train.py",
    ),
    ("TR-009", "torch seed", {"train.py": "import torch\ntorch.manual_seed(0)\n"}, "train.py"),
    (
        "TR-010",
        "github schedule",
        {
            ".github/workflows/train.yml": "on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m forecast.train\n"  # noqa: E501
        },
        ".github/workflows/train.yml",
    ),
    ("TR-010", "airflow", {"dags/train.py": "from airflow import DAG\n"}, "dags/train.py"),
    (
        "TR-010",
        "databricks job",
        {
            "databricks.yml": "bundle:\n  name: f\nresources:\n  jobs:\n    train:\n      name: train\n"  # noqa: E501
        },
        "databricks.yml",
    ),
    ("TR-011", "terraform", {"infra/main.tf": 'resource "x" "y" {}\n'}, "infra/main.tf"),
    ("TR-011", "bicep", {"infra/main.bicep": "param location string\n"}, "infra/main.bicep"),
    (
        "TR-011",
        "arm",
        {
            "infra/azuredeploy.json": '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"}'
        },
        "infra/azuredeploy.json",
    ),
    (
        "TR-011",
        "cloudformation",
        {
            "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n"  # noqa: E501
        },
        "template.yaml",
    ),
    ("TR-011", "pulumi", {"Pulumi.yaml": "name: f\nruntime: python\n"}, "Pulumi.yaml"),
    ("TR-011", "databricks bundle", {"databricks.yml": "bundle:\n  name: f\n"}, "databricks.yml"),
    ("TR-011", "helm", {"chart/Chart.yaml": "apiVersion: v2\nname: f\n"}, "chart/Chart.yaml"),
    (
        "TR-011",
        "kubernetes",
        {"k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n"},
        "k8s/deploy.yaml",
    ),
    (
        "TR-013",
        "terraform on main",
        {".github/workflows/infra.yml": GHA_DEPLOY.format(command="terraform apply -auto-approve")},
        ".github/workflows/infra.yml",
    ),
    (
        "TR-013",
        "gitlab bundle deploy",
        {
            ".gitlab-ci.yml": "deploy:\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n  script:\n    - databricks bundle deploy -t prod\n"  # noqa: E501
        },
        ".gitlab-ci.yml",
    ),
    (
        "TR-015",
        "bundle targets",
        {
            "databricks.yml": "bundle:\n  name: f\ntargets:\n  dev:\n    default: true\n  prod:\n    mode: production\n"  # noqa: E501
        },
        "databricks.yml",
    ),
    (
        "TR-015",
        "tfvars",
        {"infra/env/dev.tfvars": "x = 1\n", "infra/env/prd.tfvars": "x = 2\n"},
        "infra/env/dev.tfvars",
    ),
    (
        "TR-015",
        "helm values",
        {"chart/values-acc.yaml": "a: 1\n", "chart/values-prod.yaml": "a: 1\n"},
        "chart/values-acc.yaml",
    ),
    (
        "TR-017",
        "github deploy",
        {".github/workflows/cd.yml": GHA_DEPLOY.format(command="python deploy.py")},
        ".github/workflows/cd.yml",
    ),
    (
        "TR-017",
        "azure pipelines",
        {
            "azure-pipelines.yml": "trigger:\n  branches:\n    include: [main]\nsteps:\n  - script: az ml online-deployment create -f d.yml\n"  # noqa: E501
        },
        "azure-pipelines.yml",
    ),
    (
        "TR-017",
        "jenkins tag",
        {
            "Jenkinsfile": "pipeline {\n  stages {\n    stage('deploy') {\n      when { buildingTag() }\n      steps { sh 'helm upgrade --install f chart' }\n    }\n  }\n}\n"  # noqa: E501
        },
        "Jenkinsfile",
    ),
    (
        "TR-017",
        "circleci",
        {
            ".circleci/config.yml": "version: 2.1\njobs:\n  deploy:\n    steps:\n      - run: kubectl apply -f k8s/\n"  # noqa: E501
        },
        ".circleci/config.yml",
    ),
    (
        "TR-019",
        "champion",
        {
            "promote.py": "def promote(candidate, champion):\n    return candidate.rmse < champion.rmse\n"  # noqa: E501
        },
        "promote.py",
    ),
    (
        "TR-019",
        "mlflow evaluate",
        {"gate.py": "import mlflow\nmlflow.evaluate(m, data, baseline_model=b)\n"},
        "gate.py",
    ),
]
FAILING = [
    ("TR-002", "loose requirements", {"requirements.txt": "pandas>=2\n"}),
    ("TR-003", "nothing", {"train.py": "x = 1\n"}),
    ("TR-004", "no tracker", {"train.py": "print('trained')\n"}),
    ("TR-005", "no commit", {"train.py": TRACK}),
    ("TR-006", "no data version", {"train.py": TRACK}),
    ("TR-007", "metrics only", {"train.py": TRACK}),
    (
        "TR-008",
        "registered, never addressed",
        {"train.py": "import mlflow\nmlflow.register_model('runs:/1/m', 'f')\n"},
    ),
    (
        "TR-009",
        "random_state=None",
        {
            "train.py": "from sklearn.ensemble import RandomForestRegressor\nRandomForestRegressor(random_state=None)\n"  # noqa: E501
        },
    ),
    (
        "TR-010",
        "tests only",
        {
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest tests/test_train.py\n"  # noqa: E501
        },
    ),
    (
        "TR-010",
        "smoke training on pull requests only",
        {
            ".github/workflows/ci.yml": (
                "on: [pull_request]\njobs:\n  t:\n    steps:\n"
                "      - run: python train.py --smoke\n"
            )
        },
    ),
    ("TR-011", "no iac", {"deploy.sh": "echo\n"}),
    (
        "TR-013",
        "apply only on pull requests",
        {
            ".github/workflows/i.yml": "on: [pull_request]\njobs:\n  i:\n    steps:\n      - run: terraform apply\n"  # noqa: E501
        },
    ),
    ("TR-015", "one environment", {"infra/env/prod.tfvars": "x = 1\n"}),
    (
        "TR-017",
        "deploy by hand",
        {
            ".github/workflows/cd.yml": "on: [workflow_dispatch]\njobs:\n  d:\n    steps:\n      - run: python deploy.py\n"  # noqa: E501
        },
    ),
    ("TR-019", "no gate", {"promote.py": "def register(model):\n    return model\n"}),
]


@pytest.mark.parametrize(
    ("rid", "family", "files", "where"), PASSING, ids=lambda v: v if isinstance(v, str) else ""
)
def test_check_passes_and_names_the_file(
    tmp_path: Path, rid: str, family: str, files: dict, where: str
) -> None:
    assert_passes(tmp_path, rid, files, where, family)


@pytest.mark.parametrize(
    ("rid", "case", "files"), FAILING, ids=lambda v: v if isinstance(v, str) else ""
)
def test_check_fails_and_says_where_it_looked(
    tmp_path: Path, rid: str, case: str, files: dict
) -> None:
    assert_fails(tmp_path, rid, files, case)


def test_version_control_is_the_git_directory(tmp_path: Path) -> None:
    assert run_check(write_tree(tmp_path / "a", {"x.py": ""}, git=True), "TR-001").passed
    assert not run_check(write_tree(tmp_path / "b", {"x.py": ""}), "TR-001").passed


def test_tracking_evidence_points_at_the_line_of_the_call(tmp_path: Path) -> None:
    outcome = run_check(
        write_tree(tmp_path, {"src/train.py": "import mlflow as mf\n\nmf.autolog()\n"}), "TR-004"
    )
    assert outcome.evidence[0].path == "src/train.py" and outcome.evidence[0].line == 3


def test_malformed_ci_file_makes_a_ci_check_an_error(tmp_path: Path) -> None:
    outcome = run_check(write_tree(tmp_path, {".github/workflows/cd.yml": "on: [push\n"}), "TR-017")
    assert outcome.error and ".github/workflows/cd.yml" in outcome.error
