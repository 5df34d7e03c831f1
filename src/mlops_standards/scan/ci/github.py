"""GitHub Actions: workflows, reusable workflows and composite actions.

https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions
"""

from __future__ import annotations

from typing import Any

from .model import (
    CALLED,
    DEFAULT_BRANCHES,
    EVENT,
    MANUAL,
    PULL_REQUEST,
    PUSH_DEFAULT,
    PUSH_OTHER,
    SCHEDULE,
    TAG,
    Job,
    Pipeline,
    Step,
)
from .text import as_list, disabled, line_of, text_lines

EVENTS = {
    "pull_request": PULL_REQUEST,
    "pull_request_target": PULL_REQUEST,
    "merge_group": PULL_REQUEST,
    "schedule": SCHEDULE,
    "release": TAG,
    "workflow_dispatch": MANUAL,
    "repository_dispatch": EVENT,
    "workflow_run": EVENT,
    "workflow_call": CALLED,
    "registry_package": EVENT,
    "deployment": EVENT,
    "check_suite": EVENT,
    "page_build": EVENT,
}


def _branches_hit_default(branches: list[str]) -> bool:
    return any(b in DEFAULT_BRANCHES or b in ("*", "**") or b.startswith("$") for b in branches)


def _push(spec: Any) -> set[str]:
    spec = spec if isinstance(spec, dict) else {}
    found = set()
    if "tags" in spec:
        found.add(TAG)
    if "branches" in spec:
        found.add(PUSH_DEFAULT if _branches_hit_default(as_list(spec["branches"])) else PUSH_OTHER)
    elif "branches-ignore" in spec:
        ignored = as_list(spec["branches-ignore"])
        found.add(PUSH_OTHER if any(b in DEFAULT_BRANCHES for b in ignored) else PUSH_DEFAULT)
    elif "tags" not in spec:
        found |= {PUSH_DEFAULT, PUSH_OTHER}
    return found


def _events(data: dict) -> tuple[set[str], list[str]]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = data.get("on", data.get(True))
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = dict.fromkeys(on)
    triggers: set[str] = set()
    paths: list[str] = []
    for event, spec in (on or {}).items() if isinstance(on, dict) else ():
        if event == "push":
            triggers |= _push(spec)
        elif event in EVENTS:
            triggers.add(EVENTS[event])
        if event in ("push", "pull_request", "pull_request_target") and isinstance(spec, dict):
            paths += as_list(spec.get("paths"))
    return triggers, paths


def _steps(raw: Any, lines: dict[str, int]) -> tuple[Step, ...]:
    steps = []
    for index, step in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(step, dict):
            continue
        line = line_of(raw, index)
        directory = step.get("working-directory")
        run = step.get("run")
        script = str(run) if isinstance(run, str) else None
        uses = step.get("uses")
        inputs = step.get("with") if isinstance(step.get("with"), dict) else {}
        steps.append(
            Step(
                line,
                str(step.get("name") or ""),
                script,
                text_lines(run, line),
                str(uses) if isinstance(uses, str) else None,
                inputs,
                str(directory) if isinstance(directory, str) else None,
                disabled(step.get("if")),
            )
        )
    return tuple(steps)


def workflow(path: str, data: Any) -> Pipeline:
    """A workflow file of `.github/workflows/`."""
    if not isinstance(data, dict):
        return Pipeline(path, "github-actions", error="not a mapping of workflow keys")
    triggers, paths = _events(data)
    jobs = []
    raw_jobs = data.get("jobs") if isinstance(data.get("jobs"), dict) else {}
    for name, job in raw_jobs.items():
        if not isinstance(job, dict):
            continue
        environment = job.get("environment")
        if isinstance(environment, dict):
            environment = environment.get("name")
        uses = job.get("uses")
        defaults = (
            job.get("defaults", {}).get("run", {}) if isinstance(job.get("defaults"), dict) else {}
        )
        steps = _steps(job.get("steps"), {})
        if isinstance(defaults, dict) and isinstance(defaults.get("working-directory"), str):
            steps = tuple(
                s
                if s.directory
                else Step(
                    s.line,
                    s.name,
                    s.script,
                    s.script_line,
                    s.uses,
                    s.inputs,
                    defaults["working-directory"],
                    s.disabled,
                )
                for s in steps
            )
        jobs.append(
            Job(
                str(name),
                line_of(raw_jobs, name),
                frozenset(triggers),
                steps,
                str(environment) if isinstance(environment, str | int) and environment else None,
                disabled(job.get("if")),
                tuple(paths),
                str(uses) if isinstance(uses, str) else None,
                job.get("with") if isinstance(job.get("with"), dict) else {},
            )
        )
    return Pipeline(path, "github-actions", tuple(jobs))


def composite_action(path: str, data: Any) -> Pipeline:
    """A local action (`action.yml` with `runs.using: composite`): one job run by its callers."""
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, dict):
        return Pipeline(path, "github-actions", error="no runs section")
    steps = _steps(runs.get("steps"), {})
    return Pipeline(
        path, "github-actions", (Job("action", line_of(data, "runs"), frozenset({CALLED}), steps),)
    )
