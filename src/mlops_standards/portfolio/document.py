"""The portfolio as JSON, for other tools: its shape is `portfolio-schema.json`."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from mlops_standards import __version__

from .model import Portfolio, Product

SCHEMA_VERSION = "1.0"
MET = frozenset({"passed", "attested", "waived"})
"""Statuses that meet a requirement on the checklist (not applicable ones are left out)."""
NOT_COUNTED = frozenset({"not-applicable", "retired"})


def level_counts(
    products: list[Product] | tuple[Product, ...], certified: bool = False
) -> dict[str, int]:
    """How many products are at each level 0-4 (or certified level)."""
    counts = Counter(p.certified_level if certified else p.level for p in products)
    return {str(level): counts.get(level, 0) for level in range(5)}


def requirement_counts(portfolio: Portfolio) -> list[dict[str, Any]]:
    """Per requirement: how many products it applies to, meet it, miss it, and are blocked by it."""
    rows = []
    for column in portfolio.columns:
        statuses = [p.statuses.get(column.id) for p in portfolio.products]
        applicable = [s for s in statuses if s is not None and s not in NOT_COUNTED]
        rows.append(
            {
                "id": column.id,
                "title": column.title,
                "area": column.area,
                "level": column.level,
                "golden_path": column.golden_path,
                "applicable": len(applicable),
                "met": sum(s in MET for s in applicable),
                "failed": sum(s in ("failed", "error") for s in applicable),
                "to_confirm": sum(s == "to-confirm" for s in applicable),
                "blocking": sum(column.id in p.blocking for p in portfolio.products),
            }
        )
    return rows


def document(portfolio: Portfolio) -> dict[str, Any]:
    kinds = Counter(change.kind for change in portfolio.changes)
    groups = portfolio.groups()
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mlops-standards", "version": __version__},
        "generated_on": portfolio.generated_on,
        "previous_run": portfolio.previous_run,
        "group_by": portfolio.group_by,
        "standards_versions": sorted(
            {p.standards_version for p in portfolio.products if p.standards_version}
        ),
        "summary": {
            "products": len(portfolio.products),
            "groups": len(groups),
            "levels": level_counts(portfolio.products),
            "certified_levels": level_counts(portfolio.products, certified=True),
            "changes": {kind: kinds.get(kind, 0) for kind in ("up", "down", "new", "gone")},
        },
        "groups": [
            {"name": name, "products": [p.name for p in members], "levels": level_counts(members)}
            for name, members in groups.items()
        ],
        "products": [_product(p, portfolio) for p in portfolio.products],
        "requirements": requirement_counts(portfolio),
        "blockers": [
            {
                "id": b.column.id,
                "title": b.column.title,
                "golden_path": b.column.golden_path,
                "count": len(b.products),
                "products": list(b.products),
            }
            for b in portfolio.blockers
        ],
        "changes": [
            {
                "product": c.product,
                "kind": c.kind,
                "previous_level": c.previous_level,
                "level": c.level,
                "previous_certified_level": c.previous_certified,
                "certified_level": c.certified,
            }
            for c in portfolio.changes
        ],
        "errors": [{"path": path, "message": message} for path, message in portfolio.errors],
    }


def _product(product: Product, portfolio: Portfolio) -> dict[str, Any]:
    change = portfolio.change(product.name)
    return {
        "name": product.name,
        "brand": product.brand,
        "team": product.team,
        "level": product.level,
        "level_name": product.level_name,
        "certified_level": product.certified_level,
        "next_level": product.next_level,
        "blocking": list(product.blocking),
        "previews": sorted(product.previews),
        "assessed_on": product.assessed_on,
        "standards_version": product.standards_version,
        "source": product.source,
        "change": change.kind if change else None,
        "statuses": product.statuses,
    }


def render(portfolio: Portfolio) -> str:
    return json.dumps(document(portfolio), indent=1, ensure_ascii=False) + "\n"
