"""An organisation's tailoring of the standards, kept in one file instead of a fork.

The overlay is a YAML file that adds the organisation's own requirements, moves a requirement
to another level or narrows what it applies to, phases a requirement in from a date, retires
one, and says where the organisation publishes its handbook. It is validated like the catalog:
every problem at once, one line each, `file: ID: field: problem`.

Where it comes from, first found wins: the `--overlay` option, the `MLOPS_STANDARDS_OVERLAY`
variable, or an installed package that declares one under the `mlops_standards.overlay` entry
point group (the object it names is a path, or a function returning one).

```yaml
name: ACME Retail
version: "2026.1"
site_url: https://mlops.acme.example/
add:
  - id: CQ-901          # an organisation's own IDs are numbered 900-999
    title: Container images are scanned for vulnerabilities
    ...                 # the fields of a catalog requirement
change:
  TR-015: {level: 4}
  DOC-007: {applies_to: real-time, counts_from: 2027-03-01}
retire: [DOC-008]
```
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from .loader import (
    APPLICABILITIES,
    LEVELS,
    SAFE_LOADER,
    URL,
    CatalogError,
    _Problems,
    _requirement,
    _sort_key,
    load,
)
from .model import Catalog, Requirement

ENVIRONMENT = "MLOPS_STANDARDS_OVERLAY"
ENTRY_POINTS = "mlops_standards.overlay"
KEYS = ("name", "version", "site_url", "add", "change", "retire")
CHANGEABLE = ("level", "applies_to", "counts_from")
ORGANISATION_NUMBERS = re.compile(r"^[A-Z]+-9\d\d$")
"""The organisation's own requirements take 900-999, which the shipped standards never use."""


def tailored(overlay: str | Path | None = None) -> Catalog:
    """The shipped catalog with the organisation's overlay applied, if there is one.

    Args:
        overlay: the overlay file; when None, `MLOPS_STANDARDS_OVERLAY` or an installed
            package's entry point names it, and without either the shipped standards are used.

    Raises:
        CatalogError: the catalog or the overlay is invalid, one line per problem.
    """
    path = find_overlay(overlay)
    catalog = load()
    return apply_overlay(catalog, path) if path is not None else catalog


def find_overlay(explicit: str | Path | None = None) -> Path | None:
    """The overlay file to use: `explicit`, the environment variable, or an entry point."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT])
    return installed_overlay()


@cache
def installed_overlay() -> Path | None:
    """The overlay an installed package declares, looked up once per process (a site build
    asks for every page)."""
    found = list(entry_points(group=ENTRY_POINTS))
    if not found:
        return None
    if len(found) > 1:
        names = ", ".join(sorted(f"{e.name} ({e.value})" for e in found))
        raise CatalogError(
            [
                f"{ENTRY_POINTS}: -: -: more than one installed overlay ({names}); "
                f"choose one with --overlay or {ENVIRONMENT}"
            ]
        )
    entry = found[0]
    try:
        target = entry.load()
        return Path(target() if callable(target) else target)
    except Exception as error:  # a broken package must not hide which one it is
        raise CatalogError(
            [
                f"{ENTRY_POINTS}: {entry.name}: {entry.value}: cannot be loaded "
                f"({type(error).__name__}: {error})"
            ]
        ) from None


def apply_overlay(catalog: Catalog, path: str | Path) -> Catalog:
    """`catalog` tailored by the overlay file at `path`.

    Raises:
        CatalogError: naming the overlay file, the requirement ID and the field of each problem.
    """
    path = Path(path)
    file = path.name
    problems = _Problems()
    data = _read(path, problems)
    for key in sorted(set(data) - set(KEYS)):
        problems.add(file, "-", key, f"is not a known key (known: {', '.join(KEYS)})")
    site_url = data.get("site_url")
    if site_url is not None and not (isinstance(site_url, str) and URL.match(site_url)):
        problems.add(file, "-", "site_url", "must be an http(s) URL")
    requirements = {r.id: r for r in catalog.requirements}
    for requirement in _added(catalog, data.get("add"), file, problems):
        requirements[requirement.id] = requirement
    for rid, changes in _changes(catalog, data.get("change"), file, problems).items():
        requirements[rid] = replace(requirements[rid], **changes)
    for rid in _retired(catalog, data.get("retire"), file, problems):
        requirements[rid] = replace(requirements[rid], deprecated=True)
    _levels_still_reachable(catalog, requirements, file, problems)
    if problems:
        raise CatalogError(problems)
    name = " ".join(str(data[k]) for k in ("name", "version") if data.get(k)) or file
    return replace(
        catalog,
        requirements=tuple(sorted(requirements.values(), key=_sort_key)),
        site_url=site_url or catalog.site_url,
        tailored_by=name,
    )


def _read(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        problems.add(path.name, "-", "-", "file is missing")
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        problems.add(path.name, "-", "-", f"cannot be read as YAML ({first_line})")
        return {}
    if not isinstance(data, dict):
        problems.add(path.name, "-", "-", "must be a mapping at the top level")
        return {}
    return data


def _added(catalog: Catalog, raw: Any, file: str, problems: _Problems) -> list[Requirement]:
    """The organisation's own requirements, validated as the catalog validates its own."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(file, "-", "add", "must be a list of requirements")
        return []
    added = []
    for index, entry in enumerate(raw):
        rid = f"entry {index + 1}"
        if isinstance(entry, dict) and entry.get("id"):
            rid = str(entry["id"])
        prefix = rid.partition("-")[0]
        areas = {a.prefix: a for a in catalog.areas}
        if prefix not in areas:
            problems.add(file, rid, "id", f"must start with an area prefix ({', '.join(areas)})")
            continue
        if not ORGANISATION_NUMBERS.match(rid):
            numbered = f"numbered {prefix}-900 to {prefix}-999"
            problems.add(
                file,
                rid,
                "id",
                f"an organisation's own requirements are {numbered}, "
                "so no release of the standards takes the ID",
            )
        if any(r.id == rid for r in catalog.requirements) or any(r.id == rid for r in added):
            problems.add(file, rid, "id", "is used twice")
        requirement = _requirement(file, index, entry, areas[prefix], problems, external_links=True)
        if requirement is None:
            continue
        for practice in requirement.verification.practices:
            if catalog.tools is not None and practice not in catalog.tools.practices:
                problems.add(
                    file,
                    rid,
                    "verification.practices",
                    f"unknown practice {practice!r} (see tools.yaml)",
                )
        for test in requirement.sources.ml_test_score:
            if test not in catalog.ml_test_score:
                problems.add(file, rid, "sources.ml_test_score", f"unknown test {test!r}")
        added.append(requirement)
    return added


def _changes(
    catalog: Catalog, raw: Any, file: str, problems: _Problems
) -> dict[str, dict[str, Any]]:
    """Requirement ID -> the fields the organisation changes, each checked like the catalog's."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.add(file, "-", "change", "must map requirement IDs to the fields to change")
        return {}
    changes = {}
    for rid, fields in raw.items():
        if not _known(catalog, rid, file, "change", problems):
            continue
        if not isinstance(fields, dict) or not fields:
            problems.add(file, rid, "change", f"must map {', '.join(CHANGEABLE)} to new values")
            continue
        valid = {}
        for name, value in fields.items():
            problem = _change_problem(name, value)
            if problem:
                problems.add(file, rid, f"change.{name}", problem)
            else:
                valid[name] = value
        changes[str(rid)] = valid
    return changes


def _change_problem(name: str, value: Any) -> str | None:
    """What is wrong with changing field `name` to `value`, if anything."""
    match name:
        case "level" if type(value) is not int or value not in LEVELS:
            return f"must be an integer 1-4, got {value!r}"
        case "applies_to" if value not in APPLICABILITIES:
            return f"must be one of {', '.join(APPLICABILITIES)}"
        case "counts_from" if type(value) is not date:
            return f"must be a date like 2027-01-31, got {value!r}"
        case _ if name not in CHANGEABLE:
            return f"cannot be changed (only {', '.join(CHANGEABLE)})"
    return None


def _retired(catalog: Catalog, raw: Any, file: str, problems: _Problems) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(file, "-", "retire", "must be a list of requirement IDs")
        return []
    return [str(rid) for rid in raw if _known(catalog, rid, file, "retire", problems)]


def _known(catalog: Catalog, rid: Any, file: str, field: str, problems: _Problems) -> bool:
    if any(r.id == rid for r in catalog.requirements):
        return True
    problems.add(file, str(rid), field, "unknown requirement ID")
    return False


def _levels_still_reachable(
    catalog: Catalog, requirements: dict[str, Requirement], file: str, problems: _Problems
) -> None:
    """The levels' capability rules hold after the tailoring: no rule rests on a retired
    requirement, or on one moved above the level it defines."""
    for level in catalog.levels:
        for rid in level.reached_when.requirements:
            requirement = requirements[rid]
            reached = f"level {level.level} is reached through it"
            if requirement.deprecated:
                problems.add(
                    file,
                    rid,
                    "retire",
                    f"{reached}; a level's capability cannot rest on a retired requirement",
                )
            elif requirement.level > level.level:
                moved = f"so it cannot move to level {requirement.level}"
                problems.add(file, rid, "change.level", f"{reached}, {moved}")
