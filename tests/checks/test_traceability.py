"""Traceability checks on twin repositories: lineage, registry, pipelines, infrastructure, CD.

Placeholders are never provenance (`git_sha = "abcd1234"`, `data_version = "0"`); a seed
drawn at random is not a fixed seed; a validation that runs after the promotion is not a gate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import Twin, check_twin, run_check, write_tree

TRAIN = "from sklearn.ensemble import RandomForestRegressor\nimport mlflow\n\ndef train(x, y):\n    with mlflow.start_run():\n        model = RandomForestRegressor(random_state=42).fit(x, y)\n        mlflow.log_metric('mae', mae(model, x, y))\n    return model\n"
TRACKED = {"src/pkg/train.py": TRAIN}
DEPLOY_ON_MAIN = "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: {env}\n    steps:\n      - run: {run}\n"

TWINS = [
    Twin("TR-001", "a git repository", {}, {}, ".git"),  # replaced below: needs a real commit
    Twin(
        "TR-002",
        "a committed lock file that .gitignore also names",
        {"uv.lock": "version = 1\n"},
        {"requirements.txt": "pandas>=2\n"},
        "uv.lock",
    ),
    Twin(
        "TR-002",
        "the product's own requirements pinned; a helper's may float",
        {
            "requirements.txt": "pandas==2.2.2\nscikit-learn==1.5.0\n",
            "deps/requirements_frontend.txt": "streamlit>=1.28\n",
        },
        {
            "requirements.txt": "mlflow>=2.0\n",
            "requirements/lint-requirements.txt": "pylint==2.17.0\n",
        },
    ),
    Twin(
        "TR-003",
        "a Dockerfile under any name",
        {"dockerfiles/train.dockerfile": "FROM python:3.11-slim\n"},
        {"docker-compose.yml": "services:\n  mlflow:\n    image: ghcr.io/mlflow/mlflow\n"},
    ),
    Twin(
        "TR-003",
        "a platform environment spec",
        {
            "configs/train_config.yaml": "settings:\n  docker:\n    required_integrations: [sklearn, mlflow]\n"
        },
        {"configs/train_config.yaml": "settings:\n  cache: true\n"},
    ),
    Twin(
        "TR-004",
        "tracking in training code",
        TRACKED,
        {
            "monitoring/log_artifacts.py": "import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_param('failed_tests', 2)\n    mlflow.log_artifact('drift.html')\n"
        },
        "src/pkg/train.py",
    ),
    Twin(
        "TR-004",
        "a framework logger is tracking",
        {
            "train.py": "import pytorch_lightning as pl\nfrom pytorch_lightning.loggers import MLFlowLogger\n\ntrainer = pl.Trainer(logger=MLFlowLogger())\n"
        },
        {
            "train.py": "import pytorch_lightning as pl\nfrom pytorch_lightning.loggers import TensorBoardLogger\n\ntrainer = pl.Trainer(logger=TensorBoardLogger('runs'))\n"
        },
    ),
    Twin(
        "TR-004",
        "a declarative recipe tracks its runs",
        {"recipe.yaml": "recipe: regression/v1\nsteps:\n  train:\n    using: custom\n"},
        {"recipe.yaml": "name: not a recipe\nsteps:\n  train: {}\n"},
    ),
    Twin(
        "TR-005",
        "the commit read from git in a helper, logged as tags",
        {
            **TRACKED,
            "src/pkg/lineage.py": "import subprocess\n\ndef git_tags():\n    sha = subprocess.run(['git', 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout\n    return {'git.commit': sha}\n",
            "src/pkg/pipeline.py": "import mlflow\nfrom pkg.lineage import git_tags\n\ndef run():\n    tags = {**git_tags()}\n    mlflow.set_tags(tags)\n",
        },
        {
            **TRACKED,
            "src/pkg/pipeline.py": "import mlflow\n\ngit_sha = 'abcd1234'\n\ndef run():\n    mlflow.set_tag('git_sha', git_sha)\n",
        },
    ),
    Twin(
        "TR-005",
        "a runner that records the commit",
        {**TRACKED, "Makefile": "train:\n\tmlflow run . -e train\n"},
        {
            **TRACKED,
            "Makefile": "train:\n\tpython src/pkg/train.py\n",
            "MLproject": "name: x\nentry_points:\n  main: {command: python train.py}\n",
        },
    ),
    Twin(
        "TR-005",
        "the bundle passes the commit to the job",
        {
            **TRACKED,
            "resources/train.yml": "resources:\n  jobs:\n    train:\n      tasks:\n        - task_key: train\n          base_parameters: {git_commit: '${bundle.git.commit}'}\n",
        },
        {
            **TRACKED,
            "resources/train.yml": "resources:\n  jobs:\n    train:\n      tasks:\n        - task_key: train\n",
        },
    ),
    Twin(
        "TR-006",
        "a hash of the data logged with the run",
        {
            "train.py": "import hashlib, mlflow\n\nsig = hashlib.sha256(open('data.csv', 'rb').read()).hexdigest()\nmlflow.log_param('dataset_signature', sig)\n"
        },
        {
            "train.py": "import mlflow\n\ndata_version = '0'\nmlflow.log_param('data_version', data_version)\n"
        },
    ),
    Twin(
        "TR-006",
        "a registered data asset",
        {
            "data.py": "from azure.ai.ml import MLClient\n\nml_client = MLClient()\nml_client.data.create_or_update(asset)\n"
        },
        {"data.py": "import pandas as pd\n\nframe = pd.read_csv('https://example.com/data.csv')\n"},
    ),
    Twin(
        "TR-006",
        "a W&B dataset artifact, not a model artifact",
        {"train.py": "import wandb\n\nartifact = wandb.Artifact('sales', type='dataset')\n"},
        {"train.py": "import wandb\n\nartifact = wandb.Artifact('forecaster', type='model')\n"},
    ),
    Twin(
        "TR-007",
        "autolog stores the model with its environment",
        {
            "train.py": "import mlflow\nfrom sklearn.linear_model import Ridge\n\nmlflow.sklearn.autolog()\nRidge().fit(x, y)\n"
        },
        {
            "train.py": "import mlflow\nfrom sklearn.linear_model import Ridge\nimport joblib\n\nwith mlflow.start_run():\n    joblib.dump(Ridge().fit(x, y), 'model.pkl')\n"
        },
    ),
    Twin(
        "TR-008",
        "registered, then promoted by the registry's API from CD",
        {
            **TRACKED,
            "register.py": "import mlflow\n\nmlflow.register_model('runs:/1/model', 'forecast')\n",
            ".github/workflows/cd.yml": 'on: [repository_dispatch]\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -d "$body" $MLFLOW_URL/api/2.0/preview/mlflow/model-versions/transition-stage\n',
        },
        {
            **TRACKED,
            "register.py": "import mlflow\n\nmlflow.register_model('runs:/1/model', 'forecast')\n",
        },
    ),
    Twin(
        "TR-008",
        "a W&B model artifact with aliases, loaded by alias",
        {
            **TRACKED,
            "wb.py": "import wandb\n\nwandb.log_artifact(artifact, aliases=['best'])\nmodel = wandb.Api().artifact('team/project/model:prod')\n",
        },
        {**TRACKED, "wb.py": "import wandb\n\nwandb.log_artifact(artifact)\n"},
    ),
    Twin(
        "TR-009",
        "a fixed seed",
        {
            "train.py": "from sklearn.model_selection import train_test_split\n\ntrain, test = train_test_split(rows, random_state=123)\n"
        },
        {"train.py": "import random\n\nrandom.shuffle(rows)\n"},
    ),
    Twin(
        "TR-009",
        "a seed drawn at random in the training pipeline",
        {
            "pipelines/training.py": "from zenml import pipeline\nfrom steps import data_loader, model_trainer\n\n@pipeline\ndef training():\n    data = data_loader(random_state=7)\n    model_trainer(data)\n"
        },
        {
            "pipelines/training.py": "import random\nfrom zenml import pipeline\nfrom steps import data_loader, model_trainer\n\n@pipeline\ndef training():\n    data = data_loader(random_state=random.randint(0, 100))\n    model_trainer(data)\n"
        },
    ),
    Twin(
        "TR-010",
        "a Databricks job that runs training",
        {
            "jobs/train.json": '{"name": "taxi_fares_model_training", "notebook_task": {"notebook_path": "/orchestrator_train"}}\n'
        },
        {
            "jobs/score.json": '{"name": "batch_scoring", "notebook_task": {"notebook_path": "/orchestrator_score"}}\n'
        },
    ),
    Twin(
        "TR-010",
        "an orchestrated DAG that trains, not one that only checks drift",
        {
            "dags/train.py": "from airflow import DAG\nfrom sklearn.linear_model import Ridge\n\ndag = DAG('retrain')\n\ndef fit():\n    return Ridge().fit(x, y)\n"
        },
        {
            "dags/drift.py": "from airflow import DAG\n\ndag = DAG('daily_drift_check')\n\ndef check():\n    return run_suite(reference, current)\n"
        },
    ),
    Twin(
        "TR-010",
        "a task that runs the pipeline's training job",
        {
            "mise.toml": '[tasks.project]\nrun = ["mise run project:run training"]\n\n[tasks."project:run"]\nrun = "uv run mlflow run . -P conf=$job"\n'
        },
        {"train.sh": "python train_a.py\npython train_b.py\n"},
    ),
    Twin(
        "TR-010",
        "CI runs the project's training command off pull requests",
        {
            "pyproject.toml": '[project]\nname = "forecast"\n\n[project.scripts]\nforecast = "forecast.cli:main"\n',
            "src/forecast/cli.py": "def main():\n    return 0\n",
            ".github/workflows/train.yml": "on:\n  schedule: [{cron: '0 3 * * 1'}]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: forecast train --env acc\n",
        },
        {
            "pyproject.toml": '[project]\nname = "forecast"\n\n[project.scripts]\nforecast = "forecast.cli:main"\n',
            "src/forecast/cli.py": "def main():\n    return 0\n",
            ".github/workflows/train.yml": "on: [pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: forecast train --env acc\n",
        },
    ),
    Twin(
        "TR-011",
        "an ARM template",
        {
            "deploy/template.json": '{"$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#", "resources": []}\n'
        },
        {"profiles/databricks.yaml": "experiment:\n  name: x\n"},
    ),
    Twin(
        "TR-011",
        "a bundle, by its content",
        {"databricks.yml": "bundle:\n  name: forecast\ntargets:\n  dev: {}\n"},
        {"databricks.yml": "profile: DEFAULT\n"},
    ),
    Twin(
        "TR-013",
        "a chart installed by CD on an upstream event",
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: serve\nversion: 0.1.0\n",
            ".github/workflows/cd.yml": "on: [repository_dispatch]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: statcan/actions/helm@master\n        with: {chart: ./chart}\n",
        },
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: serve\nversion: 0.1.0\n",
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: helm upgrade --install serve ./chart\n",
        },
    ),
    Twin(
        "TR-015",
        "bundle targets for two environments",
        {"databricks.yml": "bundle:\n  name: forecast\ntargets:\n  staging: {}\n  prod: {}\n"},
        {"databricks.yml": "bundle:\n  name: forecast\ntargets:\n  dev: {}\n"},
    ),
    Twin(
        "TR-015",
        "a disabled deployment job is not an environment",
        {
            ".github/workflows/cd.yml": "on:\n  push:\n    branches: [main]\njobs:\n  deploy_to_qa:\n    runs-on: ubuntu-latest\n    steps: [{run: helm upgrade --install s ./chart}]\n  deploy_to_prod:\n    runs-on: ubuntu-latest\n    steps: [{run: helm upgrade --install s ./chart}]\n"
        },
        {
            ".github/workflows/cd.yml": "on:\n  push:\n    branches: [main]\njobs:\n  deploy_to_qa:\n    runs-on: ubuntu-latest\n    steps: [{run: helm upgrade --install s ./chart}]\n  deploy_to_uat:\n    if: false\n    runs-on: ubuntu-latest\n    steps: [{run: helm upgrade --install s ./chart}]\n  deploy_to_prod:\n    runs-on: ubuntu-latest\n    steps: [{run: pip install requests}]\n"
        },
    ),
    Twin(
        "TR-017",
        "a release deploys the service",
        {
            ".github/workflows/cd.yml": "on:\n  release:\n    types: [published]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gcloud run deploy forecast --image gcr.io/x/forecast\n"
        },
        {
            ".github/workflows/cd.yml": "on:\n  release:\n    types: [published]\njobs:\n  pages:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pdoc -o docs src/pkg\n      - uses: actions/deploy-pages@v5\n      - uses: docker/build-push-action@v7\n"
        },
    ),
    Twin(
        "TR-019",
        "a promotion that compares with the champion first",
        {
            "gate.py": "from mlflow import MlflowClient\n\ndef gate(client: MlflowClient, new_mae, champion_mae):\n    accepted = new_mae < champion_mae\n    if accepted:\n        client.set_registered_model_alias('forecast', 'champion', 3)\n"
        },
        {
            "promote.py": "from mlflow import MlflowClient\n\ndef promote(client: MlflowClient, best_metric, epoch_metric):\n    if epoch_metric > best_metric:\n        save_checkpoint()\n    client.set_registered_model_alias('forecast', 'champion', 3)\n"
        },
    ),
    Twin(
        "TR-019",
        "a validation after the promotion only reports",
        {
            "validate.py": "import mlflow\nfrom mlflow import MlflowClient\n\nmlflow.validate_evaluation_results(candidate, baseline, validation_thresholds=thresholds)\nMlflowClient().set_registered_model_alias('m', 'champion', 2)\n"
        },
        {
            "evaluations.py": "import mlflow\n\nmlflow.validate_evaluation_results(candidate, baseline, validation_thresholds=thresholds)\n",
            "promotion.py": "from mlflow import MlflowClient\n\nMlflowClient().set_registered_model_alias('m', 'champion', 2)\n",
        },
    ),
    Twin(
        "TR-022",
        "a CD job that deploys the version the registry's alias names",
        {
            ".github/workflows/cd.yml": "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pkg.deploy\n",
            "src/pkg/deploy.py": "import mlflow\nfrom sagemaker.model import Model\n\nuri = 'models:/forecast@champion'\nModel(model_data=uri).deploy(initial_instance_count=1)\n",
        },
        {
            ".github/workflows/cd.yml": "on:\n  workflow_dispatch:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m build\n",
            "src/pkg/deploy.py": "import mlflow\nfrom sagemaker.model import Model\n\nuri = 'models:/forecast@champion'\nModel(model_data=uri).deploy(initial_instance_count=1)\n",
        },
    ),
]
TWINS = TWINS[1:]  # TR-001 needs a real repository: tested on its own below


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.id)
def test_traceability_twin(tmp_path: Path, twin: Twin) -> None:
    check_twin(tmp_path, twin)


def test_version_control_is_a_git_repository(tmp_path: Path) -> None:
    assert run_check(write_tree(tmp_path / "a", {"a.py": "x = 1\n"}, git=True), "TR-001").passed
    assert not run_check(write_tree(tmp_path / "b", {"a.py": "x = 1\n"}), "TR-001").passed


def test_deployment_that_selects_its_model_is_automated_deployment(tmp_path: Path) -> None:
    """TR-022: a CD job deploys, and the pipeline picks the version (alias, gate, registry)."""
    deploy = {
        ".github/workflows/cd.yml": DEPLOY_ON_MAIN.format(
            env="prod", run="gcloud run deploy forecast --image x"
        )
    }
    promote = {
        "promote.py": "from mlflow import MlflowClient\n\nMlflowClient().set_registered_model_alias('forecast', 'champion', 3)\n"
    }
    assert run_check(write_tree(tmp_path / "both", {**deploy, **promote}), "TR-022").passed
    assert not run_check(write_tree(tmp_path / "deploy", deploy), "TR-022").passed
    assert not run_check(write_tree(tmp_path / "promote", promote), "TR-022").passed
