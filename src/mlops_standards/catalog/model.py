"""The standards as typed, immutable records. Text lives here once; everything else reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Applicability = Literal["all", "batch", "real-time"]
Method = Literal["automated", "manual"]

APPLICABILITIES: tuple[str, ...] = ("all", "batch", "real-time")
METHODS: tuple[str, ...] = ("automated", "manual")
LEVELS: tuple[int, ...] = (1, 2, 3, 4)
# The dimensions every maturity level is described along (after Microsoft's model, plus
# monitoring), as catalog key -> display name, in display order.
DIMENSIONS: dict[str, str] = {
    "people": "People",
    "model_creation": "Model creation",
    "model_release": "Model release",
    "integration": "Integration",
    "monitoring": "Monitoring",
}
# Who does a step on the way to production, as catalog key -> display name, in the order the
# swimlanes of a level's journey are drawn (the team, its pipelines, then the other teams).
ACTORS: dict[str, str] = {
    "data-scientist": "Data scientist",
    "ds-team": "Data-science team",
    "pipeline": "Pipelines",
    "devops": "DevOps team",
    "platform": "Platform team",
}


@dataclass(frozen=True)
class Verification:
    """How a requirement is shown to be met."""

    method: Method
    """`automated`: a registered check decides; `manual`: a person attests with evidence."""
    evidence: str
    """What satisfies the requirement: what the checker looks for, or what a person points to."""
    practices: tuple[str, ...] = ()
    """Practices of tools.yaml whose tools meet it; the site and the report list those tools."""


@dataclass(frozen=True)
class Sources:
    """Where a requirement comes from, in the frameworks of `frameworks.yaml`."""

    mma: tuple[int, ...] = ()
    """Statement numbers (1-60) of the Marvelous MLOps maturity assessment."""
    microsoft: int | None = None
    """Level (0-4) of the Microsoft MLOps maturity model at which the practice appears."""
    google: int | None = None
    """Level (0-2) of Google Cloud's MLOps levels at which the practice appears."""
    ml_test_score: tuple[str, ...] = ()
    """ML Test Score tests, such as `Infra 7`."""
    other: tuple[str, ...] = ()
    """Other references, as short citations."""


@dataclass(frozen=True)
class Requirement:
    """One requirement of the standards."""

    id: str
    """Stable identifier, `AREA-NNN`; never renumbered."""
    title: str
    """What must hold, as one sentence."""
    area: str
    """Prefix of the area the requirement belongs to (`DOC`, `CQ`, `TR`, `MON`)."""
    level: int
    """Lowest maturity level (1-4) that needs this requirement."""
    applies_to: Applicability
    """Which products it applies to: `all`, `batch` or `real-time`."""
    verification: Verification
    """How it is verified, and with what evidence."""
    summary: str
    """Why it exists, in one or two sentences."""
    methodology: str
    """Methodology section (site path and anchor), e.g. `methodology/traceability.md#tr-005`."""
    golden_path: str
    """Site path and anchor of the golden path that meets it."""
    sources: Sources = field(default_factory=Sources)
    """The frameworks this requirement is measured against."""
    deprecated: bool = False
    """Retired requirements stay in the catalog, marked, so their IDs are never reused."""
    counts_from: date | None = None
    """A preview until this date: reported from the start, counted from this day on."""

    @property
    def anchor(self) -> str:
        """The HTML anchor used for this requirement on every page: its ID in lower case."""
        return self.id.lower()

    @property
    def automated(self) -> bool:
        """Whether a registered check decides this requirement."""
        return self.verification.method == "automated"

    def counts_on(self, day: date) -> bool:
        """Whether the requirement counts towards the levels on `day`: not retired, and not a
        preview any more (a preview is reported but counted only from its `counts_from` date)."""
        return not self.deprecated and (self.counts_from is None or self.counts_from <= day)

    def applies(self, profile: str | None) -> bool:
        """Whether the requirement applies to a product of `profile` (`batch`, `real-time`).

        Without a profile only the requirements for all products apply.
        """
        return self.applies_to == "all" or self.applies_to == profile


@dataclass(frozen=True)
class Area:
    """One of the four parts of the production checklist."""

    prefix: str
    """ID prefix, e.g. `TR`."""
    name: str
    """Display name."""
    slug: str
    """Page name used for the standards, methodology and golden-path pages."""
    summary: str
    """One line on what the area protects."""


@dataclass(frozen=True)
class LevelRule:
    """The capability that places a product at a level: how its models reach production."""

    all_of: tuple[str, ...] = ()
    """Requirements that must all be met."""
    any_of: tuple[str, ...] = ()
    """Requirements of which at least one must be met (when any are listed)."""

    @property
    def requirements(self) -> tuple[str, ...]:
        return (*self.all_of, *self.any_of)


@dataclass(frozen=True)
class Step:
    """One step of how a model reaches production at a level."""

    actor: str
    """Who does it: a key of `ACTORS`."""
    text: str
    """What happens, in a few words."""
    handoff: bool = False
    """Whether the step hands the work to another team by hand (over the fence)."""


@dataclass(frozen=True)
class Level:
    """A maturity level, 0-4."""

    level: int
    name: str
    summary: str
    reached_when: LevelRule = field(default_factory=LevelRule)
    """The automated requirements that show the level's way to production (none for level 0)."""
    dimensions: dict[str, str] = field(default_factory=dict)
    """What the level looks like along each of `DIMENSIONS`, keyed like it."""
    journey: tuple[Step, ...] = ()
    """How a model reaches production at this level, step by step."""


@dataclass(frozen=True)
class Release:
    """One version of the standards, for the changelog."""

    version: str
    date: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class MMAItem:
    """A statement of the Marvelous MLOps maturity assessment, in our words."""

    item: int
    section: int
    statement: str
    out_of_scope: str | None = None
    """Why no requirement covers it, when none does."""


@dataclass(frozen=True)
class Catalog:
    """The whole set of standards, as loaded and validated by `load()`."""

    version: str
    """Semantic version of the standards."""
    areas: tuple[Area, ...]
    levels: tuple[Level, ...]
    requirements: tuple[Requirement, ...]
    changelog: tuple[Release, ...]
    mma_items: tuple[MMAItem, ...]
    mma_sections: dict[int, str]
    ml_test_score: dict[str, str]
    """ML Test Score test name -> what it asks, in our words."""
    frameworks: dict[str, dict[str, str]]
    """Framework key -> `name` and `url`, for citations."""
    microsoft_levels: dict[int, str]
    google_levels: dict[int, str]
    tools: Any = None
    """What the checker recognises (`tools.Knowledge`), from tools.yaml."""
    markers: Any = None
    """The checks' vocabulary (`markers.Markers`), from markers.yaml."""
    site_url: str | None = None
    """Where the handbook is published, for the reports' links; an organisation overlay sets it."""
    tailored_by: str | None = None
    """The organisation overlay applied, as `name version`; None for the standards as shipped."""

    def __iter__(self):
        return iter(self.requirements)

    def __len__(self) -> int:
        return len(self.requirements)

    def get(self, requirement_id: str) -> Requirement:
        """The requirement with this ID (case-insensitive); `KeyError` if there is none."""
        wanted = requirement_id.upper()
        for requirement in self.requirements:
            if requirement.id == wanted:
                return requirement
        raise KeyError(requirement_id)

    def area(self, prefix: str) -> Area:
        """The area with this prefix; `KeyError` if there is none."""
        for area in self.areas:
            if area.prefix == prefix:
                return area
        raise KeyError(prefix)

    def in_area(self, prefix: str) -> list[Requirement]:
        """Requirements of one area, in ID order."""
        return [r for r in self.requirements if r.area == prefix]

    def at_level(self, level: int) -> list[Requirement]:
        """Requirements that a level adds (those whose `level` is exactly `level`)."""
        return [r for r in self.requirements if r.level == level]

    def covering(self, mma_item: int) -> list[Requirement]:
        """Requirements that cover an MMA statement."""
        return [r for r in self.requirements if mma_item in r.sources.mma]
