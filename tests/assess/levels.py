"""Fixture repositories of the running example (demand forecasting), one per maturity level.

Each level adds files to the one below it; manual requirements are attested in
`.mlops-standards.toml`, as a team would do.
"""

from __future__ import annotations

WIKI = "https://wiki.example.com/forecast"

LEVEL_0 = {
    "README.md": "# Sales notebook\n\nExploration of the sales data by store and week.\n",
    "analysis.ipynb": (
        '{"cells": [{"cell_type": "code", "source": ["import pandas as pd\\n",'
        ' "sales = pd.read_csv(\\"sales.csv\\")"]}], "nbformat": 4, "nbformat_minor": 5}'
    ),
}

LEVEL_1 = {
    "README.md": (
        "# Demand forecast\n\nForecasts daily units sold per store for the retail brand.\n\n"
        "## Business goal and KPIs\n\nFewer stock-outs, measured by the weekly stock-out rate.\n\n"
        "## Installation\n\n```bash\nuv sync\n```\n"
    ),
    "CODEOWNERS": "* @retail/forecast-team\n",
    "pyproject.toml": (
        '[project]\nname = "forecast"\nversion = "1.0.0"\n\n[tool.ruff]\nline-length = 100\n'
    ),
    "uv.lock": "version = 1\n",
    ".pre-commit-config.yaml": (
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.0\n"
        "    hooks:\n      - id: ruff\n"
    ),
    "src/forecast/__init__.py": "",
    "src/forecast/features.py": "def prepare(sales):\n    return sales.dropna()\n",
    "tests/test_features.py": "def test_prepare_drops_missing_rows():\n    assert True\n",
    ".github/workflows/ci.yml": (
        "on:\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: uv run pytest\n"
    ),
}

TRAIN = """import mlflow
import subprocess

from sklearn.ensemble import RandomForestRegressor


def train(sales, dataset):
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    with mlflow.start_run():
        mlflow.set_tag("git_commit", commit.strip())
        mlflow.log_input(dataset, context="training")
        model = RandomForestRegressor(random_state=42).fit(sales, sales)
        mlflow.log_metrics({"rmse": 1.0})
        mlflow.sklearn.log_model(model, "model", registered_model_name="forecast")


def load():
    return mlflow.pyfunc.load_model("models:/forecast@production")
"""

LEVEL_2 = {
    "docs/index.md": "# Forecast\n\nHow the forecast is built.\n",
    "docs/data.md": "# Data\n\nSources and cleaning steps.\n",
    "src/forecast/schema.py": "import pandera as pa\n\nSales = pa.DataFrameSchema({})\n",
    "src/forecast/train.py": TRAIN,
    "tests/test_train.py": "def test_training_smoke_run():\n    assert True\n",
    "tests/test_predict.py": "def test_predict_returns_one_value_per_row():\n    assert True\n",
    "Dockerfile": "FROM python:3.11-slim\n",
    ".github/workflows/train.yml": (
        "on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  train:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: python -m forecast.train\n"
    ),
}

LEVEL_3 = {
    "docs/architecture.md": "# Architecture\n\nBatch scoring on a schedule.\n",
    "MODEL_CARD.md": "# Model card\n",
    "CHANGELOG.md": "# 1.0.0\n\nFirst release.\n",
    "infra/main.tf": 'resource "azurerm_monitor_metric_alert" "job_failed" {}\n',
    "infra/env/dev.tfvars": 'environment = "dev"\n',
    "infra/env/prd.tfvars": 'environment = "prd"\n',
    ".github/workflows/ci.yml": LEVEL_1[".github/workflows/ci.yml"]
    + "      - run: terraform -chdir=infra validate\n",
    ".github/workflows/cd.yml": (
        "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: terraform -chdir=infra apply -auto-approve\n"
        "      - run: python -m forecast.deploy\n"
    ),
    "src/forecast/promote.py": (
        "def promote(candidate_rmse, champion_rmse):\n    return candidate_rmse < champion_rmse\n"
    ),
    "src/forecast/delivery.py": (
        "def check_delivery(rows, expected_rows, notify):\n"
        "    if rows < expected_rows:\n        notify('batch incomplete')\n"
    ),
}

LEVEL_4 = {
    "src/forecast/drift.py": (
        "from scipy.stats import ks_2samp\n\n\ndef check(reference, live, send_alert):\n"
        "    if ks_2samp(reference, live).pvalue < 0.01:\n        send_alert('drift')\n"
    ),
    "src/forecast/assignment.py": (
        "import hashlib\n\n\ndef variant(customer_id, salt):\n"
        "    digest = hashlib.sha256(f'{salt}:{customer_id}'.encode()).hexdigest()\n"
        "    return 'treatment' if int(digest, 16) % 2 else 'control'\n"
    ),
    "src/forecast/score.py": (
        "def score(model, features, model_version):\n"
        "    out = features.assign(prediction=model.predict(features), model_version=model_version)\n"  # noqa: E501
        "    out.to_parquet('predictions.parquet')\n"
    ),
}

ATTEST = {
    1: ["CQ-007"],
    2: ["DOC-004", "DOC-006"],
    3: ["DOC-003", "TR-012", "TR-014", "TR-016", "TR-018", "TR-020", "TR-021", "MON-001"],
    4: ["MON-006", "MON-008", "MON-009", "MON-010"],
}


def repository(level: int) -> dict[str, str]:
    """The files of the fixture repository at `level` (0-4), for a batch product."""
    layers = [LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4][: level + 1]
    files = {path: text for layer in layers for path, text in layer.items()}
    attested = [rid for n in range(1, level + 1) for rid in ATTEST[n]]
    lines = ['profile = "batch"', "", "[attest]"]
    lines += [f'{rid} = "{WIKI}/{rid.lower()}"' for rid in attested]
    files[".mlops-standards.toml"] = "\n".join(lines) + "\n"
    return files
