"""The standards as an organisation runs them: the catalog, its overlay and its plugin checks.

An organisation's automated requirements need checks. A package provides them as repo-review's
plugins do: it declares a module under the `mlops_standards.checks` entry point group, and the
module registers its functions with `@check("CQ-901")` from `mlops_standards.checks`, asking
for the same facts by parameter name as the shipped checks do. Loading the standards imports
every such module, then verifies that checks and requirements agree, both ways.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from mlops_standards.catalog import Catalog, CatalogError
from mlops_standards.catalog.overlay import ORGANISATION_NUMBERS, tailored
from mlops_standards.checks import REGISTRY

CHECK_ENTRY_POINTS = "mlops_standards.checks"


def load_standards(overlay: str | Path | None = None) -> Catalog:
    """The tailored catalog, with every installed plugin's checks registered.

    Args:
        overlay: the organisation overlay file (see `mlops_standards.catalog.overlay`).

    Raises:
        CatalogError: the catalog, the overlay or the plugins disagree; one line per problem.
    """
    catalog = tailored(overlay)
    problems = load_plugin_checks()
    problems += disagreements(catalog)
    if problems:
        raise CatalogError(problems)
    return catalog


def load_plugin_checks() -> list[str]:
    """Import every module declared under `mlops_standards.checks`; its imports register its checks.

    Returns:
        One line per plugin that could not be loaded.
    """
    problems = []
    for entry in entry_points(group=CHECK_ENTRY_POINTS):
        try:
            entry.load()
        except Exception as error:  # report the plugin and go on to the next one
            problems.append(
                f"{CHECK_ENTRY_POINTS}: {entry.name}: {entry.value}: cannot be loaded "
                f"({type(error).__name__}: {error})"
            )
    return problems


def disagreements(catalog: Catalog) -> list[str]:
    """Where the organisation's requirements and the registered checks disagree.

    Every automated requirement the organisation added needs a registered check, and every
    registered check needs a requirement, as the shipped catalog's own test demands.
    """
    ids = {r.id for r in catalog.requirements}
    own = [r for r in catalog.requirements if ORGANISATION_NUMBERS.match(r.id)]
    problems = [
        f"checks: {r.id}: verification.method: automated, but no installed plugin checks it"
        for r in own
        if r.automated and not r.deprecated and r.id not in REGISTRY
    ]
    for rid, check in sorted(REGISTRY.items()):
        if rid not in ids:
            where = f"{check.function.__module__}.{check.function.__name__}"
            problems.append(f"checks: {rid}: check: {where} checks a requirement the catalog lacks")
    return problems
