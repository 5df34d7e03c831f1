"""Read the catalog's YAML files and validate every record, reporting every problem at once."""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from .markers import MarkersError, load_markers
from .model import (
    ACTORS,
    APPLICABILITIES,
    DIMENSIONS,
    LEVELS,
    METHODS,
    Area,
    Catalog,
    Level,
    LevelRule,
    MMAItem,
    Release,
    Requirement,
    Sources,
    Step,
    Verification,
)
from .tools import ToolsError, load_tools

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
AREA_FILES = ("documentation.yaml", "code_quality.yaml", "traceability.yaml", "monitoring.yaml")
ID_PATTERN = re.compile(r"^(?P<prefix>[A-Z]+)-\d{3}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
LINK = re.compile(r"^[a-z0-9][a-z0-9/_-]*\.md#[a-z0-9-]+$")
URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")
LIFECYCLE = ("deprecated", "counts_from")  # optional fields: retired, or a preview until a date
REQUIRED = (
    "id",
    "title",
    "level",
    "applies_to",
    "verification",
    "summary",
    "methodology",
    "golden_path",
    "sources",
)


class CatalogError(Exception):
    """The catalog is malformed. `problems` lists each one as `file: ID: field: what is wrong`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid catalog:\n  " + "\n  ".join(problems))


class _Problems(list[str]):
    def add(self, file: str, where: str, field: str, problem: str) -> None:
        self.append(f"{file}: {where}: {field}: {problem}")


def default_directory() -> Path:
    """The catalog shipped with the package."""
    return Path(str(files("mlops_standards.catalog") / "data"))


def load(directory: str | Path | None = None) -> Catalog:
    """Load and validate the catalog.

    Args:
        directory: a folder holding `catalog.yaml`, `frameworks.yaml` and one YAML file per
            area; the packaged catalog when omitted. An organisation adapting the standards
            points this at its own copy.

    Returns:
        The validated `Catalog`.

    Raises:
        CatalogError: naming the file, requirement ID and field of every problem found.
    """
    folder = Path(directory) if directory is not None else default_directory()
    problems = _Problems()
    meta = _read(folder / "catalog.yaml", problems)
    frameworks = _read(folder / "frameworks.yaml", problems)
    areas = _areas(meta, problems)
    requirements: list[Requirement] = []
    area_files: dict[str, str] = {}  # area prefix -> file name, so errors name the file
    for name in AREA_FILES:
        found = _area_file(folder / name, areas, problems)
        area_files.update({r.area: name for r in found})
        requirements += found
    mma_items = _mma_items(frameworks, problems)
    _unique_and_known(requirements, frameworks, area_files, problems)
    tools = markers = None
    try:
        tools = load_tools(folder / "tools.yaml")
    except ToolsError as error:
        problems.extend(error.problems)
    try:
        markers = load_markers(folder / "markers.yaml")
    except MarkersError as error:
        problems.append(str(error))
    levels = _levels(meta, {r.id: r for r in requirements}, problems)
    if tools is not None:
        for requirement in requirements:
            for practice in requirement.verification.practices:
                if practice not in tools.practices:
                    problems.add(
                        area_files[requirement.area],
                        requirement.id,
                        "verification.practices",
                        f"unknown practice {practice!r} (see tools.yaml)",
                    )
    if problems:
        raise CatalogError(problems)
    catalog = Catalog(
        version=str(meta["version"]),
        areas=tuple(areas.values()),
        levels=levels,
        requirements=tuple(sorted(requirements, key=_sort_key)),
        changelog=tuple(
            Release(str(r["version"]), str(r["date"]), tuple(r["changes"]))
            for r in meta.get("changelog") or []
        ),
        mma_items=tuple(mma_items),
        mma_sections={int(k): v for k, v in frameworks.get("mma_sections", {}).items()},
        ml_test_score=dict(frameworks.get("ml_test_score", {})),
        frameworks=dict(frameworks.get("frameworks", {})),
        microsoft_levels={int(k): v for k, v in frameworks.get("microsoft_levels", {}).items()},
        google_levels={int(k): v for k, v in frameworks.get("google_levels", {}).items()},
        tools=tools,
        markers=markers,
    )
    # Coverage is judged on the whole set, so only once every record is valid.
    _mma_accounted_for(catalog, problems)
    if problems:
        raise CatalogError(problems)
    return catalog


def _sort_key(requirement: Requirement) -> tuple[int, str]:
    order = ("DOC", "CQ", "TR", "MON")
    prefix = requirement.area
    return (order.index(prefix) if prefix in order else len(order), requirement.id)


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


def _areas(meta: dict[str, Any], problems: _Problems) -> dict[str, Area]:
    if not meta:
        return {}
    if not SEMVER.match(str(meta.get("version", ""))):
        problems.add("catalog.yaml", "-", "version", "must be a semantic version like 1.2.0")
    areas: dict[str, Area] = {}
    for entry in meta.get("areas") or []:
        try:
            area = Area(**entry)
        except TypeError as error:
            problems.add("catalog.yaml", str(entry.get("prefix", "?")), "areas", str(error))
            continue
        areas[area.prefix] = area
    levels = [entry.get("level") for entry in meta.get("levels") or []]
    if levels != [0, 1, 2, 3, 4]:
        problems.add("catalog.yaml", "-", "levels", "must list levels 0 to 4 in order")
    return areas


def _levels(
    meta: dict[str, Any], requirements: dict[str, Requirement], problems: _Problems
) -> tuple[Level, ...]:
    """The maturity levels: the capability that places a product at each, what each looks like
    along every dimension, and the steps by which a model reaches production."""
    levels = []
    for entry in meta.get("levels") or []:
        where = f"level {entry.get('level')}" if isinstance(entry, dict) else "levels"
        if not isinstance(entry, dict):
            problems.add("catalog.yaml", where, "-", "must be a mapping")
            continue
        before = len(problems)
        for name in ("name", "summary"):
            if not isinstance(entry.get(name), str) or not entry[name]:
                problems.add("catalog.yaml", where, name, "is missing")
        for name in sorted(
            set(entry) - {"level", "name", "summary", "reached_when", "dimensions", "journey"}
        ):
            problems.add("catalog.yaml", where, name, "is not a known field")
        rule = _capability(entry, requirements, where, problems)
        dimensions = entry.get("dimensions")
        if not isinstance(dimensions, dict):
            problems.add("catalog.yaml", where, "dimensions", "must map each dimension to text")
            dimensions = {}
        for name in DIMENSIONS:
            if not isinstance(dimensions.get(name), str) or not dimensions[name].strip():
                problems.add("catalog.yaml", where, f"dimensions.{name}", "is missing")
        for name in sorted(set(dimensions) - set(DIMENSIONS)):
            problems.add(
                "catalog.yaml",
                where,
                f"dimensions.{name}",
                f"is not a dimension; use {', '.join(DIMENSIONS)}",
            )
        journey = _journey(entry.get("journey"), where, problems)
        if len(problems) == before:
            levels.append(
                Level(
                    entry["level"], entry["name"], entry["summary"], rule, dict(dimensions), journey
                )
            )
    return tuple(levels)


def _capability(
    entry: dict[str, Any], requirements: dict[str, Requirement], where: str, problems: _Problems
) -> LevelRule:
    """A level's `reached_when`: automated requirements of that level or below."""
    number = entry.get("level")
    rule = entry.get("reached_when") or {}
    if not isinstance(rule, dict) or set(rule) - {"all", "any"}:
        problems.add("catalog.yaml", where, "reached_when", "must be a mapping of all / any lists")
        return LevelRule()
    all_of, any_of = tuple(rule.get("all") or ()), tuple(rule.get("any") or ())
    for rid in (*all_of, *any_of):
        requirement = requirements.get(rid)
        if requirement is None:
            problems.add("catalog.yaml", where, "reached_when", f"unknown requirement {rid}")
        elif requirement.deprecated:
            problems.add(
                "catalog.yaml",
                where,
                "reached_when",
                f"{rid} is retired; a level's capability cannot rest on it",
            )
        elif not requirement.automated:
            problems.add(
                "catalog.yaml",
                where,
                "reached_when",
                f"{rid} is verified by hand; a level's capability must be seen in the repository",
            )
        elif isinstance(number, int) and requirement.level > number:
            problems.add(
                "catalog.yaml", where, "reached_when", f"{rid} belongs to level {requirement.level}"
            )
    if isinstance(number, int) and number > 0 and not (all_of or any_of):
        problems.add("catalog.yaml", where, "reached_when", "is required for levels 1 to 4")
    return LevelRule(all_of, any_of)


def _journey(raw: Any, where: str, problems: _Problems) -> tuple[Step, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        problems.add("catalog.yaml", where, "journey", "must list at least two steps")
        return ()
    steps = []
    for number, step in enumerate(raw, start=1):
        field = f"journey[{number}]"
        if not isinstance(step, dict) or set(step) - {"actor", "text", "handoff"}:
            problems.add("catalog.yaml", where, field, "must be a mapping of actor, text, handoff")
            continue
        if step.get("actor") not in ACTORS:
            problems.add(
                "catalog.yaml", where, f"{field}.actor", f"must be one of {', '.join(ACTORS)}"
            )
        if not isinstance(step.get("text"), str) or not step["text"].strip():
            problems.add("catalog.yaml", where, f"{field}.text", "is missing")
        if not isinstance(step.get("handoff", False), bool):
            problems.add("catalog.yaml", where, f"{field}.handoff", "must be true or false")
        steps.append(Step(step.get("actor", ""), step.get("text", ""), step.get("handoff", False)))
    return tuple(steps)


def _area_file(path: Path, areas: dict[str, Area], problems: _Problems) -> list[Requirement]:
    data = _read(path, problems)
    if not data:
        return []
    prefix = data.get("area")
    if prefix not in areas:
        problems.add(path.name, "-", "area", f"unknown area {prefix!r}")
        return []
    entries = data.get("requirements")
    if not isinstance(entries, list):
        problems.add(path.name, "-", "requirements", "must be a list")
        return []
    return [
        requirement
        for index, entry in enumerate(entries)
        if (requirement := _requirement(path.name, index, entry, areas[prefix], problems))
    ]


def _requirement(
    file: str,
    index: int,
    entry: Any,
    area: Area,
    problems: _Problems,
    external_links: bool = False,
) -> Requirement | None:
    """One requirement record; `external_links` also accepts http(s) URLs for its methodology
    and golden path (an organisation's own requirements link to its own pages)."""
    if not isinstance(entry, dict):
        problems.add(file, f"entry {index + 1}", "-", "must be a mapping")
        return None
    rid = str(entry.get("id") or f"entry {index + 1}")
    before = len(problems)

    def bad(field: str, problem: str) -> None:
        problems.add(file, rid, field, problem)

    for name in REQUIRED:
        if entry.get(name) in (None, "", [], {}):
            bad(name, "is missing")
    unknown = set(entry) - set(REQUIRED) - set(LIFECYCLE)
    for name in sorted(unknown):
        bad(name, "is not a known field")
    match = ID_PATTERN.match(rid)
    if "id" in entry and (not match or match["prefix"] != area.prefix):
        bad("id", f"must look like {area.prefix}-001")
    level = entry.get("level")
    if "level" in entry and (type(level) is not int or level not in LEVELS):
        bad("level", f"must be an integer 1-4, got {level!r}")
    if "applies_to" in entry and entry["applies_to"] not in APPLICABILITIES:
        bad("applies_to", f"must be one of {', '.join(APPLICABILITIES)}")
    verification = entry.get("verification")
    if isinstance(verification, dict):
        if verification.get("method") not in METHODS:
            bad("verification.method", f"must be one of {', '.join(METHODS)}")
        if not verification.get("evidence"):
            bad("verification.evidence", "is missing")
        if set(verification) - {"method", "evidence", "practices"}:
            bad("verification", "knows only method, evidence and practices")
        practices = verification.get("practices", [])
        if not isinstance(practices, list) or not all(isinstance(p, str) for p in practices):
            bad("verification.practices", "must be a list of practice IDs")
    elif verification is not None:
        bad("verification", "must be a mapping with method and evidence")
    for name in ("methodology", "golden_path"):
        value = str(entry.get(name) or "")
        if value and not LINK.match(value) and not (external_links and URL.match(value)):
            bad(
                name,
                "must be a site path with an anchor, like methodology/traceability.md#tr-001"
                + (", or an http(s) URL" if external_links else ""),
            )
    if not isinstance(entry.get("deprecated", False), bool):
        bad("deprecated", "must be true or false")
    counts_from = entry.get("counts_from")
    if counts_from is not None and type(counts_from) is not date:
        bad("counts_from", f"must be a date like 2027-01-31, got {counts_from!r}")
    sources = _sources(entry.get("sources"), bad)
    if len(problems) > before:
        return None
    return Requirement(
        id=rid,
        title=str(entry["title"]),
        area=area.prefix,
        level=level,
        applies_to=entry["applies_to"],
        verification=Verification(
            verification["method"],
            str(verification["evidence"]),
            tuple(verification.get("practices") or ()),
        ),
        summary=str(entry["summary"]),
        methodology=str(entry["methodology"]),
        golden_path=str(entry["golden_path"]),
        sources=sources,
        deprecated=entry.get("deprecated", False),
        counts_from=counts_from,
    )


def _sources(raw: Any, bad) -> Sources:
    if not isinstance(raw, dict):
        if raw is not None:
            bad("sources", "must be a mapping")
        return Sources()
    known = {"mma", "microsoft", "google", "ml_test_score", "other"}
    for name in sorted(set(raw) - known):
        bad(f"sources.{name}", "is not a known source")
    mma = raw.get("mma") or []
    if not isinstance(mma, list) or not all(type(i) is int and 1 <= i <= 60 for i in mma):
        bad("sources.mma", "must be a list of statement numbers 1-60")
        mma = []
    for name, top in (("microsoft", 4), ("google", 2)):
        value = raw.get(name)
        if value is not None and (type(value) is not int or not 0 <= value <= top):
            bad(f"sources.{name}", f"must be a level 0-{top}")
    for name in ("ml_test_score", "other"):
        if not isinstance(raw.get(name) or [], list):
            bad(f"sources.{name}", "must be a list")
    return Sources(
        mma=tuple(mma),
        microsoft=raw.get("microsoft"),
        google=raw.get("google"),
        ml_test_score=tuple(raw.get("ml_test_score") or []),
        other=tuple(raw.get("other") or []),
    )


def _mma_items(frameworks: dict[str, Any], problems: _Problems) -> list[MMAItem]:
    items: list[MMAItem] = []
    for entry in frameworks.get("mma_items") or []:
        try:
            items.append(MMAItem(**entry))
        except TypeError as error:
            problems.add("frameworks.yaml", f"item {entry.get('item')}", "mma_items", str(error))
    if frameworks and [i.item for i in items] != list(range(1, 61)):
        problems.add("frameworks.yaml", "-", "mma_items", "must list statements 1 to 60 in order")
    return items


def _unique_and_known(
    requirements: list[Requirement],
    frameworks: dict[str, Any],
    area_files: dict[str, str],
    problems: _Problems,
) -> None:
    """Rules across records, checked with the per-record ones so all are reported at once."""
    seen: set[str] = set()
    tests = frameworks.get("ml_test_score") or {}
    for requirement in requirements:
        file = area_files[requirement.area]
        if requirement.id in seen:
            problems.add(file, requirement.id, "id", "is used twice")
        seen.add(requirement.id)
        for test in requirement.sources.ml_test_score if frameworks else ():
            if test not in tests:
                problems.add(
                    file, requirement.id, "sources.ml_test_score", f"unknown test {test!r}"
                )


def _mma_accounted_for(catalog: Catalog, problems: _Problems) -> None:
    """Every MMA statement is covered by a requirement or says why it is out of scope."""
    for item in catalog.mma_items:
        covered = bool(catalog.covering(item.item))
        where = f"item {item.item}"
        if not covered and not item.out_of_scope:
            problems.add(
                "frameworks.yaml",
                where,
                "out_of_scope",
                "no requirement covers this statement and no reason says why",
            )
        if covered and item.out_of_scope:
            problems.add(
                "frameworks.yaml",
                where,
                "out_of_scope",
                "is set, but requirements cover this statement",
            )
