"""Checks of the monitoring area: alerts, request logs, batch delivery, metrics, drift, A/B."""

from __future__ import annotations

from collections.abc import Callable

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.python import Module, Source
from mlops_standards.scan.recognise import Sighting

from .judge import (
    Trainers,
    computed,
    first_per_path,
    looked,
    modules_with,
    random_value,
    seen,
    verdict,
)
from .outcome import Evidence, Outcome
from .registry import check

Sightings = Callable[[str], list[Sighting]]
TIMING = (
    "perf_counter",
    "monotonic",
    "time.time",
    "elapsed",
    "latency",
    "duration",
    "process_time",
)
VERSION_WORDS = (
    "model_version",
    "model_uri",
    "run_id",
    "model_id",
    "model version",
    "modelversion",
    "registered_model_version",
)


@check("MON-002")
def infrastructure_alerts(sightings: Sightings) -> Outcome:
    return verdict(
        first_per_path(seen(s) for s in sightings("alert-rule")),
        looked("IaC and config", "alert-rule", detail="alert rules defined as code"),
    )


@check("MON-003")
def requests_logged(
    sightings: Sightings,
    module_index: dict[str, Module],
    imported: Callable[[Module], list[Module]],
) -> Outcome:
    # Serving code: the service's modules and the project's modules they import (middleware).
    serving = modules_with(sightings("http-serving"))
    serving |= {
        m.path
        for path in list(serving)
        if path in module_index
        for m in imported(module_index[path])
    }
    found = [seen(s) for s in sightings("request-metrics") if s.path in serving]
    for path in sorted(serving):
        module = module_index.get(path)
        if module is None or not module.mentions("middleware", "before_request", "after_request"):
            continue
        calls = module.records.calls
        hooks = [c for c in calls if c.leaf in ("middleware", "add_middleware", "after_request")]
        timed = module.mentions(*TIMING)
        if hooks and timed and module.mentions("status_code") and module.mentions(*VERSION_WORDS):
            found.append(
                Evidence(path, hooks[0].line, "middleware logs latency, status and model version")
            )
    return verdict(
        found,
        looked(
            "serving code",
            "request-metrics",
            detail="requests logged with latency, status code and model version",
        ),
    )


@check("MON-004")
def batch_delivery_monitored(
    sightings: Sightings, source_modules: list[Module], markers: Markers
) -> Outcome:
    found = [seen(s) for s in sightings("delivery-check")]
    alerting = modules_with(sightings("alerting"))
    for module in source_modules:
        if module.path in alerting and module.mentions(*markers.delivery):
            found.append(Evidence(module.path, None, "batch completeness checked, with an alert"))
    return verdict(
        first_per_path(found),
        looked(
            "code and config",
            "delivery-check",
            detail="a completeness check of each batch with an alert",
        ),
    )


@check("MON-005", requires={"TR-004"})
def evaluation_metrics_logged(
    sightings: Sightings,
    code_sightings: Callable[..., list[Sighting]],
    module_index: dict[str, Module],
    markers: Markers,
) -> Outcome:
    trainers = Trainers(code_sightings, module_index, markers)
    found = []
    for s in sightings("metric-logging"):
        if s.kind == "content" or (s.call is not None and s.call.leaf == "evaluate"):
            found.append(seen(s))
        elif s.call is not None and (
            s.path in trainers or code_sightings("model-evaluation", [module_index[s.path]])
        ):
            # A metric is a measurement: computed from the run, not a literal or a random draw.
            values = [
                v
                for v in (*s.call.args, *s.call.keywords.values())
                if not isinstance(v, str) or isinstance(v, Source)
            ]
            if any(computed(v, markers) and not random_value(v, markers) for v in values):
                found.append(seen(s))
    return verdict(
        first_per_path(found),
        looked(
            "training code",
            "metric-logging",
            detail="evaluation metrics logged with each training run",
        ),
    )


@check("MON-007")
def drift_detected_with_alerts(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    detectors = modules_with(sightings("drift-detection"))
    alerting = modules_with(sightings("alerting"))
    found = [
        Evidence(path, None, "drift detected and alerted") for path in sorted(detectors & alerting)
    ]
    # A drift gate that fails the pipeline run, whose failure hook alerts people.
    hooks = [seen(s) for s in sightings("failure-hook")]
    gates = [
        (m.path, r)
        for m in module_index.values()
        if detectors and m.mentions("drift") and not m.is_test
        for r in m.records.raises
        if r.guards
    ]
    if gates and hooks and alerting:
        found.append(Evidence(gates[0][0], gates[0][1].line, "drift gate fails the run"))
        found.append(hooks[0])
    where = [Evidence(p, None, "drift computed, no alert") for p in sorted(detectors)[:3]]
    return verdict(
        found,
        *where,
        looked(
            "*.py, *.ipynb",
            "drift-detection",
            "alerting",
            detail="drift compared with the training reference, with an alert",
        ),
    )


@check("MON-011")
def ab_assignment_sticky(
    sightings: Sightings, module_index: dict[str, Module], markers: Markers
) -> Outcome:
    found = []
    for s in sightings("hashing"):
        module = module_index.get(s.path)
        if module is None:
            continue
        records = module.records
        names = [f.name for f in records.functions] + [a.target for a in records.assignments]
        names += [text for text, _ in records.strings]
        if markers.names_any(names, markers.ab_assignment):
            found.append(seen(s, "variant derived from a hash"))
    return verdict(
        first_per_path(found),
        looked("*.py", "hashing", detail="a variant derived from a hash of the customer ID"),
    )


@check("MON-012")
def predictions_stored(
    sightings: Sightings, module_index: dict[str, Module], markers: Markers
) -> Outcome:
    found = [seen(s) for s in sightings("prediction-capture")]
    writers = modules_with(sightings("batch-writing"))
    # Steps whose outputs the platform versions and links to the model version (ZenML).
    versioned = modules_with(s for s in sightings("data-versioning") if s.kind == "decorator")
    evaluating = modules_with(sightings("model-evaluation"))
    for path in sorted(writers | versioned):
        module = module_index.get(path)
        if module is None or module.notebook or not module.mentions(*markers.prediction_calls):
            continue
        if path in evaluating and path not in versioned:
            continue  # predictions written to compute metrics are an evaluation, not a record
        predicts = [c for c in module.records.calls if c.leaf in markers.prediction_calls]
        if predicts and (path in versioned or module.mentions(*VERSION_WORDS)):
            found.append(
                Evidence(path, predicts[0].line, "predictions stored with the model version")
            )
    return verdict(
        first_per_path(found),
        looked(
            "serving and scoring code",
            "prediction-capture",
            detail="each prediction stored with its inputs and model version",
        ),
    )
