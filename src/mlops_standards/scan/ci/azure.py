"""Azure Pipelines: stages, jobs, deployment jobs, steps, tasks and templates.

https://learn.microsoft.com/azure/devops/pipelines/yaml-schema/
A file with `trigger`/`pr`/`schedules` is a pipeline; one that only declares `parameters` and
`steps`, `jobs` or `stages` is a template, run with its includer's triggers.
"""

from __future__ import annotations

from typing import Any

from .model import (
    CALLED,
    DEFAULT_BRANCHES,
    EVENT,
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

SCRIPT_KEYS = ("script", "bash", "pwsh", "powershell")
# Task inputs that hold a script to run inline.
INLINE_INPUTS = ("inlineScript", "script", "Inline", "inline")


def _branches(spec: Any) -> list[str]:
    if isinstance(spec, list):
        return as_list(spec)
    if isinstance(spec, dict):
        branches = spec.get("branches", spec)
        if isinstance(branches, dict):
            return as_list(branches.get("include")) or ["*"]
        return as_list(branches) or ["*"]
    return ["*"]


def triggers(data: dict) -> set[str]:
    """When a pipeline file runs, by Azure's defaults when it says nothing."""
    found: set[str] = set()
    trigger = data.get("trigger", "*")
    if trigger != "none" and trigger is not False:
        branches = _branches(trigger) if not isinstance(trigger, str) else [trigger]
        hits_default = any(
            b.split("/")[-1] in DEFAULT_BRANCHES or b in ("*", "refs/heads/*") for b in branches
        )
        found.add(PUSH_DEFAULT if hits_default else PUSH_OTHER)
        if isinstance(trigger, dict) and "tags" in trigger:
            found.add(TAG)
    pr = data.get("pr", "*")
    if pr != "none" and pr is not False:
        found.add(PULL_REQUEST)
    if data.get("schedules"):
        found.add(SCHEDULE)
    resources = data.get("resources") if isinstance(data.get("resources"), dict) else {}
    if any(isinstance(p, dict) and p.get("trigger") for p in resources.get("pipelines") or []):
        found.add(EVENT)
    return found


def _step(raw: Any, line: int) -> Step | None:
    if not isinstance(raw, dict):
        return None
    off = disabled(raw.get("condition")) or raw.get("enabled") is False
    name = str(raw.get("displayName") or raw.get("name") or "")
    directory = raw.get("workingDirectory")
    directory = str(directory) if isinstance(directory, str) else None
    for key in SCRIPT_KEYS:
        if isinstance(raw.get(key), str):
            script = raw[key]
            return Step(line, name, script, text_lines(script, line), None, {}, directory, off)
    if isinstance(raw.get("template"), str):
        parameters = raw.get("parameters") if isinstance(raw.get("parameters"), dict) else {}
        return Step(line, name, None, 0, f"template:{raw['template']}", parameters, None, off)
    if isinstance(raw.get("task"), str):
        inputs = raw.get("inputs") if isinstance(raw.get("inputs"), dict) else {}
        script = next((inputs[k] for k in INLINE_INPUTS if isinstance(inputs.get(k), str)), None)
        path = inputs.get("scriptPath") or inputs.get("filePath")
        if script is None and isinstance(path, str):
            arguments = inputs.get("arguments") if isinstance(inputs.get("arguments"), str) else ""
            script = f"bash {path} {arguments}".strip()
        return Step(
            line,
            name,
            script,
            text_lines(script, line) if script else 0,
            f"task:{raw['task']}",
            inputs,
            directory,
            off,
        )
    return None


def _steps(raw: Any) -> tuple[Step, ...]:
    items = raw if isinstance(raw, list) else []
    return tuple(s for i, item in enumerate(items) if (s := _step(item, line_of(items, i))))


def _job(raw: dict, line: int, when: frozenset[str], stage_off: bool) -> Job:
    name = str(raw.get("job") or raw.get("deployment") or raw.get("displayName") or "job")
    off = stage_off or disabled(raw.get("condition"))
    environment = raw.get("environment")
    if isinstance(environment, dict):
        environment = environment.get("name")
    steps = _steps(raw.get("steps"))
    strategy = raw.get("strategy") if isinstance(raw.get("strategy"), dict) else {}
    for flavour in strategy.values():  # deployment jobs: runOnce / rolling / canary hooks
        if isinstance(flavour, dict):
            for hook in flavour.values():
                if isinstance(hook, dict):
                    steps += _steps(hook.get("steps"))
    return Job(
        name,
        line,
        when,
        steps,
        str(environment).split(".")[0] if isinstance(environment, str) else None,
        off,
    )


def _jobs(raw: Any, when: frozenset[str], stage_off: bool = False) -> list[Job]:
    found = []
    items = raw if isinstance(raw, list) else []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        line = line_of(items, index)
        if isinstance(item.get("template"), str):
            parameters = item.get("parameters") if isinstance(item.get("parameters"), dict) else {}
            found.append(
                Job(
                    f"template {item['template']}",
                    line,
                    when,
                    (),
                    None,
                    stage_off,
                    (),
                    f"template:{item['template']}",
                    parameters,
                )
            )
        else:
            found.append(_job(item, line, when, stage_off))
    return found


def pipeline(path: str, data: Any) -> Pipeline:
    """An Azure Pipelines file: a pipeline with its triggers, or a template run by its callers."""
    if not isinstance(data, dict):
        return Pipeline(path, "azure-pipelines", error="not a mapping of pipeline keys")
    is_template = (
        not any(
            k in data
            for k in ("trigger", "pr", "schedules", "resources", "pool", "name", "variables")
        )
        and "parameters" in data
    )
    when = frozenset({CALLED}) if is_template else frozenset(triggers(data))
    jobs: list[Job] = []
    if isinstance(data.get("stages"), list):
        stages = data["stages"]
        for index, stage in enumerate(stages):
            if not isinstance(stage, dict):
                continue
            line = line_of(stages, index)
            if isinstance(stage.get("template"), str):
                parameters = (
                    stage.get("parameters") if isinstance(stage.get("parameters"), dict) else {}
                )
                jobs.append(
                    Job(
                        f"template {stage['template']}",
                        line,
                        when,
                        (),
                        None,
                        False,
                        (),
                        f"template:{stage['template']}",
                        parameters,
                    )
                )
            else:
                jobs += _jobs(stage.get("jobs"), when, disabled(stage.get("condition")))
    if isinstance(data.get("jobs"), list):
        jobs += _jobs(data["jobs"], when)
    if isinstance(data.get("steps"), list):
        jobs.append(Job("steps", line_of(data, "steps"), when, _steps(data["steps"])))
    extends = data.get("extends")
    if isinstance(extends, dict) and isinstance(extends.get("template"), str):
        parameters = (
            extends.get("parameters") if isinstance(extends.get("parameters"), dict) else {}
        )
        jobs.append(
            Job(
                "extends",
                line_of(data, "extends"),
                when,
                (),
                None,
                False,
                (),
                f"template:{extends['template']}",
                parameters,
            )
        )
    return Pipeline(path, "azure-pipelines", tuple(jobs))


def parameter_defaults(data: Any) -> dict[str, str]:
    """The default values a template declares for its parameters."""
    defaults: dict[str, str] = {}
    declared = data.get("parameters") if isinstance(data, dict) else None
    if isinstance(declared, list):
        for item in declared:
            if (
                isinstance(item, dict)
                and isinstance(item.get("name"), str)
                and isinstance(item.get("default"), str | int | bool)
            ):
                defaults[item["name"]] = str(item["default"])
    elif isinstance(declared, dict):
        defaults.update({k: str(v) for k, v in declared.items() if isinstance(v, str | int)})
    return defaults
