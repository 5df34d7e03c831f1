"""Run the checks, apply attestations and waivers, and place the product on the maturity model.

Two levels are computed (catalog.yaml says which requirements make each level):

- the **level**: the highest level whose capability the repository shows, named for how the
  product's models reach production. Only automated requirements define it, so a manual
  requirement nobody attested ("to confirm") never contradicts what the repository shows;
- the **certified level**: the highest level at or below which every applicable requirement
  is met, attested or waived with a reason. It is the strict checklist.

Beside them: the gaps (unmet requirements at or below the level), and what stands between
the product and the next level, the capability first.

A retired requirement is not run and not counted; a preview (a requirement with a
`counts_from` date still to come) is run and reported, and counted from that date on, so a new
requirement does not fail every product's gate the day it ships.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from mlops_standards.catalog import Catalog, Requirement, load
from mlops_standards.checks import REGISTRY, Evidence, run
from mlops_standards.config import ProjectConfig, load_config
from mlops_standards.profile import Profile, profile
from mlops_standards.scan import ParseError, Repository
from mlops_standards.scan.facts import Facts
from mlops_standards.scan.projects import find_projects


class Status(StrEnum):
    """How a requirement ended for one repository."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    """A prerequisite requirement is not met, so the check was not run."""
    TO_CONFIRM = "to-confirm"
    """A manual requirement nobody attested yet: a person must point to the evidence."""
    ATTESTED = "attested"
    WAIVED = "waived"
    NOT_APPLICABLE = "not-applicable"
    RETIRED = "retired"
    """Retired from the standards: kept so its ID is never reused, never run or counted."""

    @property
    def met(self) -> bool:
        """Whether this status counts as met on the checklist (the certified level)."""
        return self in MET

    @property
    def shown(self) -> bool:
        """Whether the repository shows the practice (passed, or a person attested it)."""
        return self in (Status.PASSED, Status.ATTESTED)


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
    counts_from: date | None = None
    """Set while the requirement is a preview: reported, but counted only from this date."""

    @property
    def counted(self) -> bool:
        """Whether the result counts towards the levels (neither retired nor a preview)."""
        return self.status is not Status.RETIRED and self.counts_from is None


@dataclass(frozen=True)
class AreaSummary:
    """How far one area of the checklist is met."""

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
    profile: Profile
    results: tuple[Result, ...]
    level: int
    """The level the product's way to production shows, 0-4."""
    certified_level: int
    """The highest level whose whole checklist is met, attested or waived."""
    areas: tuple[AreaSummary, ...] = field(default=())
    skipped_paths: tuple[tuple[str, str], ...] = ()
    """Files or folders the scan could not read, with the reason."""
    parse_errors: tuple[ParseError, ...] = ()
    """Configuration and CI files that could not be parsed."""
    project: str = ""
    """In a monorepo, the project's folder (`mlops/`); empty for a repository of one product."""
    projects: tuple[str, ...] = ()
    """In a monorepo, every project found, so each report can say it is one of several."""
    assessed_on: date = field(default_factory=date.today)
    """The day the assessment counts previews for."""

    def result(self, requirement_id: str) -> Result:
        return next(r for r in self.results if r.requirement.id == requirement_id.upper())

    @property
    def level_name(self) -> str:
        return self.catalog.levels[self.level].name

    @property
    def placed_by(self) -> tuple[Result, ...]:
        """The results that place the product at its level (its capability's evidence)."""
        rule = self.catalog.levels[self.level].reached_when
        return tuple(
            self.result(rid)
            for rid in rule.requirements
            if self.result(rid).status.shown and self.result(rid).counted
        )

    @property
    def gaps(self) -> tuple[Result, ...]:
        """What the standards still miss at or below the level, in catalog order (at level 0,
        nothing: what level 1 needs is what `blocking` lists)."""
        return tuple(
            r
            for r in self.results
            if r.requirement.level <= self.level and not r.status.met and r.counted
        )

    @property
    def next_level(self) -> int | None:
        return self.level + 1 if self.level < 4 else None

    @property
    def blocking(self) -> tuple[Result, ...]:
        """What stands between the product and the next level: its capability first, then the
        rest of that level's checklist."""
        if self.next_level is None:
            return ()
        rule = self.catalog.levels[self.next_level].reached_when
        capability = [self.result(rid) for rid in dict.fromkeys(rule.requirements)]
        capability = [r for r in capability if r.counted]
        missing = [r for r in capability if not r.status.shown]
        if any(r.status.shown for r in capability if r.requirement.id in rule.any_of):
            missing = [r for r in missing if r.requirement.id not in rule.any_of]
        rest = [
            r
            for r in self.results
            if r.requirement.level == self.next_level
            and not r.status.met
            and r.counted
            and r not in missing
        ]
        return (*missing, *rest)

    @property
    def to_confirm(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.status is Status.TO_CONFIRM and r.counted)

    @property
    def previews(self) -> tuple[Result, ...]:
        """Requirements reported but not counted yet, each with the date from which it counts."""
        return tuple(r for r in self.results if r.counts_from is not None)

    @property
    def retired(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if r.status is Status.RETIRED)


def assess(
    path: str | Path, catalog: Catalog | None = None, today: date | None = None
) -> Assessment:
    """Assess the repository at `path` as one product (see `assess_all` for monorepos).

    `today` decides which previews count (the current date by default).

    Raises:
        ScanError: the path is missing or not a directory.
        ConfigError: the project's configuration is invalid.
    """
    catalog = catalog or load()
    repository = Repository(path)
    return _assess(
        repository, catalog, Facts(repository, catalog.tools, catalog.markers), today=today
    )


def assess_all(
    path: str | Path, catalog: Catalog | None = None, today: date | None = None
) -> list[Assessment]:
    """Assess the repository at `path`: one assessment, or one per project of a monorepo.

    Each project of a monorepo is assessed with its own files and the repository's shared
    ones (CI, hooks, owners); a root pipeline counts for the projects its working
    directories, path filters or commands reach, and for no other.
    """
    catalog = catalog or load()
    repository = Repository(path)
    facts = Facts(repository, catalog.tools, catalog.markers)
    projects = find_projects(facts)
    if not projects:
        return [_assess(repository, catalog, facts, today=today)]
    scoped = [Facts(repository, catalog.tools, catalog.markers, scope) for scope in projects]
    return [_assess(repository, catalog, facts, tuple(projects), today) for facts in scoped]


def _assess(
    repository: Repository,
    catalog: Catalog,
    facts: Facts,
    projects: tuple[str, ...] = (),
    today: date | None = None,
) -> Assessment:
    today = today or date.today()
    root = repository.root / facts.scope if facts.scope else repository.root
    unreadable = facts.parse_errors  # before any check reads anything: the same list every run
    config = load_config(root, catalog)
    product = profile(facts, config)
    outcomes: dict[str, Result] = {}

    def evaluate(requirement: Requirement) -> Result:
        # Prerequisites first, whatever their order in the catalog.
        check = REGISTRY.get(requirement.id)
        for rid in sorted(check.requires) if check is not None else ():
            if rid not in outcomes and rid != requirement.id:
                outcomes[rid] = evaluate(catalog.get(rid))
        result = _result(requirement, config, product, facts, outcomes)
        if not requirement.deprecated and not requirement.counts_on(today):
            return replace(result, counts_from=requirement.counts_from)
        return result

    for requirement in catalog.requirements:
        if requirement.id not in outcomes:
            outcomes[requirement.id] = evaluate(requirement)
    results = tuple(outcomes[r.id] for r in catalog.requirements)
    return Assessment(
        root=root,
        catalog=catalog,
        config=config,
        profile=product,
        results=results,
        level=capability_level(catalog, results),
        certified_level=certified_level(results),
        areas=tuple(_area_summary(catalog, results, area.prefix) for area in catalog.areas),
        skipped_paths=(
            *repository.skipped,
            *(
                (e, "a repository of its own (its own CI), not this product's code")
                for e in facts.embedded
            ),
        ),
        parse_errors=(*unreadable, *facts.unparsed_python()),
        project=facts.scope,
        projects=projects,
        assessed_on=today,
    )


def _result(
    requirement: Requirement,
    config: ProjectConfig,
    product: Profile,
    facts: Facts,
    done: dict[str, Result],
) -> Result:
    rid = requirement.id
    if requirement.deprecated:
        return Result(requirement, Status.RETIRED, message="retired: not run, not counted")
    if requirement.applies_to != "all" and requirement.applies_to not in product.kinds:
        why = f"applies to {requirement.applies_to} products"
        if product.source == "unknown":
            why += "; nothing shows how this product serves; set profile to assess it"
        return Result(requirement, Status.NOT_APPLICABLE, product.evidence, why)
    if rid in config.waive:
        return Result(requirement, Status.WAIVED, message=config.waive[rid])
    if rid in config.attest:
        evidence = config.attest[rid]
        return Result(
            requirement, Status.ATTESTED, (Evidence(evidence, detail="attested"),), evidence
        )
    if not requirement.automated:
        return Result(requirement, Status.TO_CONFIRM, message=requirement.verification.evidence)
    check = REGISTRY.get(rid)
    if check is None:
        return Result(requirement, Status.ERROR, message="no check is registered for it")
    unmet = sorted(
        r
        for r in check.requires
        if r in done and not done[r].status.met and done[r].status is not Status.RETIRED
    )
    if unmet:
        return Result(requirement, Status.SKIPPED, message=f"requires {', '.join(unmet)}")
    outcome = run(check, facts)
    if outcome.error:
        return Result(requirement, Status.ERROR, outcome.evidence, outcome.error)
    if not outcome.passed and (broken := facts.errors_for(requirement.verification.practices)):
        # The practice may be in the file the checker could not read: an error, not a fail.
        unread = tuple(Evidence(e.path, detail=f"not read: {e.message}") for e in broken)
        return Result(
            requirement, Status.ERROR, (*unread, *outcome.evidence), "; ".join(map(str, broken))
        )
    return Result(requirement, Status.PASSED if outcome.passed else Status.FAILED, outcome.evidence)


def capability_level(catalog: Catalog, results: tuple[Result, ...] | list[Result]) -> int:
    """The highest level whose capability the results show (passed or attested).

    A preview named in a level's rule is left out of it until it counts.
    """
    counted = {r.requirement.id for r in results if r.counted}
    shown = {r.requirement.id for r in results if r.status.shown} & counted
    level = 0
    for entry in catalog.levels[1:]:
        rule = entry.reached_when
        any_of = set(rule.any_of) & counted
        if set(rule.all_of) & counted <= shown and (not any_of or shown & any_of):
            level = entry.level
    return level


def certified_level(results: tuple[Result, ...] | list[Result]) -> int:
    """The highest level L such that every counted requirement of level <= L is met."""
    level = 0
    for candidate in (1, 2, 3, 4):
        if all(r.status.met for r in results if r.requirement.level <= candidate and r.counted):
            level = candidate
        else:
            break
    return level


def _area_summary(catalog: Catalog, results: tuple[Result, ...], prefix: str) -> AreaSummary:
    mine = [r for r in results if r.requirement.area == prefix and r.counted]
    applicable = [r for r in mine if r.status is not Status.NOT_APPLICABLE]
    return AreaSummary(
        prefix, catalog.area(prefix).name, sum(r.status.met for r in applicable), len(applicable)
    )
