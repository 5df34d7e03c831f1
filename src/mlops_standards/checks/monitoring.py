"""Checks of the monitoring area."""

from __future__ import annotations

import re

from mlops_standards.scan.python import Call, Module
from mlops_standards.scan.repository import Parsed

from .outcome import Evidence, Outcome, failed, passed
from .registry import check
from .search import calls, grep, importing, looked, named, verdict
from .search import paths as matching

ALERT_RULES = (
    r"azurerm_monitor_\w*alert|aws_cloudwatch_metric_alarm|google_monitoring_alert_policy"
    r"|datadog_monitor|newrelic_\w*alert|grafana_rule_group|Microsoft\.Insights/(metricAlerts"
    r"|scheduledQueryRules)|AWS::CloudWatch::Alarm|kind:\s*PrometheusRule|^\s*-\s*alert:\s*\S"
)
ALERT = r"(?i)alert|notify|slack|pagerduty|opsgenie|webhook|send_mail|raise\s+\w+"
SERVING = ("fastapi", "flask", "starlette", "litestar", "bentoml")
INSTRUMENTATION = (
    "prometheus_fastapi_instrumentator",
    "starlette_exporter",
    "prometheus_flask_exporter",
    "opentelemetry.instrumentation",
)
DELIVERY = (
    r"freshness|completeness|row_?count|expected_rows|missing_(batch|partition|rows)"
    r"|batch_(complete|arrived|delivered)|check_delivery|delivery_check"
)
DRIFT_PACKAGES = ("evidently", "nannyml", "whylogs", "alibi_detect", "deepchecks", "frouros")
DRIFT_CALL = (
    r"(^|\.)(ks_2samp|wasserstein_distance|jensenshannon|chi2_contingency|\w*psi|"
    r"population_stability\w*|\w*drift\w*)$"
)
METRIC_CALL = (
    r"(^|\.)(log_metrics?|report_scalar|log_scalar)$|^wandb\.log$|^mlflow\.(models\.)?evaluate$"
)
METRIC_WORDS = ("log_metric", "report_scalar", "log_scalar", "wandb", "evaluate")
DRIFT_WORDS = ("ks_2samp", "wasserstein", "jensenshannon", "chi2_contingency", "psi", "population",
               "drift")  # fmt: skip
HASHING = r"^(hashlib\.\w+|mmh3\.\w+|xxhash\.\w+|zlib\.crc32|\w+\.hash_pandas_object)$"
CAPTURE = r"auto_capture_config|inference_table|DataCaptureConfig|data_collector|enable_capture"
STORE = (
    r"\.(to_sql|to_parquet|to_csv|saveAsTable|insertInto|insert_rows\w*|insert_one|insert_many"
    r"|put_item|log_table|executemany)\b"
)


@check("MON-002")
def infrastructure_alerts(config_texts: list[Parsed[str]], paths: list[str]) -> Outcome:
    found = grep(config_texts, ALERT_RULES, "alert rule")
    found += matching(paths, r"(^|/)(alerts?|prometheus)[^/]*/[^/]*rules?[^/]*\.ya?ml$", "rules")
    return verdict(found, looked("IaC and config", "metric alerts, Prometheus rules or monitors"))


@check("MON-003")
def requests_logged(source_modules: list[Module]) -> Outcome:
    serving = importing(source_modules, *SERVING)
    found = [
        Evidence(m.path, detail="request metrics") for m in importing(serving, *INSTRUMENTATION)
    ]
    for module in serving:
        middleware = calls([module], named(r"(\.middleware|add_middleware)$"), ("middleware",))
        timing = grep([module], r"(?i)latency|elapsed|duration|perf_counter|process_time", "time")
        status = grep([module], r"status_code", "status code")
        if middleware and timing and status:
            found += [middleware[0], timing[0], status[0]]
    return verdict(found, looked("serving code", "middleware logging latency and status codes"))


@check("MON-004")
def batch_delivery_monitored(
    source_modules: list[Module], config_texts: list[Parsed[str]]
) -> Outcome:
    found = grep(config_texts, r"^\s+(warn_after|error_after):", "dbt source freshness")
    # The cheap search over every module first; the alert is looked for only where it matters.
    for delivery in grep(source_modules, DELIVERY, "delivery check"):
        alert = grep([m for m in source_modules if m.path == delivery.path], ALERT, "alert")
        found += [delivery, alert[0]] if alert else []
    return verdict(
        found, looked("code and config", "a completeness check of each batch with an alert")
    )


@check("MON-005", requires={"TR-004"})
def evaluation_metrics_logged(source_modules: list[Module]) -> Outcome:
    found = calls(source_modules, named(METRIC_CALL), METRIC_WORDS)
    return verdict(found, looked("tracking code", "metrics logged to the tracker"))


@check("MON-007")
def drift_detected_with_alerts(source_modules: list[Module]) -> Outcome:
    detectors = importing(source_modules, *DRIFT_PACKAGES)
    detectors += [
        m
        for m in source_modules
        if m not in detectors and calls([m], named(DRIFT_CALL), DRIFT_WORDS)
    ]
    for module in detectors:
        alert = grep([module], ALERT, "alert")
        if alert:
            return passed(Evidence(module.path, detail="drift detection"), alert[0])
    where = [Evidence(m.path, detail="drift computed, no alert") for m in detectors]
    return failed(
        *where, looked("*.py, *.ipynb", "a drift statistic (PSI, KS, Evidently...) with an alert")
    )


@check("MON-011")
def ab_assignment_sticky(source_modules: list[Module]) -> Outcome:
    found = []
    for module in source_modules:
        if not module.mentions("variant", "bucket", "treatment", "experiment"):
            continue
        hashes = calls([module], named(HASHING), ("hash", "crc32"))
        assigns = grep([module], r"variant|bucket|treatment|experiment", "assignment")
        found += [hashes[0], assigns[0]] if hashes and assigns else []
    return verdict(found, looked("*.py", "a variant derived from a hash of the customer ID"))


@check("MON-012")
def predictions_stored(source_modules: list[Module], config_texts: list[Parsed[str]]) -> Outcome:
    found = grep([*source_modules, *config_texts], CAPTURE, "payload capture")
    writers = {e.path: e for e in grep(source_modules, STORE, "prediction written")}
    for module in (m for m in source_modules if m.path in writers):
        version = grep([module], r"model_version|model_uri|run_id", "model version")
        if version and _predicts(module):
            found += [writers[module.path], version[0]]
    return verdict(
        found,
        looked(
            "serving and scoring code", "predictions written with their inputs and model version"
        ),
    )


def _predicts(module: Module) -> bool:
    return module.mentions("predict") and any(_is_predict(c) for c in module.calls)


def _is_predict(call: Call) -> bool:
    return bool(re.search(r"(^|\.)predict(_proba)?$", call.name))
