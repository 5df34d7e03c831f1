"""Reports shaped as the checker writes them, for portfolios of a few products."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from mlops_standards.assess import assess_all
from mlops_standards.catalog import load
from mlops_standards.report.json_report import document
from tests.browsing import browser, page, requested  # noqa: F401  (fixtures for the browser tests)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def real_report() -> dict[str, Any]:
    """The JSON report of a real checker run over the example repository."""
    return document(assess_all(ROOT / "examples" / "demand-forecast", load()), [])


@pytest.fixture
def make_report(real_report):
    """A report of the real run, renamed and re-levelled: what a product's CI would upload."""

    def make(
        name: str,
        level: int = 1,
        *,
        brand: str | None = None,
        team: str | None = None,
        blocking: tuple[str, ...] = (),
        statuses: dict[str, str] | None = None,
        assessed_on: str = "2026-11-30",
        certified: int | None = None,
        project: str | None = None,
    ) -> dict[str, Any]:
        doc = copy.deepcopy(real_report)
        report = doc["reports"][0]
        report.update(
            path=f"/home/runner/work/{name}/{name}",
            brand=brand,
            team=team,
            level=level,
            level_name=f"name of {level}",
            certified_level=level if certified is None else certified,
            blocking=list(blocking),
            assessed_on=assessed_on,
            project=project,
            next_level=level + 1 if level < 4 else None,
        )
        for result in report["results"]:
            result["status"] = (statuses or {}).get(result["id"], result["status"])
        return doc

    return make


@pytest.fixture
def write_reports(tmp_path):
    """Write documents as `<name>.json` files, as the central job collects them."""

    def write(*documents: dict[str, Any]) -> list[Path]:
        folder = tmp_path / "reports"
        folder.mkdir(exist_ok=True)
        paths = []
        for number, doc in enumerate(documents):
            path = folder / f"{number:03d}-{Path(doc['reports'][0]['path']).name}.json"
            path.write_text(json.dumps(doc))
            paths.append(path)
        return paths

    return write
