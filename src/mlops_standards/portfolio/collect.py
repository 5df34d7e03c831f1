"""Products from the checker's JSON reports: one per report, owned by a brand and a team.

A large organisation does not check out every repository in one job: each repository's CI
writes `check --format json` and one job gathers the files. The reports carry everything the
portfolio shows (levels, statuses, titles, golden-path links), so the portfolio never needs the
catalog that produced them, and reports made by older checkers of the same major schema read too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import yaml

from .model import UNASSIGNED, Column, Product

SCHEMA_MAJOR = "2"
AREA_ORDER = ("DOC", "CQ", "TR", "MON")


class PortfolioError(Exception):
    """An input of the portfolio is unusable; the message is one line naming the file."""


@dataclass(frozen=True)
class Owner:
    brand: str | None = None
    team: str | None = None


def read_mapping(path: Path) -> dict[str, Owner]:
    """The mapping file: product name -> brand and team, for products whose reports say neither.

    ```yaml
    products:
      demand-forecast: {brand: Fresh, team: Forecasting}
    ```

    Raises:
        PortfolioError: the file is missing, not YAML, or not shaped like that.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PortfolioError(f"{path}: cannot be read ({first})") from None
    products = data.get("products") if isinstance(data, dict) else None
    if not isinstance(products, dict):
        raise PortfolioError(f"{path}: products: must map product names to a brand and a team")
    mapping = {}
    for name, owner in products.items():
        if not isinstance(owner, dict) or set(owner) - {"brand", "team"}:
            raise PortfolioError(f"{path}: products.{name}: must be a mapping of brand and team")
        for key, value in owner.items():
            if not isinstance(value, str) or not value.strip():
                raise PortfolioError(f"{path}: products.{name}.{key}: must be a non-empty string")
        mapping[str(name)] = Owner(owner.get("brand"), owner.get("team"))
    return mapping


def read_report(path: Path) -> dict[str, Any]:
    """A JSON report written by `mlops-standards check --format json`.

    Raises:
        PortfolioError: the file cannot be read, is not a report, or has an unknown schema.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PortfolioError(f"{path}: cannot be read as JSON ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("reports"), list):
        raise PortfolioError(f"{path}: not a report of `mlops-standards check --format json`")
    version = str(document.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_MAJOR:
        raise PortfolioError(
            f"{path}: report schema {version or 'unknown'} is not supported "
            f"(this checker reads {SCHEMA_MAJOR}.x)"
        )
    return document


def product_name(report: dict[str, Any]) -> str:
    """The name the project's configuration gives (`product`), else the repository's folder
    name; for a project of a monorepo, `repository/project`."""
    if report.get("product"):
        return str(report["product"])
    path = PurePath(report["path"])
    project = (report.get("project") or "").strip("/")
    if project and path.as_posix().endswith(project):
        repository = PurePath(path.as_posix()[: -len(project)].rstrip("/") or "/")
        return f"{repository.name}/{project}"
    return path.name


def products(document: dict[str, Any], source: str, mapping: dict[str, Owner]) -> list[Product]:
    """One product per report of the document; the mapping wins over the reports' own owners.

    Raises:
        PortfolioError: a report lacks what the portfolio shows.
    """
    found = []
    for report in document["reports"]:
        try:
            name = product_name(report)
            owner = mapping.get(name, Owner())
            results = report["results"]
            found.append(
                Product(
                    name=name,
                    brand=owner.brand or report.get("brand") or UNASSIGNED,
                    team=owner.team or report.get("team") or UNASSIGNED,
                    level=int(report["level"]),
                    level_name=str(report["level_name"]),
                    certified_level=int(report["certified_level"]),
                    next_level=report.get("next_level"),
                    blocking=tuple(report.get("blocking") or ()),
                    statuses={r["id"]: r["status"] for r in results},
                    previews=frozenset(report.get("previews") or ()),
                    assessed_on=report.get("assessed_on"),
                    standards_version=document.get("standards_version"),
                    source=source,
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise PortfolioError(f"{source}: a report lacks {error} or has it malformed") from None
    return found


def columns(documents: list[dict[str, Any]]) -> list[Column]:
    """Every requirement the reports measure, once, in area then ID order; a requirement
    retired in every report is left out. Titles and links come from the newest report."""
    found: dict[str, Column] = {}
    live: set[str] = set()
    newest_first = sorted(documents, key=_assessed_on, reverse=True)
    for document in newest_first:
        for report in document["reports"]:
            for result in report.get("results", []):
                rid = result["id"]
                if result.get("status") != "retired":
                    live.add(rid)
                if rid not in found:
                    found[rid] = Column(
                        rid,
                        result.get("title", rid),
                        result.get("area", ""),
                        int(result.get("level", 0)),
                        result.get("golden_path", ""),
                    )
    ordered = sorted(found.values(), key=_column_order)
    return [column for column in ordered if column.id in live]


def level_names(documents: list[dict[str, Any]]) -> dict[int, str]:
    """Level -> name, from every level a report names (its own, the certified, the next)."""
    names: dict[int, str] = {}
    for document in documents:
        for report in document["reports"]:
            for key in ("level", "certified_level", "next_level"):
                if isinstance(report.get(key), int) and report.get(f"{key}_name"):
                    names.setdefault(report[key], str(report[f"{key}_name"]))
    return names


def _assessed_on(document: dict[str, Any]) -> str:
    return max((r.get("assessed_on") or "" for r in document["reports"]), default="")


def _column_order(column: Column) -> tuple[int, str]:
    area = AREA_ORDER.index(column.area) if column.area in AREA_ORDER else len(AREA_ORDER)
    return (area, column.id)
