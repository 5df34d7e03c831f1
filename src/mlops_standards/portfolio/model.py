"""The portfolio as typed records: products, the requirements they are measured on, changes."""

from __future__ import annotations

from dataclasses import dataclass, field

UNASSIGNED = "Unassigned"
"""The brand or team of a product nobody mapped."""


@dataclass(frozen=True)
class Column:
    """A requirement as the portfolio shows it: one column of the heat map."""

    id: str
    title: str
    area: str
    level: int
    golden_path: str
    """The golden path's URL, as the reports give it."""


@dataclass(frozen=True)
class Product:
    """One product of the portfolio, from its latest report."""

    name: str
    """The repository's folder name, or `repository/project` for a project of a monorepo."""
    brand: str
    team: str
    level: int
    level_name: str
    certified_level: int
    next_level: int | None
    blocking: tuple[str, ...]
    """Requirement IDs between the product and its next level, its capability first."""
    statuses: dict[str, str]
    """Requirement ID -> status, as the report has it."""
    previews: frozenset[str] = frozenset()
    """Requirements reported but not counted yet."""
    assessed_on: str | None = None
    standards_version: str | None = None
    source: str = ""
    """The report file (or repository) the product was read from."""


@dataclass(frozen=True)
class Change:
    """How a product moved since the previous run."""

    product: str
    previous_level: int | None
    """None for a product new to the portfolio."""
    level: int | None
    """None for a product that is no longer reported."""
    previous_certified: int | None = None
    certified: int | None = None

    @property
    def kind(self) -> str:
        """`new`, `gone`, `up`, `down` or `same` (by level, then by certified level)."""
        if self.previous_level is None:
            return "new"
        if self.level is None:
            return "gone"
        before = (self.previous_level, self.previous_certified or 0)
        now = (self.level, self.certified or 0)
        return "up" if now > before else "down" if now < before else "same"


@dataclass(frozen=True)
class Blocker:
    """A requirement that stands between many products and their next level."""

    column: Column
    products: tuple[str, ...]


@dataclass(frozen=True)
class Portfolio:
    """Every product, how each stands and moved, and what blocks most of them."""

    generated_on: str
    products: tuple[Product, ...]
    columns: tuple[Column, ...]
    blockers: tuple[Blocker, ...]
    changes: tuple[Change, ...] = ()
    previous_run: str | None = None
    """When the run the changes are measured against was made; None without history."""
    group_by: str = "brand"
    """`brand` or `team`: how products are grouped."""
    errors: tuple[tuple[str, str], ...] = field(default=())
    """Inputs that could not be read, with the reason."""
    level_names: dict[int, str] = field(default_factory=dict)
    """Level -> its name, as the reports name the levels they mention."""

    def groups(self) -> dict[str, list[Product]]:
        """Products by brand (or team), groups and products in name order, the unassigned last."""
        found: dict[str, list[Product]] = {}
        for product in sorted(self.products, key=lambda p: (p.team, p.name)):
            found.setdefault(getattr(product, self.group_by), []).append(product)
        return dict(sorted(found.items(), key=lambda kv: (kv[0] == UNASSIGNED, kv[0].lower())))

    def change(self, product: str) -> Change | None:
        return next((c for c in self.changes if c.product == product), None)
