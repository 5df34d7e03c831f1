"""GitLab CI/CD: jobs, rules, `extends`, and the local files a pipeline includes.

https://docs.gitlab.com/ci/yaml/
"""

from __future__ import annotations

from typing import Any

from .model import (
    CALLED,
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
from .text import as_list, line_of, text_lines

RESERVED = frozenset(
    {
        "stages",
        "variables",
        "workflow",
        "include",
        "default",
        "image",
        "services",
        "cache",
        "before_script",
        "after_script",
        "types",
        "spec",
    }
)
EVERYWHERE = frozenset({PULL_REQUEST, PUSH_DEFAULT, PUSH_OTHER})
"""Without rules, a job runs in every branch pipeline, which also tests merge requests."""


def _words(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k} {_words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return " ".join(_words(v) for v in value)
    return "" if value is None else str(value)


def _rule_triggers(rules: Any) -> tuple[set[str], bool, list[str]]:
    """Triggers a list of `rules` allows, whether every rule is `never`, and their path filters."""
    triggers: set[str] = set()
    paths: list[str] = []
    rules = rules if isinstance(rules, list) else []
    runnable = [r for r in rules if not (isinstance(r, dict) and r.get("when") == "never")]
    for rule in runnable:
        words = _words(rule)
        if isinstance(rule, dict):
            paths += as_list(rule.get("changes"))
            if rule.get("when") == "manual":
                triggers.add(MANUAL)
        if "merge_request" in words:
            triggers.add(PULL_REQUEST)
        if "CI_DEFAULT_BRANCH" in words or " main" in f" {words}" or "master" in words:
            triggers.add(PUSH_DEFAULT)
        if "CI_COMMIT_TAG" in words:
            triggers.add(TAG)
        if "schedule" in words:
            triggers.add(SCHEDULE)
        if '"web"' in words or "'web'" in words or "== web" in words:
            triggers.add(MANUAL)
        if "pipeline" in words and ("trigger" in words or "parent_pipeline" in words):
            triggers.add(EVENT)
        if isinstance(rule, dict) and not rule.get("if") and rule.get("when") != "manual":
            triggers |= EVERYWHERE
    return triggers, bool(rules) and not runnable, paths


def _only(only: Any) -> set[str]:
    words = _words(only)
    found = set()
    if "merge_requests" in words:
        found.add(PULL_REQUEST)
    if "main" in words or "master" in words or "branches" in words:
        found.add(PUSH_DEFAULT)
    if "tags" in words:
        found.add(TAG)
    if "schedules" in words:
        found.add(SCHEDULE)
    if "web" in words:
        found.add(MANUAL)
    return found


def _merged(name: str, jobs: dict, seen: frozenset[str] = frozenset()) -> dict:
    """A job with the keys of the jobs it `extends` filled in (GitLab's reverse deep merge)."""
    job = jobs.get(name)
    if not isinstance(job, dict):
        return {}
    result: dict = {}
    for parent in as_list(job.get("extends")):
        if parent not in seen:
            result.update(_merged(parent, jobs, seen | {name}))
    result.update(job)
    return result


def pipeline(path: str, data: Any, included: bool = False) -> Pipeline:
    """A `.gitlab-ci.yml`, or a file it includes (whose jobs run with the includer's rules)."""
    if not isinstance(data, dict):
        return Pipeline(path, "gitlab-ci", error="not a mapping of jobs")
    workflow = data.get("workflow") if isinstance(data.get("workflow"), dict) else {}
    default, _, _ = _rule_triggers(workflow.get("rules")) if workflow.get("rules") else (None, 0, 0)
    includes = []
    raw_include = data.get("include")
    items = raw_include if isinstance(raw_include, list) else [raw_include] if raw_include else []
    for item in items:
        local = (
            item if isinstance(item, str) else item.get("local") if isinstance(item, dict) else None
        )
        if isinstance(local, str):
            includes.append((local, line_of(data, "include")))
    jobs = []
    for name in data:
        if name in RESERVED or str(name).startswith(".") or not isinstance(data[name], dict):
            continue
        job = _merged(name, data)
        triggers: set[str]
        never, paths = False, []
        if "rules" in job:
            triggers, never, paths = _rule_triggers(job["rules"])
        elif "only" in job:
            triggers = _only(job["only"])
        else:
            triggers = set(default) if default is not None else set(EVERYWHERE)
        if job.get("when") == "manual":
            triggers = {MANUAL}
        if included and not triggers:
            triggers = {CALLED}
        steps = []
        for key in ("before_script", "script", "after_script"):
            value = job.get(key)
            items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
            for index, item in enumerate(items):
                if isinstance(item, str):
                    line = text_lines(item, line_of(value, index) or line_of(job, key))
                    steps.append(Step(line, key, item, line))
        child = job.get("trigger")
        if isinstance(child, dict) and isinstance(child.get("include"), str | list):
            for item in as_list(child.get("include")):
                includes.append((item, line_of(job, "trigger")))
        environment = job.get("environment")
        if isinstance(environment, dict):
            environment = environment.get("name")
        jobs.append(
            Job(
                str(name),
                line_of(data, name),
                frozenset(triggers),
                tuple(steps),
                str(environment) if isinstance(environment, str) and environment else None,
                never or job.get("when") == "never",
                tuple(paths),
            )
        )
    return Pipeline(path, "gitlab-ci", tuple(jobs), tuple(includes))
