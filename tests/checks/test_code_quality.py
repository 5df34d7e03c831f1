"""Code-quality checks on twin repositories: packaging, hooks, linters, tests, CI, docs, releases.

CI twins follow the chain a reviewer follows: a pull-request job that runs `make test`,
`tox`, `mise run test`, a script, a reusable workflow or a composite action does run the
tests; `echo "pytest will run here"` does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import Twin, check_twin

PR = "on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: {run}\n"
PUSH_ONLY = "on:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {run}\n"
TEST = {
    "tests/test_features.py": "from pkg.features import prepare\n\ndef test_prepare_drops_missing():\n    assert prepare([1, None]) == [1]\n"
}

TWINS = [
    Twin(
        "CQ-001",
        "package metadata in a sub-folder",
        {
            "ml_ops/src/setup.py": "from setuptools import setup\n\nsetup(name='taxi_fares_mlops', packages=['taxi_fares_mlops'])\n",
            "ml_ops/src/taxi_fares_mlops/train.py": "def train():\n    return 1\n",
        },
        {
            "pyproject.toml": "[tool.pylic]\nsafe_licenses = ['MIT']\n",
            "setup.cfg": "[flake8]\nmax-line-length = 120\n",
            "mlops/train.py": "def train():\n    return 1\n",
        },
        "ml_ops/src/setup.py",
    ),
    Twin(
        "CQ-002",
        "lefthook runs checks before each commit",
        {
            "lefthook.yml": "pre-commit:\n  commands:\n    lint:\n      run: ruff check {staged_files}\n"
        },
        {"lefthook.yml": "pre-push:\n  commands:\n    test:\n      run: pytest\n"},
        "lefthook.yml",
    ),
    Twin(
        "CQ-002",
        "a pre-commit config with hooks",
        {
            ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n"
        },
        {".pre-commit-config.yaml": "repos: []\n"},
    ),
    Twin(
        "CQ-003",
        "a linter run by the Makefile, without a config file",
        {"Makefile": "lint:\n\tflake8 --max-line-length=88 src tests\n"},
        {"requirements/lint-requirements.txt": "pylint==2.17.0\nblack==23.1.0\n"},
        "Makefile",
    ),
    Twin(
        "CQ-003",
        "a linter action in CI",
        {
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: py-actions/flake8@v2\n"
        },
        {".github/workflows/ci.yml": PR.format(run='echo "ruff will lint here"')},
    ),
    Twin(
        "CQ-003",
        "black enforced through pytest",
        {".github/workflows/ci.yml": PR.format(run="pytest --black")},
        {"copier.yml": "_tasks:\n  - ruff check --fix .\n  - black .\n"},
    ),
    Twin(
        "CQ-004",
        "a test that tests something",
        TEST,
        {
            "tests/test_features.py": "def test_placeholder():\n    assert True\n\n\ndef test_todo():\n    pass\n"
        },
    ),
    Twin(
        "CQ-004",
        "unittest methods in a tests folder",
        {
            "ml_ops/tests/taxi_fares/test_training.py": "import unittest\n\nclass TestTraining(unittest.TestCase):\n    def test_training(self):\n        self.assertEqual(1 + 1, 2)\n"
        },
        {
            "module5/test_suite_demo.ipynb": '{"cells": [{"cell_type": "code", "source": ["x = 1"]}], "nbformat": 4, "nbformat_minor": 5}'
        },
    ),
    Twin(
        "CQ-005",
        "a test per step, through the project's functions",
        {
            "src/pkg/features.py": "def prepare(rows):\n    return [r for r in rows if r]\n",
            "src/pkg/train.py": "from sklearn.linear_model import Ridge\n\ndef train_model(x, y):\n    return Ridge().fit(x, y)\n",
            "src/pkg/serve.py": "def predict(model, x):\n    return model.predict(x)\n",
            "tests/test_steps.py": "from pkg.features import prepare\nfrom pkg.train import train_model\nfrom pkg.serve import predict\n\ndef test_prepare():\n    assert prepare([1, None]) == [1]\n\ndef test_train():\n    assert train_model([[1]], [1])\n\ndef test_predict():\n    assert predict(None, [[1]]) is not None\n",
        },
        {
            "src/pkg/features.py": "def prepare(rows):\n    return [r for r in rows if r]\n",
            "src/pkg/train.py": "def count_classes(folder):\n    return len(folder)\n",
            "tests/test_train.py": "from pkg.features import prepare\nfrom pkg.train import count_classes\n\ndef test_prepare():\n    assert prepare([1, None]) == [1]\n\ndef test_count_classes():\n    assert count_classes('ab') == 2\n",
        },
    ),
    Twin(
        "CQ-005",
        "an end-to-end test that runs the project's program",
        {
            "run.py": "from pipelines import training, inference\n",
            "pipelines/__init__.py": "from .training import training\nfrom .inference import inference\n",
            "pipelines/training.py": "def training():\n    load_data()\n    train_model()\n\ndef load_data():\n    return 1\n\ndef train_model():\n    return 2\n",
            "pipelines/inference.py": "def inference():\n    return predict()\n\ndef predict():\n    return 3\n",
            "tests/test_template.py": "import subprocess, sys\n\ndef run_project(path):\n    call = [sys.executable, 'run.py']\n    subprocess.check_output(call, cwd=path)\n\ndef test_generate(tmp_path):\n    run_project(tmp_path)\n    assert tmp_path\n",
        },
        {
            "run.py": "print('hello')\n",
            "tests/test_template.py": "import subprocess, sys\n\ndef run_project(path):\n    call = [sys.executable, 'run.py']\n    subprocess.check_output(call, cwd=path)\n\ndef test_generate(tmp_path):\n    run_project(tmp_path)\n    assert tmp_path\n",
        },
    ),
    Twin(
        "CQ-006",
        "a pull-request job through mise",
        {
            **TEST,
            "mise.toml": '[tasks.test]\nrun = "uv run pytest"\n',
            ".github/workflows/ci.yml": PR.format(run="mise run test"),
        },
        {
            **TEST,
            "mise.toml": '[tasks.test]\nrun = "uv run pytest"\n',
            ".github/workflows/ci.yml": PUSH_ONLY.format(run="mise run test"),
        },
        "mise.toml",
    ),
    Twin(
        "CQ-006",
        "echo is not a test run",
        {**TEST, ".github/workflows/ci.yml": PR.format(run="uv run python -m pytest -q")},
        {**TEST, ".github/workflows/ci.yml": PR.format(run='echo "pytest will run here"')},
    ),
    Twin(
        "CQ-006",
        "make test, tox and a script are followed",
        {
            **TEST,
            "Makefile": "test: lint\n\ttox -e py311\nlint:\n\truff check .\n",
            "tox.ini": "[testenv]\ncommands = pytest {posargs}\n",
            ".github/workflows/ci.yml": PR.format(run="make test"),
        },
        {
            **TEST,
            "Makefile": "test: lint\n\ttox -e py311\nlint:\n\truff check .\n",
            "tox.ini": "[testenv]\ncommands = python -c 'print(1)'\n",
            ".github/workflows/ci.yml": PR.format(run="make test"),
        },
        "tox.ini",
    ),
    Twin(
        "CQ-006",
        "a reusable workflow and a composite action",
        {
            **TEST,
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n    with: {target: tests}\n",
            ".github/workflows/build.yml": "on:\n  workflow_call:\n    inputs:\n      target: {type: string}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/run\n        with: {script: 'pytest ${{ inputs.target }}'}\n",
            ".github/actions/run/action.yml": "inputs:\n  script: {default: 'true'}\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: ${{ inputs.script }}\n",
        },
        {
            **TEST,
            ".github/workflows/ci.yml": "on: [pull_request]\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n    with: {target: tests}\n",
            ".github/workflows/build.yml": "on:\n  workflow_call:\n    inputs:\n      target: {type: string}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/run\n        with: {script: 'echo ${{ inputs.target }}'}\n",
            ".github/actions/run/action.yml": "inputs:\n  script: {default: 'true'}\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: ${{ inputs.script }}\n",
        },
    ),
    Twin(
        "CQ-006",
        "an Azure template with parameters",
        {
            **TEST,
            "azure-pipelines.yml": "trigger: none\npr: [main]\nparameters:\n  - name: suite\n    default: tests\nstages:\n  - template: templates/ci.yml\n    parameters: {suite: '${{ parameters.suite }}'}\n",
            "templates/ci.yml": "parameters:\n  - name: suite\nstages:\n  - stage: validate\n    jobs:\n      - job: test\n        steps:\n          - script: pytest ${{ parameters.suite }}\n",
        },
        {
            **TEST,
            "azure-pipelines.yml": "trigger: none\npr: none\nparameters:\n  - name: suite\n    default: tests\nstages:\n  - template: templates/ci.yml\n    parameters: {suite: '${{ parameters.suite }}'}\n",
            "templates/ci.yml": "parameters:\n  - name: suite\nstages:\n  - stage: validate\n    jobs:\n      - job: test\n        steps:\n          - script: pytest ${{ parameters.suite }}\n",
        },
    ),
    Twin(
        "CQ-006",
        "a greeting on pull requests is not CI",
        {**TEST, ".gitlab-ci.yml": "test:\n  script:\n    - pytest\n"},
        {
            **TEST,
            ".github/workflows/greetings.yml": "on: [pull_request_target]\njobs:\n  greet:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/first-interaction@v1\n",
        },
    ),
    Twin(
        "CQ-008",
        "bundle validated on pull requests",
        {
            "databricks.yml": "bundle:\n  name: forecast\n",
            ".github/workflows/ci.yml": PR.format(run="databricks bundle validate -t staging"),
        },
        {
            "databricks.yml": "bundle:\n  name: forecast\n",
            ".github/workflows/plan.yml": "on: [workflow_dispatch]\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform plan\n",
        },
    ),
    Twin(
        "CQ-009",
        "a locust test kept with the service",
        {
            "tests/performancetests/locustfile.py": "from locust import HttpUser, task\n\nclass Client(HttpUser):\n    @task\n    def predict(self):\n        self.client.post('/predict')\n"
        },
        {"tests/test_api.py": "def test_health():\n    assert 1\n"},
    ),
    Twin(
        "CQ-011",
        "a docs folder of pages",
        {
            "docs/advance/cicd.md": "# CI/CD\n\nRun `make ci` from any pipeline; the target builds the wheels, runs the unit tests and deploys the jobs to the workspace.\n"
        },
        {"docs/DOCS.md": "", "docs/sample_payload.json": "{}\n"},
    ),
    Twin(
        "CQ-011",
        "API docs built by a task",
        {"mise.toml": '[tasks.docs]\nrun = "pdoc --output-directory=docs src/bikes"\n'},
        {"requirements_dev.txt": "mkdocs==1.6.0\n"},
    ),
    Twin(
        "CQ-012",
        "release notes in a README section",
        {
            "README.md": "# X\n\n## Changelog\n\nv.1.0.0 - Initial release\n\n- Base functionality.\n\nv.1.1.0 - Python 3.11\n\n- Updated to pydantic 2.\n"
        },
        {"README.md": "# X\n\n## Changelog\n\nTBD\n"},
    ),
    Twin(
        "CQ-012",
        "a changelog with releases, not an unfilled template",
        {
            "CHANGELOG.md": "# Changelog\n\n## [1.2.0] - 2026-01-12\n\n### Added\n\n- Batch scoring delivers one file per day.\n"
        },
        {"CHANGELOG.md": "# Changelog\n\n## x.y.z (yyyy-mm-dd)\n\n*Features*\n\n* ...\n"},
    ),
    Twin(
        "CQ-012",
        "a book's edition notes are not releases",
        {"cliff.toml": '[changelog]\nheader = "# Changelog"\n'},
        {
            "docs/preface.md": "# Preface\n\n## Changes in the 2nd edition\n\nTwo chapters were added and one rewritten.\n"
        },
    ),
]


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.id)
def test_code_quality_twin(tmp_path: Path, twin: Twin) -> None:
    check_twin(tmp_path, twin)
