"""Checks of the monitoring area: alerts, request logs, batch delivery, metrics, drift, A/B."""

from __future__ import annotations

from collections.abc import Callable

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.python import Module
from mlops_standards.scan.recognise import Sighting

from .judge import computed, first_per_path, looked, modules_with, random_value, seen, verdict
from .outcome import Evidence, Outcome, passed
from .registry import check

Sightings = Callable[[str], list[Sighting]]
TIMING = ("perf_counter", "monotonic", "time.time", "elapsed", "latency", "duration", "process_time")
VERSION_WORDS = ("model_version", "model_uri", "run_id", "model_id", "model_name", "version")
METRIC_CALLS = ("log_metric", "log_metrics", "report_scalar", "log_scalar", "evaluate")
ASSIGNMENT_WORDS = ("variant", "bucket", "treatment", "arm", "cohort", "experiment")


@check("MON-002")
def infrastructure_alerts(sightings: Sightings) -> Outcome:
    return verdict(first_per_path(seen(s) for s in sightings("alert-rule")),
                   looked("IaC and config", "alert-rule", detail="alert rules defined as code"))  # fmt: skip


@check("MON-003")
def requests_logged(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    serving = modules_with(sightings("http-serving"))
    found = [seen(s) for s in sightings("request-metrics") if s.path in serving]
    for path in sorted(serving):
        module = module_index.get(path)
        if module is None or not module.mentions("middleware", "before_request", "after_request"):
            continue
        calls = module.records.calls
        hooks = [c for c in calls if c.leaf in ("middleware", "add_middleware", "after_request")]
        timed = module.mentions(*TIMING)
        if hooks and timed and module.mentions("status_code") and module.mentions(*VERSION_WORDS):
            found.append(Evidence(path, hooks[0].line, "middleware logs latency, status and model version"))
    return verdict(found, looked("serving code", "request-metrics",
                                 detail="requests logged with latency, status code and model version"))  # fmt: skip


@check("MON-004")
def batch_delivery_monitored(sightings: Sightings, source_modules: list[Module], markers: Markers) -> Outcome:
    found = [seen(s) for s in sightings("delivery-check")]
    alerting = modules_with(sightings("alerting"))
    for module in source_modules:
        if module.path in alerting and module.mentions(*markers.delivery):
            found.append(Evidence(module.path, None, "batch completeness checked, with an alert"))
    return verdict(first_per_path(found), looked("code and config", "delivery-check",
                                                 detail="a completeness check of each batch with an alert"))  # fmt: skip


@check("MON-005", requires={"TR-004"})
def evaluation_metrics_logged(sightings: Sightings, markers: Markers) -> Outcome:
    training = modules_with(sightings("training")) | modules_with(sightings("pipeline-step"))
    found = []
    for s in sightings("experiment-tracking"):
        if s.kind == "content" and "evaluate" in s.what:
            found.append(seen(s))
        elif s.call is not None and s.call.leaf in METRIC_CALLS and (s.path in training or s.call.leaf == "evaluate"):
            values = [*s.call.args[1:2], *(v for v in s.call.args[:1] if isinstance(v, dict))]
            values += [s.call.keywords[k] for k in ("value", "metrics") if k in s.call.keywords]
            if s.call.leaf == "evaluate" or any(computed(v, markers) and not random_value(v, markers)
                                                for v in values):  # fmt: skip
                found.append(seen(s))
    return verdict(first_per_path(found), looked("training code", "experiment-tracking",
                                                 detail="evaluation metrics logged with each training run"))  # fmt: skip


@check("MON-007")
def drift_detected_with_alerts(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    failure_hooks = [seen(s) for s in sightings("failure-hook")]
    detectors = modules_with(s for s in sightings("drift-detection") if not s.path.startswith("tests/"))
    alerting = modules_with(sightings("alerting"))
    for path in sorted(detectors):
        if path in alerting:
            return passed(Evidence(path, None, "drift detected and alerted"))
        module = module_index.get(path)
        gates = [r for r in module.records.raises if r.guards] if module is not None else []
        if gates and failure_hooks and alerting:
            # A failing drift gate stops the pipeline, whose failure hook alerts people.
            return passed(Evidence(path, gates[0].line, "drift gate raises"), failure_hooks[0])
    where = [Evidence(p, None, "drift computed, no alert") for p in sorted(detectors)[:3]]
    return verdict([], *where, looked("*.py, *.ipynb", "drift-detection", "alerting",
                                      detail="drift compared with the training reference, with an alert"))  # fmt: skip


@check("MON-011")
def ab_assignment_sticky(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    found = []
    for s in sightings("hashing"):
        module = module_index.get(s.path)
        if module is not None and not module.is_test and module.mentions(*ASSIGNMENT_WORDS):
            found.append(seen(s, "variant derived from a hash"))
    return verdict(first_per_path(found), looked("*.py", "hashing",
                                                 detail="a variant derived from a hash of the customer ID"))  # fmt: skip


@check("MON-012")
def predictions_stored(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    found = [seen(s) for s in sightings("prediction-capture") if s.kind != "decorator"]
    steps = modules_with(sightings("pipeline-step"))
    writers = modules_with(sightings("batch-writing")) | steps
    for path in sorted(writers):
        module = module_index.get(path)
        if module is None or module.is_test or not module.mentions("predict"):
            continue
        predicts = [c for c in module.records.calls if c.leaf in ("predict", "predict_proba", "transform_batch")]
        if predicts and module.mentions(*VERSION_WORDS):
            found.append(Evidence(path, predicts[0].line, "predictions stored with the model version"))
    return verdict(first_per_path(found), looked("serving and scoring code", "prediction-capture",
                                                 detail="each prediction stored with its inputs and model version"))  # fmt: skip
