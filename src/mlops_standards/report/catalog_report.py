"""The standards themselves at a terminal: `list` and `explain`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mlops_standards.catalog import Catalog, Requirement

from .links import page_url


def print_list(catalog: Catalog, area: str | None, level: int | None) -> None:
    """A table of the requirements, optionally of one area or one level."""
    table = Table(title=f"MLOps standards v{catalog.version}", show_edge=False)
    for column in ("ID", "Lvl", "Requirement", "Verified"):
        table.add_column(column, overflow="fold")
    for r in catalog:
        if (area and r.area != area.upper()) or (level and r.level != level):
            continue
        scope = "" if r.applies_to == "all" else f" ({r.applies_to})"
        table.add_row(r.id, str(r.level), r.title + scope, r.verification.method)
    Console(highlight=False).print(table)


def recognised_tools(catalog: Catalog, requirement: Requirement) -> list[str]:
    """The tools the checker recognises for a requirement, from tools.yaml."""
    return [t.label for t in catalog.tools.recognised(requirement.verification.practices)]


def explain(catalog: Catalog, r: Requirement) -> str:
    """Why a requirement exists, what evidence it takes, the tools recognised, the links."""
    level = catalog.levels[r.level]
    lines = [
        f"{r.id}  {r.title}",
        f"Area:        {catalog.area(r.area).name}",
        f"Level:       {r.level} ({level.name})",
        f"Applies to:  {r.applies_to}",
        f"Verified:    {r.verification.method}",
        f"Why:         {r.summary}",
        f"Evidence:    {r.verification.evidence}",
    ]
    tools = recognised_tools(catalog, r)
    if tools:
        lines.append(f"Recognised:  {', '.join(tools)}")
    defining = [entry.level for entry in catalog.levels if r.id in entry.reached_when.requirements]
    if defining:
        lines.append(f"Defines:     the capability of level {', '.join(map(str, defining))}")
    lines += [f"Methodology: {page_url(r.methodology)}", f"Golden path: {page_url(r.golden_path)}"]
    return "\n".join(lines) + "\n"
