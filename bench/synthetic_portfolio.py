"""Synthetic JSON reports of a whole organisation, shaped like real ones.

One real report (the checker run over `examples/demand-forecast`) is the template; each
synthetic product gets a brand, a team, a level drawn from a realistic spread, and statuses
consistent with that level: what places it there passed, most of its checklist met, most of the
next levels missing. `blocking` and `certified_level` follow from the statuses as the checker's
rules define them, closely enough for a dashboard and a benchmark.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from mlops_standards.assess import assess_all
from mlops_standards.catalog import load
from mlops_standards.report.json_report import document

ROOT = Path(__file__).resolve().parents[1]
BRANDS = ("Fresh", "Corner", "Basket", "Harbour", "Meadow")
TEAMS = ("Forecasting", "Pricing", "Search", "Personalisation", "Supply chain", "Marketing")
PRODUCTS = (
    "demand-forecast",
    "price-elasticity",
    "search-ranking",
    "offer-personalisation",
    "replenishment",
    "churn",
    "assortment",
    "promo-uplift",
    "basket-completion",
    "fresh-waste",
)
LEVEL_SPREAD = (0.10, 0.35, 0.30, 0.20, 0.05)
"""The share of products at levels 0-4: most between 1 and 2, as the source article found."""


def template() -> dict[str, Any]:
    """A real JSON report, to copy the shape and the requirements from."""
    return document(assess_all(ROOT / "examples" / "demand-forecast", load()), [])


def synthetic_reports(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """`count` reports of distinct products spread over the brands and teams."""
    rng = random.Random(seed)
    catalog = load()
    base = template()
    rules = {level.level: set(level.reached_when.requirements) for level in catalog.levels}
    levels_of = {r.id: r.level for r in catalog.requirements}
    reports = []
    for number in range(count):
        level = rng.choices(range(5), LEVEL_SPREAD)[0]
        name = f"{PRODUCTS[number % len(PRODUCTS)]}-{number // len(PRODUCTS) + 1:03d}"
        doc = copy.deepcopy(base)
        report = doc["reports"][0]
        report.update(
            path=f"/builds/{name}",
            product=name,
            brand=rng.choice(BRANDS),
            team=rng.choice(TEAMS),
            assessed_on=f"2026-11-{rng.randint(1, 30):02d}",
        )
        placing = set().union(*(rules[n] for n in range(1, level + 1)))
        for result in report["results"]:
            rid, needed = result["id"], levels_of.get(result["id"], 4)
            if rid in placing:
                result["status"] = "passed"
            elif result["status"] in ("not-applicable", "retired"):
                continue
            else:
                met = 0.95 if needed <= level else 0.3
                result["status"] = rng.choices(
                    ["passed", "failed", "to-confirm", "waived"],
                    [met, (1 - met) * 0.6, (1 - met) * 0.35, (1 - met) * 0.05],
                )[0]
        _levels(report, level, rules, levels_of, catalog)
        reports.append(doc)
    return reports


def _levels(report, level, rules, levels_of, catalog) -> None:
    met = {
        r["id"]
        for r in report["results"]
        if r["status"] in ("passed", "attested", "waived", "not-applicable")
    }
    certified = 0
    for candidate in range(1, 5):
        if all(r["id"] in met for r in report["results"] if levels_of.get(r["id"], 9) <= candidate):
            certified = candidate
        else:
            break
    following = level + 1 if level < 4 else None
    blocking = []
    if following is not None:
        blocking = sorted(rules[following] - met)
        blocking += [
            r["id"]
            for r in report["results"]
            if levels_of.get(r["id"]) == following
            and r["id"] not in met
            and r["id"] not in blocking
        ]
    report.update(
        level=level,
        level_name=catalog.levels[level].name,
        certified_level=certified,
        certified_level_name=catalog.levels[certified].name,
        next_level=following,
        next_level_name=catalog.levels[following].name if following is not None else None,
        blocking=blocking,
    )


def write_reports(folder: Path, reports: list[dict[str, Any]]) -> list[Path]:
    """One `<product>.json` file per report, as a CI job would collect them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in reports:
        path = folder / f"{doc['reports'][0]['product']}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths
