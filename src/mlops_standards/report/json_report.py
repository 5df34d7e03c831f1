"""The machine-readable report. Its shape is the JSON Schema in `report-schema.json`."""

from __future__ import annotations

import json
from typing import Any

from mlops_standards import __version__
from mlops_standards.assess import Assessment, Result

from .links import page_url

SCHEMA_VERSION = "1.0"
"""Bumped on any change of shape: minor for additions, major for removals or renames."""


def document(assessments: list[Assessment], errors: list[tuple[str, str]]) -> dict[str, Any]:
    """The whole JSON document for a run over one or more repositories."""
    version = assessments[0].catalog.version if assessments else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mlops-standards", "version": __version__},
        "standards_version": version,
        "reports": [_report(a) for a in assessments],
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    return json.dumps(document(assessments, errors), indent=2, ensure_ascii=False) + "\n"


def _report(assessment: Assessment) -> dict[str, Any]:
    next_level = assessment.level + 1 if assessment.level < 4 else None
    return {
        "path": str(assessment.root),
        "profile": assessment.profile.name,
        "certified_level": assessment.certified_level,
        "config": assessment.config.source,
        "level": assessment.level,
        "level_name": assessment.catalog.levels[assessment.level].name,
        "next_level": next_level,
        "blocking": [r.requirement.id for r in assessment.blocking],
        "areas": [
            {"area": a.prefix, "name": a.name, "met": a.met, "applicable": a.applicable}
            for a in assessment.areas
        ],
        "results": [_result(r) for r in assessment.results],
        "not_scanned": [{"path": p, "reason": why} for p, why in assessment.skipped_paths],
    }


def _result(result: Result) -> dict[str, Any]:
    r = result.requirement
    return {
        "id": r.id,
        "title": r.title,
        "area": r.area,
        "level": r.level,
        "applies_to": r.applies_to,
        "verification": r.verification.method,
        "status": result.status.value,
        "message": result.message or None,
        "evidence": [
            {"path": e.path, "line": e.line, "detail": e.detail or None} for e in result.evidence
        ],
        "golden_path": page_url(r.golden_path),
        "methodology": page_url(r.methodology),
    }
