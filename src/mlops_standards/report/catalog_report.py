"""The standards themselves at a terminal: `list` and `explain`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mlops_standards.catalog import Catalog, Requirement

from .links import catalog_url


def print_list(catalog: Catalog, area: str | None, level: int | None) -> None:
    """A table of the requirements, optionally of one area or one level."""
    table = Table(show_edge=False)
    for column in ("ID", "Lvl", "Requirement", "Verified"):
        table.add_column(column, overflow="fold")
    for r in catalog:
        if (area and r.area != area.upper()) or (level and r.level != level):
            continue
        scope = "" if r.applies_to == "all" else f" ({r.applies_to})"
        note = f" ({lifecycle(r)})" if lifecycle(r) else ""
        table.add_row(r.id, str(r.level), r.title + scope + note, r.verification.method)
    tailored = f" tailored by {catalog.tailored_by}" if catalog.tailored_by else ""
    table.title = f"MLOps standards v{catalog.version}{tailored}"
    Console(highlight=False).print(table)


def lifecycle(requirement: Requirement) -> str:
    """`retired`, `preview, counts from 2027-03-01`, or nothing for a requirement in force."""
    if requirement.deprecated:
        return "retired"
    if requirement.counts_from is not None:
        return f"preview, counts from {requirement.counts_from.isoformat()}"
    return ""


def recognised_tools(catalog: Catalog, requirement: Requirement) -> list[str]:
    """The tools the checker recognises for a requirement, from tools.yaml."""
    return [t.label for t in catalog.tools.recognised(requirement.verification.practices)]


def explain(catalog: Catalog, r: Requirement) -> str:
    """Why a requirement exists, what evidence it takes, the tools recognised, the links."""
    level = catalog.levels[r.level]
    lines = [
        f"{r.id}  {r.title}" + (f"  ({lifecycle(r)})" if lifecycle(r) else ""),
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
    lines += [f"Methodology: {catalog_url(catalog, r.methodology)}",
              f"Golden path: {catalog_url(catalog, r.golden_path)}"]  # fmt: skip
    return "\n".join(lines) + "\n"
