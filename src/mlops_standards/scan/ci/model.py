"""CI and CD pipelines of every system, normalised to pipelines, jobs and steps with lines.

Each job says when it runs (its triggers), whether it is switched off, which environment it
deploys to, and its steps: the shell commands they run (with the line of each) or the action,
task, template or reusable workflow they use. Following those references is the command
graph's job (`commands.py`); a reader only records them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlops_standards.scan.shell import Command, commands

PULL_REQUEST = "pull_request"
PUSH_DEFAULT = "push-default"
"""A push to the default branch (main, master...) — a merge."""
PUSH_OTHER = "push-other"
"""A push to another branch only (release/*, feature branches)."""
TAG = "tag"
"""A tag or a published release."""
SCHEDULE = "schedule"
MANUAL = "manual"
"""Started by a person (workflow_dispatch, `when: manual`, a web trigger)."""
EVENT = "event"
"""Started by another system or pipeline (repository_dispatch, workflow_run, pipeline resources)."""
CALLED = "called"
"""Run only when another pipeline includes or calls it: its callers' triggers apply."""

TRIGGERS = (PULL_REQUEST, PUSH_DEFAULT, PUSH_OTHER, TAG, SCHEDULE, MANUAL, EVENT, CALLED)
AUTOMATIC = frozenset({PUSH_DEFAULT, PUSH_OTHER, TAG, SCHEDULE, EVENT})
"""Triggers that start a pipeline without a person or a pull request."""
DEFAULT_BRANCHES = frozenset(
    {
        "main",
        "master",
        "trunk",
        "develop",
        "dev",
        "$default-branch",
        "default",
        "prod",
        "production",
    }
)


PARAMETER = re.compile(
    r"\$\{\{\s*(?:parameters|inputs)\.([A-Za-z_][\w-]*)\s*(?:\|\|\s*'([^']*)'\s*)?\}\}"
)
EXPRESSION = re.compile(r"\$\{\{.*?\}\}|\$\[\[.*?\]\]", re.S)


def substitute(text: str, parameters: dict[str, str]) -> str:
    """A template's text with the parameters its caller passed (`${{ parameters.name }}`)."""

    def value(match: re.Match[str]) -> str:
        fallback = match.group(2)
        return parameters.get(match.group(1), fallback if fallback is not None else match.group(0))

    return PARAMETER.sub(value, text)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a job."""

    line: int
    name: str = ""
    script: str | None = None
    """The shell text the step runs, as written (parameters not yet substituted)."""
    script_line: int = 0
    """The line of the script's first line."""
    uses: str | None = None
    """What the step calls instead: an action (`actions/checkout@v4`), an Azure task
    (`task:AzureCLI@2`), a template or a local action path."""
    inputs: dict = field(default_factory=dict)
    """The inputs given to `uses` (`with:`, `inputs:`)."""
    directory: str | None = None
    """The working directory of its commands, when set."""
    disabled: bool = False
    """Switched off with a literal false condition."""

    def commands(self, parameters: dict[str, str] | None = None) -> list[Command]:
        """The commands of the script, with a caller's parameters substituted.

        Expressions left over (`${{ matrix.python }}`, `$[[ inputs.x ]]`) are values, not
        shell syntax; they stand as one word.
        """
        if not self.script:
            return []
        text = EXPRESSION.sub("X", substitute(self.script, parameters or {}))
        return commands(text, self.script_line or self.line)


@dataclass(frozen=True, slots=True)
class Job:
    """One job of a pipeline."""

    name: str
    line: int
    triggers: frozenset[str]
    steps: tuple[Step, ...] = ()
    environment: str | None = None
    """The deployment environment it targets, when it names one."""
    disabled: bool = False
    """Switched off (`if: false`, `when: never`, `condition: false`)."""
    paths: tuple[str, ...] = ()
    """Path filters: the job runs only when one of these changed (empty: any change)."""
    calls: str | None = None
    """A reusable workflow or template the whole job runs instead of steps."""
    inputs: dict = field(default_factory=dict)
    """Parameters passed to `calls`."""


@dataclass(frozen=True, slots=True)
class Pipeline:
    """One CI or CD configuration file."""

    path: str
    system: str
    """The tool ID in tools.yaml (`github-actions`, `gitlab-ci`, `azure-pipelines`...)."""
    jobs: tuple[Job, ...] = ()
    includes: tuple[tuple[str, int], ...] = ()
    """Files this one includes (GitLab `include:`, Azure top-level templates), with lines."""
    error: str | None = None
    """Set when the file could not be read or parsed."""

    @property
    def called_only(self) -> bool:
        """Whether it runs only when called (a reusable workflow, a template, an action)."""
        return bool(self.jobs) and all(job.triggers <= {CALLED} for job in self.jobs)
