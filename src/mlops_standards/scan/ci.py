"""CI configurations of five systems normalised to one small structure.

Each job says when it runs (`pull_request`, `push-default`, `schedule`, `tag`) and which
commands it runs, with the line where each command was found. The systems' documented
defaults decide when a file says nothing about its triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

PULL_REQUEST, PUSH_DEFAULT, SCHEDULE, TAG = "pull_request", "push-default", "schedule", "tag"
DEFAULT_BRANCHES = frozenset({"main", "master", "trunk", "develop", "$default-branch"})

CI_FILES = {
    "github-actions": (".github/workflows/*.yml", ".github/workflows/*.yaml"),
    "gitlab-ci": (".gitlab-ci.yml", "*.gitlab-ci.yml"),
    "azure-pipelines": ("azure-pipelines.yml", "azure-pipelines.yaml", "*.azure-pipelines.yml"),
    "jenkins": ("Jenkinsfile", "*.Jenkinsfile", "Jenkinsfile.*"),
    "circleci": (".circleci/config.yml", ".circleci/config.yaml"),
}


@dataclass(frozen=True)
class Command:
    """A command a CI job runs (a shell line, or `uses: action` / `task: name`)."""

    text: str
    line: int | None


@dataclass(frozen=True)
class Job:
    """One job of a pipeline, with when it runs."""

    name: str
    triggers: frozenset[str]
    commands: tuple[Command, ...]
    environment: str | None = None
    """The deployment environment the job targets, when it names one."""


@dataclass(frozen=True)
class Pipeline:
    """One CI configuration file."""

    path: str
    system: str
    jobs: tuple[Job, ...] = ()
    error: str | None = None
    """Set when the file could not be read or parsed."""

    def commands(self, *triggers: str) -> Iterator[tuple[Job, Command]]:
        """Commands of the jobs that run on any of `triggers` (all jobs when none given)."""
        for job in self.jobs:
            if not triggers or job.triggers & set(triggers):
                for command in job.commands:
                    yield job, command


@dataclass
class _Lines:
    """Finds the line of a command in the file text (YAML loses positions)."""

    text: str
    cache: dict[str, int | None] = field(default_factory=dict)

    def __call__(self, command: str) -> int | None:
        first = command.strip().splitlines()[0].strip() if command.strip() else ""
        if first not in self.cache:
            at = self.text.find(first) if first else -1
            self.cache[first] = self.text.count("\n", 0, at) + 1 if at >= 0 else None
        return self.cache[first]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _branches(value: Any) -> set[str]:
    match value:
        case {"branches": branches}:
            return set(_strings(branches)) or {"*"}
        case {"include": include}:
            return set(_strings(include))
        case list() | str():
            return set(_strings(value))
    return {"*"}


def _hits_default(branches: set[str]) -> bool:
    return bool(branches & DEFAULT_BRANCHES) or any(b in ("*", "**") for b in branches)


def github(path: str, data: Any, text: str) -> Pipeline:
    """A GitHub Actions workflow."""
    lines = _Lines(text)
    # YAML 1.1 reads the key `on` as the boolean True.
    on = data.get("on", data.get(True)) if isinstance(data, dict) else None
    events = (
        {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on
    )
    triggers: set[str] = set()
    for event, spec in (events or {}).items():
        match event:
            case "pull_request" | "pull_request_target" | "merge_group":
                triggers.add(PULL_REQUEST)
            case "schedule":
                triggers.add(SCHEDULE)
            case "release":
                triggers.add(TAG)
            case "push":
                spec = spec or {}
                if "tags" in spec:
                    triggers.add(TAG)
                branches = _branches(spec) if "branches" in spec else {"*"}
                if ("branches" in spec or "tags" not in spec) and _hits_default(branches):
                    triggers.add(PUSH_DEFAULT)
    jobs = []
    for name, job in (data.get("jobs") or {}).items() if isinstance(data, dict) else ():
        if not isinstance(job, dict):
            continue
        commands = []
        for step in job.get("steps") or []:
            if isinstance(step, dict):
                for key in ("run", "uses"):
                    if isinstance(step.get(key), str):
                        shown = step[key] if key == "run" else f"uses: {step[key]}"
                        commands.append(Command(shown, lines(step[key])))
        env = job.get("environment")
        env = env.get("name") if isinstance(env, dict) else env
        jobs.append(Job(str(name), frozenset(triggers), tuple(commands), _text(env)))
    return Pipeline(path, "github-actions", tuple(jobs))


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value) else None


GITLAB_RESERVED = frozenset({
    "stages", "variables", "workflow", "include", "default", "image", "services", "cache",
    "before_script", "after_script", "types", "pages:deploy",
})  # fmt: skip


def _gitlab_triggers(rules: Any, only: Any) -> set[str] | None:
    if rules is None and only is None:
        return None
    words = " ".join(str(v) for v in _flatten(rules) + _flatten(only))
    triggers = set()
    if "merge_request" in words:
        triggers.add(PULL_REQUEST)
    if (
        "CI_DEFAULT_BRANCH" in words
        or re.search(r"\b(main|master)\b", words)
        or "branches" in words
    ):
        triggers.add(PUSH_DEFAULT)
    if "schedule" in words:
        triggers.add(SCHEDULE)
    if "CI_COMMIT_TAG" in words or "tags" in words:
        triggers.add(TAG)
    return triggers


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in [k, *_flatten(v)]]
    if isinstance(value, list):
        return [x for item in value for x in _flatten(item)]
    return [] if value is None else [value]


def gitlab(path: str, data: Any, text: str) -> Pipeline:
    """A GitLab CI file. Without rules, a pipeline runs on every branch push, merge requests too."""
    lines = _Lines(text)
    data = data if isinstance(data, dict) else {}
    workflow = data.get("workflow") if isinstance(data.get("workflow"), dict) else {}
    default = _gitlab_triggers(workflow.get("rules"), None)
    everywhere = {PULL_REQUEST, PUSH_DEFAULT}
    jobs = []
    for name, job in data.items():
        if name in GITLAB_RESERVED or str(name).startswith(".") or not isinstance(job, dict):
            continue
        own = _gitlab_triggers(job.get("rules"), job.get("only"))
        triggers = own if own is not None else default if default is not None else everywhere
        commands = [
            Command(s, lines(s))
            for key in ("before_script", "script", "after_script")
            for s in _strings(job.get(key))
        ]
        env = job.get("environment")
        env = env.get("name") if isinstance(env, dict) else env
        jobs.append(Job(str(name), frozenset(triggers), tuple(commands), _text(env)))
    return Pipeline(path, "gitlab-ci", tuple(jobs))


AZURE_COMMAND_KEYS = ("script", "bash", "pwsh", "powershell", "inlineScript", "task", "command")


def _azure_commands(value: Any, found: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in AZURE_COMMAND_KEYS and isinstance(item, str):
                found.append((key, item))
            elif key == "environment":
                found.append((key, item.get("name") if isinstance(item, dict) else item))
            else:
                _azure_commands(item, found)
    elif isinstance(value, list):
        for item in value:
            _azure_commands(item, found)


def azure(path: str, data: Any, text: str) -> Pipeline:
    """An Azure Pipelines file. Without `trigger`/`pr`, pushes and pull requests both run it."""
    lines = _Lines(text)
    data = data if isinstance(data, dict) else {}
    triggers = set()
    trigger, pr = data.get("trigger", "*"), data.get("pr", "*")
    if trigger != "none":
        branches = _branches(trigger) if not isinstance(trigger, str) else {trigger}
        if _hits_default(branches):
            triggers.add(PUSH_DEFAULT)
        if isinstance(trigger, dict) and "tags" in trigger:
            triggers.add(TAG)
    if pr != "none":
        triggers.add(PULL_REQUEST)
    if data.get("schedules"):
        triggers.add(SCHEDULE)
    found: list[tuple[str, Any]] = []
    _azure_commands({k: v for k, v in data.items() if k not in ("trigger", "pr")}, found)
    commands = tuple(
        Command(f"task: {v}" if k == "task" else v, lines(v))
        for k, v in found
        if k != "environment"
    )
    jobs = [Job("pipeline", frozenset(triggers), commands)]
    jobs += [
        Job(f"deploy-{v}", frozenset(triggers), (), _text(v))
        for k, v in found
        if k == "environment"
    ]
    return Pipeline(path, "azure-pipelines", tuple(jobs))


JENKINS_SH = re.compile(
    r"""\b(?:sh|bat|pwsh|powershell)\s*\(?\s*(?:script:\s*)?('''|\"\"\"|'|")(.+?)\1""", re.S
)


def jenkins(path: str, text: str) -> Pipeline:
    """A Jenkinsfile, read as text. Multibranch pipelines build branches and change requests."""
    triggers = {PULL_REQUEST, PUSH_DEFAULT}
    if re.search(r"\bcron\s*\(|\bpollSCM\b|\bparameterizedCron\b", text):
        triggers.add(SCHEDULE)
    if re.search(r"\bbuildingTag\s*\(|\btag\s+['\"]", text):
        triggers.add(TAG)
    commands = tuple(
        Command(m.group(2).strip(), text.count("\n", 0, m.start()) + 1)
        for m in JENKINS_SH.finditer(text)
    )
    return Pipeline(path, "jenkins", (Job("pipeline", frozenset(triggers), commands),))


def circleci(path: str, data: Any, text: str) -> Pipeline:
    """A CircleCI config. It builds every pushed branch; pull-request builds come from those."""
    lines = _Lines(text)
    data = data if isinstance(data, dict) else {}
    triggers = {PULL_REQUEST, PUSH_DEFAULT}
    workflows = str(data.get("workflows", ""))
    if "schedule" in workflows or "cron" in workflows:
        triggers.add(SCHEDULE)
    if "'tags'" in workflows:
        triggers.add(TAG)
    jobs = []
    for name, job in (data.get("jobs") or {}).items():
        commands = []
        for step in (job or {}).get("steps") or [] if isinstance(job, dict) else []:
            run = step.get("run") if isinstance(step, dict) else None
            run = run.get("command") if isinstance(run, dict) else run
            if isinstance(run, str):
                commands.append(Command(run, lines(run)))
        jobs.append(Job(str(name), frozenset(triggers), tuple(commands)))
    return Pipeline(path, "circleci", tuple(jobs))
