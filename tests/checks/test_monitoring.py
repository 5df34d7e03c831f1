"""Monitoring checks, each as twins: a passing repository and the smallest change that fails it.

The failing twin is the near miss a reviewer would reject: a metric that is only computed,
drift that nobody hears about, a hash that is not an assignment, predictions written without
the model that made them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import Twin, check_twin

TRACKED = {
    "src/pkg/train.py": "import mlflow\nfrom sklearn.linear_model import Ridge\n\n"
    "with mlflow.start_run():\n    model = Ridge().fit(x, y)\n"
}
MIDDLEWARE = """import time
from fastapi import FastAPI, Request

app = FastAPI()
MODEL_VERSION = "3"


@app.middleware("http")
async def log_requests(request: Request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    logger.info("served", extra={"status_code": response.status_code,
                                 "latency": time.perf_counter() - start, "model_version": MODEL_VERSION})
    return response
"""
DRIFT = """from scipy.stats import ks_2samp


def compare(reference, live):
    if ks_2samp(reference, live).pvalue < 0.01:
        send_alert("feature drift")
"""

TWINS = [
    Twin(
        "MON-002",
        "a Prometheus alert rule, not a recording rule",
        {
            "monitoring/rules.yml": "groups:\n  - name: forecast\n    rules:\n      - alert: HighLatency\n        expr: latency > 1\n"
        },
        {
            "monitoring/rules.yml": "groups:\n  - name: forecast\n    rules:\n      - record: job:latency:p95\n        expr: latency\n"
        },
        "monitoring/rules.yml",
    ),
    Twin(
        "MON-002",
        "a Terraform alarm resource",
        {
            "infra/alerts.tf": 'resource "aws_cloudwatch_metric_alarm" "latency" {\n  threshold = 1\n}\n'
        },
        {"infra/alerts.tf": 'resource "aws_s3_bucket" "models" {\n  bucket = "models"\n}\n'},
    ),
    Twin(
        "MON-002",
        "a job that e-mails on failure",
        {
            "databricks.yml": "resources:\n  jobs:\n    train:\n      email_notifications:\n        on_failure: [team@example.com]\n"
        },
        {
            "databricks.yml": "resources:\n  jobs:\n    train:\n      email_notifications:\n        on_failure: []\n"
        },
    ),
    Twin(
        "MON-003",
        "middleware logs latency, status and model version",
        {"service/app.py": MIDDLEWARE},
        {"service/app.py": MIDDLEWARE.replace(', "model_version": MODEL_VERSION', "")},
        "service/app.py",
    ),
    Twin(
        "MON-003",
        "an instrumented service, not instrumentation in a script",
        {
            "service/app.py": "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app).expose(app)\n"
        },
        {
            "service/app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "scripts/metrics.py": "from prometheus_fastapi_instrumentator import Instrumentator\n\nInstrumentator()\n",
        },
    ),
    Twin(
        "MON-004",
        "a completeness check of each batch, with an alert",
        {
            "jobs/score.py": "def check_delivery(frame, expected_rows):\n    if len(frame) < expected_rows:\n        send_alert('batch incomplete')\n"
        },
        {
            "jobs/score.py": "def check_delivery(frame, expected_rows):\n    if len(frame) < expected_rows:\n        print('batch incomplete')\n"
        },
    ),
    Twin(
        "MON-004",
        "dbt source freshness",
        {
            "models/sources.yml": "sources:\n  - name: sales\n    freshness:\n      warn_after: {count: 12, period: hour}\n    loaded_at_field: loaded_at\n"
        },
        {"models/sources.yml": "sources:\n  - name: sales\n    tables:\n      - name: orders\n"},
    ),
    Twin(
        "MON-005",
        "a computed metric logged with the run",
        {
            **TRACKED,
            "src/pkg/evaluate.py": "import mlflow\nfrom sklearn.metrics import mean_absolute_error\n\n"
            "def evaluate(model, x, y):\n    mlflow.log_metric('mae', mean_absolute_error(y, model.predict(x)))\n",
        },
        {
            **TRACKED,
            "src/pkg/evaluate.py": "import mlflow\nfrom sklearn.metrics import mean_absolute_error\n\n"
            "def evaluate(model, x, y):\n    mlflow.log_metric('mae', 0.5)\n",
        },
    ),
    Twin(
        "MON-005",
        "a metric measured, not drawn at random",
        {
            **TRACKED,
            "src/pkg/train.py": TRACKED["src/pkg/train.py"]
            + "    mlflow.log_metric('r2', model.score(x, y))\n",
        },
        {
            **TRACKED,
            "src/pkg/train.py": "import random\n"
            + TRACKED["src/pkg/train.py"]
            + "    mlflow.log_metric('r2', random.random())\n",
        },
    ),
    Twin(
        "MON-007",
        "drift compared and alerted",
        {"monitoring/drift.py": DRIFT},
        {
            "monitoring/drift.py": DRIFT.replace(
                'send_alert("feature drift")', 'print("feature drift")'
            )
        },
        "monitoring/drift.py",
    ),
    Twin(
        "MON-007",
        "a drift gate that fails the run, whose failure hook alerts",
        {
            "pipelines/monitor.py": "from evidently import Report\nfrom zenml import pipeline, step\n\n"
            "from hooks import notify_on_failure\n\n\n@step\ndef drift_gate(report):\n"
            "    if report['drift_share'] > 0.3:\n        raise RuntimeError('drift')\n\n\n"
            "@pipeline(on_failure=notify_on_failure)\ndef monitor():\n    drift_gate(Report())\n",
            "hooks.py": "from zenml.client import Client\n\n\ndef notify_on_failure():\n    Client().active_stack.alerter.post('monitoring failed')\n",
        },
        {
            "pipelines/monitor.py": "from evidently import Report\nfrom zenml import pipeline, step\n\n\n@step\n"
            "def drift_report(report):\n    return report['drift_share']\n\n\n"
            "@pipeline\ndef monitor():\n    drift_report(Report())\n"
        },
    ),
    Twin(
        "MON-011",
        "a variant derived from a hash of the customer",
        {
            "serving/assign.py": "import hashlib\n\n\ndef variant(customer_id: str) -> str:\n"
            "    bucket = int(hashlib.sha256(customer_id.encode()).hexdigest(), 16) % 100\n"
            "    return 'challenger' if bucket < 10 else 'champion'\n"
        },
        {
            "serving/cache.py": "import hashlib\n\n\ndef cache_key(payload: bytes) -> str:\n    return hashlib.sha256(payload).hexdigest()\n"
        },
    ),
    Twin(
        "MON-012",
        "predictions written with the model version",
        {
            "jobs/score.py": "import mlflow\n\nmodel_uri = 'models:/forecast@champion'\nmodel = mlflow.pyfunc.load_model(model_uri)\n"
            "frame['prediction'] = model.predict(frame)\nframe['model_uri'] = model_uri\nframe.to_parquet('out.parquet')\n"
        },
        {
            "jobs/score.py": "import mlflow\n\nmodel = mlflow.pyfunc.load_model('models:/forecast@champion')\n"
            "frame['prediction'] = model.predict(frame)\nframe.to_parquet('out.parquet')\n"
        },
        "jobs/score.py",
    ),
    Twin(
        "MON-012",
        "the platform captures requests and responses",
        {
            "deploy.py": "from sagemaker.model_monitor import DataCaptureConfig\n\ncapture = DataCaptureConfig(enable_capture=True, sampling_percentage=100)\n"
        },
        {
            "deploy.py": "from sagemaker.model import Model\n\nModel(image_uri=image).deploy(initial_instance_count=1)\n"
        },
    ),
]


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.id)
def test_monitoring_twin(tmp_path: Path, twin: Twin) -> None:
    check_twin(tmp_path, twin)
