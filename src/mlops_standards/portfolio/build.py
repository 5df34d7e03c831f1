"""Reports in, one portfolio out: every product once, the blockers ranked, the changes found."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .collect import Owner, columns, level_names, products
from .history import changes
from .model import Blocker, Portfolio, Product

TOP_BLOCKERS = 10


def build_portfolio(
    documents: list[tuple[str, dict[str, Any]]],
    mapping: dict[str, Owner],
    generated_on: str,
    previous: dict[str, Any] | None = None,
    group_by: str = "brand",
    errors: list[tuple[str, str]] | None = None,
) -> Portfolio:
    """The portfolio of every product the `documents` report on.

    Args:
        documents: (source, JSON report) pairs, as read from files or made by assessing.
        mapping: product name -> brand and team, which wins over what the reports say.
        generated_on: when this run is made (ISO 8601), recorded in its history.
        previous: the previous run of the history, to measure changes against.
        group_by: `brand` or `team`.
        errors: inputs that could not be read, shown on the dashboard.

    Returns:
        The portfolio; a product reported twice counts once, by its newest report.
    """
    latest: dict[str, Product] = {}
    for source, document in documents:
        for product in products(document, source, mapping):
            kept = latest.get(product.name)
            if kept is None or (product.assessed_on or "") >= (kept.assessed_on or ""):
                latest[product.name] = product
    found = sorted(latest.values(), key=lambda p: p.name)
    shown = columns([document for _, document in documents])
    by_id = {column.id: column for column in shown}
    counts = Counter(rid for product in found for rid in product.blocking if rid in by_id)
    blockers = [
        Blocker(by_id[rid], tuple(p.name for p in found if rid in p.blocking))
        for rid, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_BLOCKERS]
    ]
    return Portfolio(
        generated_on=generated_on,
        products=tuple(found),
        columns=tuple(shown),
        blockers=tuple(blockers),
        changes=tuple(changes(found, previous)),
        previous_run=previous.get("generated_on") if previous else None,
        group_by=group_by,
        errors=tuple(errors or ()),
        level_names=level_names([document for _, document in documents]),
    )
