"""The registry of checks: one per automated requirement, keyed by requirement ID.

A check is a plain function registered with `@check("TR-002")`. It asks for the facts it
needs by parameter name (the names of `mlops_standards.scan.facts.Facts` attributes, as
repo-review's fixtures do) and returns an `Outcome`. It never opens a file itself.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from .outcome import Outcome, errored

CheckFunction = Callable[..., Outcome]


@dataclass(frozen=True)
class Check:
    """A registered check."""

    requirement_id: str
    function: CheckFunction
    requires: frozenset[str]
    """Requirement IDs whose checks must pass first; otherwise this one is skipped."""

    @property
    def facts(self) -> tuple[str, ...]:
        """Names of the facts the check asks for."""
        return tuple(inspect.signature(self.function).parameters)


REGISTRY: dict[str, Check] = {}


def check(requirement_id: str, *, requires: set[str] | frozenset[str] = frozenset()):
    """Register `function` as the check of `requirement_id`; each ID may be registered once."""

    def register(function: CheckFunction) -> CheckFunction:
        if requirement_id in REGISTRY:
            raise ValueError(f"{requirement_id} already has a check: {REGISTRY[requirement_id]}")
        REGISTRY[requirement_id] = Check(requirement_id, function, frozenset(requires))
        return function

    return register


def run(check: Check, facts: object) -> Outcome:
    """Run one check against a repository's facts. An exception becomes an error outcome."""
    try:
        arguments = {name: getattr(facts, name) for name in check.facts}
        return check.function(**arguments)
    except Exception as error:  # one broken check must never stop the report
        return errored(f"check failed unexpectedly: {type(error).__name__}: {error}")
