"""Checks of the traceability & reproducibility area: lineage, registry, pipelines, CD."""

from __future__ import annotations

from collections.abc import Callable

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.ci import PULL_REQUEST, TRIGGERS
from mlops_standards.scan.commands import Reach
from mlops_standards.scan.facts import JobReach, RequirementLine
from mlops_standards.scan.python import Module, Source
from mlops_standards.scan.recognise import Sighting
from mlops_standards.scan.tasks import Task

from .judge import (
    Trainers,
    computed,
    first_per_path,
    in_modules,
    logged_items,
    looked,
    modules_with,
    seen,
    verdict,
)
from .outcome import Evidence, Outcome, failed, passed
from .registry import check

Sightings = Callable[[str], list[Sighting]]
JobsRunning = Callable[..., list[tuple[JobReach, Sighting]]]
NOT_PULL_REQUESTS = frozenset(TRIGGERS) - {PULL_REQUEST}
COMMIT_KEYS = ("commit", "sha", "git", "revision", "build_id", "buildid", "source_version")
DATA_KEYS = (
    "hash",
    "digest",
    "signature",
    "checksum",
    "fingerprint",
    "sha",
    "data_version",
    "dataset_version",
    "data_snapshot",
)
SEED_KEYWORDS = ("random_state", "seed", "random_seed")
LOG_CALLS = ("set_tag", "set_tags", "log_param", "log_params", "log_dict", "update", "log")


def _job_evidence(pairs: list[tuple[JobReach, Sighting]]) -> list[Evidence]:
    return first_per_path(
        Evidence(s.path, s.line, f"{job.name}: {s.what}", via=(job.where,)) for job, s in pairs
    )


@check("TR-001")
def code_under_version_control(is_git_repository: bool) -> Outcome:
    if is_git_repository:
        return passed(Evidence(".git", None, "git repository"))
    return failed(Evidence(".", None, "looked for .git at or above the root"))


@check("TR-002")
def lock_file_committed(
    sightings: Sightings, requirements: list[RequirementLine], logical: dict[str, str]
) -> Outcome:
    locks = [seen(s, f"lock file ({s.label})") for s in sightings("lock-file")]
    if locks:
        return passed(*locks[:3])
    # The product's own requirements: those at the root when there are any, else all of them.
    own = [r for r in requirements if "/" not in logical.get(r.path, r.path)] or requirements
    loose = first_per_path(
        Evidence(r.path, r.line, f"not pinned: {r.text}") for r in own if not r.pinned
    )
    if own and not loose:
        return passed(
            *first_per_path(Evidence(r.path, None, "every requirement pinned") for r in own)
        )
    return failed(
        *loose, looked(".", "lock-file", detail="a lock file or requirements pinned with ==")
    )


@check("TR-003")
def environment_defined_as_code(sightings: Sightings) -> Outcome:
    return verdict(
        first_per_path(seen(s) for s in sightings("runtime-environment")),
        looked(".", "runtime-environment", detail="a container, conda or platform environment"),
    )


@check("TR-004")
def experiments_tracked(
    sightings: Sightings,
    code_sightings: Callable[..., list[Sighting]],
    module_index: dict[str, Module],
    markers: Markers,
) -> Outcome:
    training = Trainers(code_sightings, module_index, markers)
    tracking = sightings("experiment-tracking")
    found = [seen(s) for s in sightings("tracker-integration")]
    found += [
        seen(s)
        for s in tracking
        if s.path in training or s.kind == "content" or "autolog" in s.what
    ]
    return verdict(
        first_per_path(found),
        looked("training code", "experiment-tracking", detail="training runs logged to a tracker"),
    )


def _logs_from(
    modules: dict[str, Module],
    keys: tuple[str, ...],
    markers: Markers,
    sources: set[str],
    readers: Callable[[str], Module | None] | None = None,
    readers_of: set[str] = frozenset(),
) -> list[Evidence]:
    """Tracker calls that log one of `keys` with a value computed from a real source.

    A value may also come from a helper of the project: `set_tags({**git_tags()})` logs the
    commit when `git_tags` is defined in a module that reads it (`readers_of`).
    """
    found = []
    for path in sources:
        module = modules.get(path)
        for call in module.records.calls if module is not None else ():
            if call.leaf not in LOG_CALLS:
                continue
            for key, value in logged_items(call):
                if key == "**" and readers is not None:
                    for unpacked in value if isinstance(value, list) else [value]:
                        helper = readers(str(unpacked).removesuffix("()").rsplit(".", 1)[0])
                        if helper is not None and helper.path in readers_of:
                            found.append(
                                Evidence(path, call.line, f"logs {unpacked} from {helper.path}")
                            )
                elif any(k in str(key).lower() for k in keys) and computed(value, markers):
                    found.append(Evidence(path, call.line, f"logs {key} = {value}"))
    return found


@check("TR-005", requires={"TR-004"})
def commit_logged_with_run(
    sightings: Sightings,
    module_index: dict[str, Module],
    module_named: Callable[[str], Module | None],
    markers: Markers,
) -> Outcome:
    found = [seen(s) for s in sightings("implicit-commit") if s.kind != "file"]
    # A commit logged by hand counts where the code also reads the commit from git or CI,
    # in the tracking module itself or in the project's helper it unpacks into the tags.
    sources = modules_with(s for s in sightings("commit-tag") if s.kind in ("string", "call"))
    tracked = modules_with(sightings("experiment-tracking"))
    found += _logs_from(module_index, COMMIT_KEYS, markers, sources & tracked)
    found += _logs_from(
        module_index, COMMIT_KEYS, markers, tracked - sources, module_named, sources
    )
    return verdict(
        first_per_path(found),
        looked(
            "tracking code",
            "commit-tag",
            "implicit-commit",
            detail="the git commit recorded with each run",
        ),
    )


@check("TR-006")
def training_data_versioned(
    sightings: Sightings, module_index: dict[str, Module], markers: Markers
) -> Outcome:
    found = []
    for s in sightings("data-versioning"):
        artifact = s.call is not None and s.call.name.endswith("Artifact")
        kind = str(s.call.keywords.get("type", "")) if s.call is not None else ""
        if not artifact or kind.lower() in ("dataset", "data", "raw_data", "training_data"):
            found.append(seen(s))
    # A content hash of the data, logged with the run.
    hashed = modules_with(sightings("hashing")) & modules_with(sightings("experiment-tracking"))
    for path in hashed:
        module = module_index[path]
        if any(any(k in text.lower() for k in DATA_KEYS) for text, _ in module.records.strings):
            found.append(Evidence(path, None, "a hash of the data logged with the run"))
    return verdict(
        first_per_path(found),
        looked(".", "data-versioning", detail="versioned data or a data hash logged with each run"),
    )


@check("TR-007", requires={"TR-004"})
def environment_logged_with_run(sightings: Sightings) -> Outcome:
    found = [seen(s) for s in sightings("model-logging")]
    for s in sightings("experiment-tracking"):
        logged = s.call.strings if s.call is not None and "artifact" in s.call.leaf else ()
        if any(
            w in text.lower()
            for text in logged
            for w in ("lock", "requirements", "conda", "dockerfile")
        ):
            found.append(seen(s, "environment file logged as an artifact"))
    return verdict(
        first_per_path(found),
        looked("tracking code", "model-logging", detail="a model logged with its environment"),
    )


@check("TR-008", requires={"TR-004"})
def models_registered_by_version(sightings: Sightings) -> Outcome:
    registered = [
        s
        for s in sightings("model-registration")
        if not (
            s.call is not None
            and s.call.leaf == "log_artifact"
            and "aliases" not in s.call.keywords
        )
    ]
    addressed = sightings("model-addressing") + sightings("model-promotion")
    if registered and addressed:
        return passed(seen(registered[0]), seen(addressed[0]))
    return failed(
        *(seen(s) for s in registered[:1]),
        *(seen(s) for s in addressed[:1]),
        looked(
            ".",
            "model-registration",
            "model-addressing",
            detail="models registered and loaded by version or alias",
        ),
    )


def _drawn_seeds(modules: list[Module], markers: Markers) -> list[Evidence]:
    """Seeds drawn at random on each run: no two runs share them."""
    found = []
    for module in modules:
        if not module.mentions("seed", "random_state"):
            continue
        for call in module.records.calls:
            for key in SEED_KEYWORDS:
                value = call.keywords.get(key)
                if isinstance(value, Source) and markers.is_random(value):
                    found.append(
                        Evidence(module.path, call.line, f"seed drawn at random: {key}={value}")
                    )
        for assignment in module.records.assignments:
            if (
                "seed" in assignment.target.lower() or "random_state" in assignment.target.lower()
            ) and markers.is_random(assignment.source):
                found.append(
                    Evidence(
                        module.path,
                        assignment.line,
                        f"seed drawn at random: {assignment.target} = {assignment.source}",
                    )
                )
    return found


@check("TR-009")
def seeds_fixed(
    sightings: Sightings,
    code_sightings: Callable[..., list[Sighting]],
    source_modules: list[Module],
    module_index: dict[str, Module],
    markers: Markers,
) -> Outcome:
    # A seed drawn at random where the model is trained or the pipeline defined; inference
    # scripts that average over several drawn seeds do not make training irreproducible.
    trainers = Trainers(code_sightings, module_index, markers)
    pipelines = modules_with(sightings("pipeline"))
    drawing = [m for m in source_modules if m.mentions(*markers.random_leaves)]
    candidates = [
        m
        for m in drawing
        if (m.path in pipelines or m.path in trainers)
        and "serving" not in markers.steps_named(m.path.rsplit(".", 1)[0])
    ]
    drawn = _drawn_seeds(candidates, markers)
    if drawn:
        return failed(*drawn[:3])
    found = []
    for s in sightings("seeding", limit=5):
        values = (
            [
                *s.call.args[:1],
                *(s.call.keywords.get(k) for k in ("random_state", "seed", "random_seed")),
            ]
            if s.call is not None
            else []
        )
        values = [v for v in values if v is not None]
        if values and not any(isinstance(v, Source) and markers.is_random(v) for v in values):
            found.append(seen(s))
    return verdict(
        first_per_path(found),
        looked("training code", "seeding", detail="seeds or random_state fixed for training"),
    )


def _trains(path: str, modules: dict[str, Module], training: Trainers) -> bool:
    """Whether a pipeline module trains, or names a training step or component."""
    if path in training:
        return True
    module = modules.get(path)
    if module is None:
        return False
    names = [f.name for f in module.records.functions] + [c.name for c in module.records.calls]
    names += [text for text, _ in module.records.strings]
    return any("train" in name.lower() for name in names)


@check("TR-010")
def training_pipeline_automated(
    sightings: Sightings,
    jobs_running: JobsRunning,
    markers: Markers,
    code_sightings: Callable[..., list[Sighting]],
    module_index: dict[str, Module],
    structured_text: Callable[[str], str],
    task_definitions: list[Task],
    task_reach: Callable[[Task], Reach],
    command_sightings: Callable[..., list[Sighting]],
    ci_jobs: list[JobReach],
    project_scripts: dict[str, str],
) -> Outcome:
    training = Trainers(code_sightings, module_index, markers)
    found = []
    for s in sightings("pipeline"):
        if s.kind in ("call", "decorator", "base", "import"):
            if _trains(s.path, module_index, training):
                found.append(seen(s))
        elif "train" in structured_text(s.path).lower():
            found.append(seen(s))
    runs = [(job, s) for job, s in jobs_running("pipeline-run", NOT_PULL_REQUESTS)]
    runs += [(job, s) for job, s in jobs_running("training", NOT_PULL_REQUESTS)]
    found += _job_evidence(runs)
    # A CI job that runs the project's own training command (`demand-forecast train`).
    for job in ci_jobs:
        if job.disabled or not job.triggers & NOT_PULL_REQUESTS:
            continue
        for reached in job.reach.commands:
            words = (reached.command.program, *reached.command.args[:2])
            if reached.command.program in project_scripts and any(
                markers.steps_named(w) == {"training"} for w in words
            ):
                found.append(
                    Evidence(
                        reached.path,
                        reached.command.line,
                        f"{job.name}: runs {' '.join(words)}",
                        via=(job.where,),
                    )
                )
    found += [
        seen(s)
        for s in sightings("pipeline-run")
        if s.kind == "command" and "train" in s.what.lower()
    ]
    # A task that runs the pipeline's training job: `mise run project:run training`, `make train`.
    for task in task_definitions:
        scripts = " ".join(text for text, _ in task.scripts)
        if "train" in f"{task.name} {scripts}".lower():
            runs = command_sightings("pipeline-run", task_reach(task).commands)
            found += (
                [Evidence(task.path, task.line, f"task {task.name}: {runs[0].what}")]
                if runs
                else []
            )
    return verdict(
        first_per_path(found),
        looked(
            ".",
            "pipeline",
            "pipeline-run",
            detail="a training pipeline, platform job or CI job that trains",
        ),
    )


@check("TR-011")
def infrastructure_as_code(sightings: Sightings) -> Outcome:
    return verdict(
        first_per_path(seen(s) for s in sightings("infrastructure")),
        looked(".", "infrastructure", detail="infrastructure code"),
    )


@check("TR-013", requires={"TR-011"})
def infrastructure_applied_by_cd(jobs_running: JobsRunning) -> Outcome:
    return verdict(
        _job_evidence(jobs_running("iac-apply", NOT_PULL_REQUESTS)),
        looked(
            "CI configuration",
            "iac-apply",
            detail="a pipeline that applies the infrastructure code from the default branch",
        ),
    )


@check("TR-015")
def several_environments(
    deployment_environments: dict[str, tuple[str, int | None, str]],
) -> Outcome:
    found = [Evidence(path, line, what) for path, line, what in deployment_environments.values()]
    if len(found) >= 2:
        return passed(*found)
    return failed(
        *found,
        looked(".", detail="two or more deployment environments (dev, test, acc, staging, prod)"),
    )


@check("TR-017")
def model_deployed_by_cd(jobs_running: JobsRunning) -> Outcome:
    return verdict(
        _job_evidence(jobs_running("deploy", NOT_PULL_REQUESTS)),
        looked(
            "CI configuration",
            "deploy",
            detail="a pipeline on the default branch or a tag that deploys",
        ),
    )


def _code_gates(modules: list[Module], sightings: Sightings, markers: Markers) -> list[Evidence]:
    """Functions that promote, register or deploy a model after comparing it with the current."""
    acting = {
        (s.path, s.line)
        for p in ("model-promotion", "model-registration", "deploy")
        for s in sightings(p)
        if s.line
    }
    paths = {path for path, _ in acting}
    found = []
    for module in modules:
        if module.path not in paths:
            continue
        for function in module.records.functions:
            lines = {c.line for c in module.records.calls if c.function == function.name}
            acts = any((module.path, line) in acting for line in lines)
            if acts and markers.compares_models(function.compared):
                found.append(
                    Evidence(
                        module.path, function.line, f"{function.name} compares before promoting"
                    )
                )
    return found


def _gates(sightings: Sightings, source_modules: list[Module], markers: Markers) -> list[Evidence]:
    """Evaluation gates: a platform gate, or code comparing with the current model, in code
    that then promotes, registers or deploys (a validation after the promotion only reports)."""
    acting = modules_with(
        s for p in ("model-promotion", "model-registration", "deploy") for s in sightings(p)
    )
    found = [seen(s) for s in sightings("evaluation-gate") if s.path in acting]
    return found + _code_gates(source_modules, sightings, markers)


@check("TR-019")
def evaluation_gate_before_serving(
    sightings: Sightings, source_modules: list[Module], markers: Markers
) -> Outcome:
    return verdict(
        first_per_path(_gates(sightings, source_modules, markers)),
        looked(
            "pipeline code",
            "evaluation-gate",
            detail="a candidate compared with the current model before promotion",
        ),
    )


@check("TR-022")
def models_promoted_by_pipeline(
    jobs_running: JobsRunning, sightings: Sightings, source_modules: list[Module], markers: Markers
) -> Outcome:
    deploying = [(job, s) for job, s in jobs_running("deploy", NOT_PULL_REQUESTS)]
    deploys = _job_evidence(deploying)
    pipelines = modules_with(s for s in sightings("pipeline") if s.kind in ("decorator", "call"))
    deploys += [
        seen(s)
        for s in sightings("deploy")
        if s.kind == "call" and s.path in pipelines | _steps(sightings)
    ]
    deployed_modules = {s.path for _, s in deploying} | {e.path for e in deploys}
    chosen = [seen(s) for s in sightings("model-promotion")]
    chosen += _gates(sightings, source_modules, markers)
    chosen += [seen(s) for s in in_modules(sightings("model-addressing"), deployed_modules)]
    if deploys and chosen:
        return passed(deploys[0], chosen[0])
    return failed(
        *deploys[:1],
        *chosen[:1],
        looked(
            ".",
            "deploy",
            "model-promotion",
            detail="a pipeline that deploys a model version it selected itself",
        ),
    )


def _steps(sightings: Sightings) -> set[str]:
    """Modules that define pipeline steps (ZenML steps, KFP components...)."""
    return modules_with(s for s in sightings("data-versioning") if s.kind == "decorator")
