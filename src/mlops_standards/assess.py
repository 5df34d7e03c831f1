"""Run the checks, apply attestations and waivers, and compute the maturity level.

A project is at level L when every applicable requirement of level <= L is met: its check
passed, or it is attested with evidence, or waived with a reason (DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from mlops_standards.catalog import Catalog, Requirement, load
from mlops_standards.checks import REGISTRY, Evidence, run
from mlops_standards.config import ProjectConfig, load_config
from mlops_standards.scan import Repository
from mlops_standards.scan.facts import Facts


class Status(StrEnum):
    """How a requirement ended for one repository."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    """A prerequisite requirement is not met, so the check was not run."""
    NEEDS_ATTESTATION = "needs-attestation"
    ATTESTED = "attested"
    WAIVED = "waived"
    NOT_APPLICABLE = "not-applicable"

    @property
    def met(self) -> bool:
        """Whether this status counts towards the maturity level."""
        return self in MET


MET = frozenset({Status.PASSED, Status.ATTESTED, Status.WAIVED, Status.NOT_APPLICABLE})


@dataclass(frozen=True)
class Result:
    """One requirement's verdict for one repository."""

    requirement: Requirement
    status: Status
    evidence: tuple[Evidence, ...] = ()
    """On a pass, what satisfied it; on a fail, where the checker looked."""
    message: str = ""
    """The waiver reason, attestation evidence, error or skip reason."""


@dataclass(frozen=True)
class AreaSummary:
    """How far one area is met."""

    prefix: str
    name: str
    met: int
    applicable: int


@dataclass(frozen=True)
class Assessment:
    """The report for one repository."""

    root: Path
    catalog: Catalog
    config: ProjectConfig
    results: tuple[Result, ...]
    level: int
    """The maturity level reached, 0-4."""
    blocking: tuple[Result, ...]
    """Unmet requirements that stand between the project and `level + 1`, in catalog order."""
    areas: tuple[AreaSummary, ...] = field(default=())
    skipped_paths: tuple[tuple[str, str], ...] = ()
    """Files or folders the scan could not read, with the reason."""

    def result(self, requirement_id: str) -> Result:
        return next(r for r in self.results if r.requirement.id == requirement_id.upper())


def assess(path: str | Path, catalog: Catalog | None = None) -> Assessment:
    """Assess the repository at `path` against the catalog.

    Raises:
        ScanError: the path is missing or not a directory.
        ConfigError: the project's configuration is invalid.
    """
    catalog = catalog or load()
    repository = Repository(path)
    config = load_config(repository.root, catalog)
    facts = Facts(repository)
    outcomes: dict[str, Result] = {}
    for requirement in catalog.requirements:
        outcomes[requirement.id] = _result(requirement, config, facts, outcomes)
    results = tuple(outcomes.values())
    level = maturity_level(results)
    blocking = tuple(r for r in results if not r.status.met and r.requirement.level == level + 1)
    return Assessment(
        root=repository.root,
        catalog=catalog,
        config=config,
        results=results,
        level=level,
        blocking=blocking,
        areas=tuple(_area_summary(catalog, results, area.prefix) for area in catalog.areas),
        skipped_paths=tuple(repository.skipped),
    )


def _result(
    requirement: Requirement, config: ProjectConfig, facts: Facts, done: dict[str, Result]
) -> Result:
    rid = requirement.id
    if not requirement.applies(config.profile):
        why = f"applies to {requirement.applies_to} products"
        if config.profile is None:
            why += "; set profile to assess it"
        return Result(requirement, Status.NOT_APPLICABLE, message=why)
    if rid in config.waive:
        return Result(requirement, Status.WAIVED, message=config.waive[rid])
    if rid in config.attest:
        evidence = config.attest[rid]
        return Result(
            requirement, Status.ATTESTED, (Evidence(evidence, detail="attested"),), evidence
        )
    if not requirement.automated:
        return Result(
            requirement, Status.NEEDS_ATTESTATION, message=requirement.verification.evidence
        )
    check = REGISTRY.get(rid)
    if check is None:
        return Result(requirement, Status.ERROR, message="no check is registered for it")
    unmet = sorted(r for r in check.requires if r in done and not done[r].status.met)
    if unmet:
        return Result(requirement, Status.SKIPPED, message=f"requires {', '.join(unmet)}")
    outcome = run(check, facts)
    if outcome.error:
        return Result(requirement, Status.ERROR, outcome.evidence, outcome.error)
    status = Status.PASSED if outcome.passed else Status.FAILED
    return Result(requirement, status, outcome.evidence)


def maturity_level(results: tuple[Result, ...] | list[Result]) -> int:
    """The highest level L such that every requirement of level <= L is met."""
    level = 0
    for candidate in (1, 2, 3, 4):
        if all(r.status.met for r in results if r.requirement.level <= candidate):
            level = candidate
        else:
            break
    return level


def _area_summary(catalog: Catalog, results: tuple[Result, ...], prefix: str) -> AreaSummary:
    mine = [r for r in results if r.requirement.area == prefix]
    applicable = [r for r in mine if r.status is not Status.NOT_APPLICABLE]
    met = sum(r.status.met for r in applicable)
    return AreaSummary(prefix, catalog.area(prefix).name, met, len(applicable))
