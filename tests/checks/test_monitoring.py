"""Each monitoring check on tiny repositories: passing cases and a failing one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import assert_fails, assert_passes

MIDDLEWARE = """import time
from fastapi import FastAPI, Request

app = FastAPI()


@app.middleware("http")
async def log_requests(request: Request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    latency = time.perf_counter() - start
    logger.info("request", extra={"status_code": response.status_code, "latency": latency})
    return response
"""
DRIFT = """from scipy.stats import ks_2samp


def check(reference, live):
    if ks_2samp(reference, live).pvalue < 0.01:
        send_alert("drift")
"""
PASSING = [
    (
        "MON-002",
        "terraform",
        {"infra/alerts.tf": 'resource "azurerm_monitor_metric_alert" "l" {}\n'},
        "infra/alerts.tf",
    ),
    (
        "MON-002",
        "prometheus",
        {"monitoring/rules.yml": "groups:\n  - name: f\n    rules:\n      - alert: HighLatency\n"},
        "monitoring/rules.yml",
    ),
    (
        "MON-002",
        "cloudformation",
        {"t.yaml": "Resources:\n  A:\n    Type: AWS::CloudWatch::Alarm\n"},
        "t.yaml",
    ),
    ("MON-003", "middleware", {"serve.py": MIDDLEWARE}, "serve.py"),
    (
        "MON-003",
        "instrumentator",
        {
            "serve.py": "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"  # noqa: E501
        },
        "serve.py",
    ),
    (
        "MON-004",
        "delivery check",
        {
            "jobs/check.py": "def check_delivery(rows, expected_rows):\n    if rows < expected_rows:\n        notify('missing')\n"  # noqa: E501
        },
        "jobs/check.py",
    ),
    (
        "MON-004",
        "dbt freshness",
        {
            "models/sources.yml": "sources:\n  - name: p\n    freshness:\n      warn_after: {count: 1, period: day}\n"  # noqa: E501
        },
        "models/sources.yml",
    ),
    (
        "MON-005",
        "mlflow",
        {"train.py": "import mlflow\nmlflow.log_metrics({'rmse': 1.0})\n"},
        "train.py",
    ),
    ("MON-005", "wandb", {"train.py": "import wandb\nwandb.log({'rmse': 1.0})\n"}, "train.py"),
    ("MON-007", "ks test", {"drift.py": DRIFT}, "drift.py"),
    (
        "MON-007",
        "evidently",
        {"drift.py": "from evidently.report import Report\n\ndef run():\n    notify_slack()\n"},
        "drift.py",
    ),
    (
        "MON-011",
        "hash",
        {
            "ab.py": "import hashlib\n\ndef variant(customer_id, salt):\n    return int(hashlib.sha256(f'{salt}{customer_id}'.encode()).hexdigest(), 16) % 2\n"  # noqa: E501
        },
        "ab.py",
    ),
    (
        "MON-012",
        "table",
        {
            "score.py": "def score(model, X, model_version):\n    out = X.assign(prediction=model.predict(X), model_version=model_version)\n    out.to_parquet('predictions.parquet')\n"  # noqa: E501
        },
        "score.py",
    ),
    (
        "MON-012",
        "databricks capture",
        {"resources/endpoint.yml": "auto_capture_config:\n  catalog_name: ml\n"},
        "resources/endpoint.yml",
    ),
]
FAILING = [
    ("MON-002", "no alerts", {"infra/main.tf": 'resource "x" "y" {}\n'}),
    ("MON-003", "no logging", {"serve.py": "from fastapi import FastAPI\napp = FastAPI()\n"}),
    ("MON-004", "no alert", {"jobs/check.py": "def row_count(df):\n    return len(df)\n"}),
    ("MON-005", "params only", {"train.py": "import mlflow\nmlflow.log_param('a', 1)\n"}),
    (
        "MON-007",
        "drift without alert",
        {"drift.py": "from scipy.stats import ks_2samp\nks_2samp(a, b)\n"},
    ),
    (
        "MON-011",
        "random draw",
        {"ab.py": "import random\n\ndef variant():\n    return random.choice(['a', 'b'])\n"},
    ),
    (
        "MON-012",
        "predict only",
        {"score.py": "def score(model, X):\n    return model.predict(X)\n"},
    ),
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
