"""Jenkins, CircleCI, Bitbucket Pipelines, Google Cloud Build and AWS CodeBuild.

Jenkinsfiles are Groovy, read as text: each `sh '...'` step is a command. Cloud Build and
CodeBuild are started by triggers defined outside the repository (a build trigger, a
CodePipeline source stage), which conventionally watch the default branch; they are read as
running on pushes to it.
"""

from __future__ import annotations

import re
from typing import Any

from .model import (
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
from .text import as_list, line_of, text_lines

JENKINS_SH = re.compile(
    r"""\b(?:sh|bat|pwsh|powershell)\s*\(?\s*(?:script:\s*)?('''|\"\"\"|'|")(.+?)\1""", re.S
)
JENKINS_CRON = re.compile(r"\bcron\s*\(|\bpollSCM\b|\bparameterizedCron\b")
JENKINS_TAG = re.compile(r"\bbuildingTag\s*\(|\btag\s+['\"]")
GROOVY_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def jenkins(path: str, text: str) -> Pipeline:
    """A Jenkinsfile. A multibranch pipeline builds branches and change requests."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    code = GROOVY_COMMENT.sub(blank, text)
    triggers = {PULL_REQUEST, PUSH_DEFAULT, PUSH_OTHER}
    if JENKINS_CRON.search(code):
        triggers.add(SCHEDULE)
    if JENKINS_TAG.search(code):
        triggers.add(TAG)
    steps = tuple(
        Step(line, "sh", match.group(2), line)
        for match in JENKINS_SH.finditer(code)
        if (line := code.count("\n", 0, match.start(2)) + 1)
    )
    return Pipeline(path, "jenkins", (Job("pipeline", 1, frozenset(triggers), steps),))


def _run_steps(raw: Any) -> tuple[Step, ...]:
    steps = []
    items = raw if isinstance(raw, list) else []
    for index, item in enumerate(items):
        run = item.get("run") if isinstance(item, dict) else None
        if isinstance(run, dict):
            run = run.get("command")
        if isinstance(run, str):
            line = line_of(items, index)
            steps.append(Step(line, "run", run, text_lines(run, line)))
    return tuple(steps)


def circleci(path: str, data: Any) -> Pipeline:
    """A CircleCI config: every pushed branch builds; pull requests build from those."""
    if not isinstance(data, dict):
        return Pipeline(path, "circleci", error="not a mapping")
    triggers = {PULL_REQUEST, PUSH_DEFAULT, PUSH_OTHER}
    workflows = str(data.get("workflows", ""))
    if "schedule" in workflows or "cron" in workflows:
        triggers.add(SCHEDULE)
    if "'tags'" in workflows:
        triggers.add(TAG)
    raw_jobs = data.get("jobs") if isinstance(data.get("jobs"), dict) else {}
    jobs = [
        Job(
            str(name),
            line_of(raw_jobs, name),
            frozenset(triggers),
            _run_steps(job.get("steps")) if isinstance(job, dict) else (),
        )
        for name, job in raw_jobs.items()
    ]
    return Pipeline(path, "circleci", tuple(jobs))


def _script_steps(script: Any, fallback: int) -> tuple[Step, ...]:
    items = script if isinstance(script, list) else [script] if isinstance(script, str) else []
    return tuple(
        Step(
            line_of(script, i) or fallback,
            "script",
            item,
            text_lines(item, line_of(script, i) or fallback),
        )
        for i, item in enumerate(items)
        if isinstance(item, str)
    )


def bitbucket(path: str, data: Any) -> Pipeline:
    """bitbucket-pipelines.yml: default, branches, pull-requests, tags and custom pipelines."""
    if not isinstance(data, dict) or not isinstance(data.get("pipelines"), dict):
        return Pipeline(path, "bitbucket-pipelines", error="no pipelines section")
    jobs = []
    pipelines = data["pipelines"]
    sections: list[tuple[str, Any, set[str]]] = []
    for key, value in pipelines.items():
        if key == "default":
            sections.append(("default", value, {PUSH_DEFAULT, PUSH_OTHER}))
        elif key in ("branches", "pull-requests", "tags", "custom") and isinstance(value, dict):
            when = {
                "branches": PUSH_DEFAULT,
                "pull-requests": PULL_REQUEST,
                "tags": TAG,
                "custom": MANUAL,
            }[key]
            for name, steps in value.items():
                this = {when}
                if key == "branches" and str(name) not in ("main", "master", "**", "*"):
                    this = {PUSH_OTHER}
                sections.append((f"{key} {name}", steps, this))
    for name, items, when in sections:
        steps: list[Step] = []
        for item in items if isinstance(items, list) else []:
            step = item.get("step") if isinstance(item, dict) else None
            if isinstance(step, dict):
                steps += _script_steps(step.get("script"), line_of(item, "step"))
        jobs.append(Job(name, line_of(pipelines, name.split()[0]), frozenset(when), tuple(steps)))
    return Pipeline(path, "bitbucket-pipelines", tuple(jobs))


def cloud_build(path: str, data: Any) -> Pipeline:
    """A Cloud Build config: each step's builder image, entrypoint and arguments are a command."""
    if not isinstance(data, dict):
        return Pipeline(path, "google-cloud-build", error="not a mapping")
    steps = []
    raw = data.get("steps") if isinstance(data.get("steps"), list) else []
    for index, step in enumerate(raw):
        if not isinstance(step, dict):
            continue
        line = line_of(raw, index)
        if isinstance(step.get("script"), str):
            steps.append(Step(line, "script", step["script"], text_lines(step["script"], line)))
            continue
        builder = str(step.get("name", "")).rsplit("/", 1)[-1].split(":")[0]
        program = str(step.get("entrypoint") or builder)
        arguments = as_list(step.get("args"))
        if program in ("bash", "sh") and len(arguments) >= 2 and arguments[0] == "-c":
            steps.append(Step(line, "script", arguments[1], line))
        else:
            quoted = " ".join(f"'{a}'" if " " in a else a for a in arguments)
            steps.append(Step(line, builder, f"{program} {quoted}".strip(), line))
    return Pipeline(
        path,
        "google-cloud-build",
        (Job("build", line_of(data, "steps"), frozenset({PUSH_DEFAULT}), tuple(steps)),),
    )


def codebuild(path: str, data: Any) -> Pipeline:
    """A CodeBuild buildspec: the commands of each phase."""
    if not isinstance(data, dict):
        return Pipeline(path, "aws-codebuild", error="not a mapping")
    phases = data.get("phases") if isinstance(data.get("phases"), dict) else {}
    steps: list[Step] = []
    for phase in ("install", "pre_build", "build", "post_build"):
        spec = phases.get(phase)
        if isinstance(spec, dict):
            steps += _script_steps(spec.get("commands"), line_of(phases, phase))
    return Pipeline(
        path,
        "aws-codebuild",
        (Job("build", line_of(data, "phases"), frozenset({PUSH_DEFAULT}), tuple(steps)),),
    )
