"""The machine-readable report. Its shape is the JSON Schema in `report-schema.json`."""

from __future__ import annotations

import json
from typing import Any

from mlops_standards import __version__
from mlops_standards.assess import Assessment, Result
from mlops_standards.checks.outcome import Evidence

from .links import catalog_url

SCHEMA_VERSION = "2.1"
"""Bumped on any change of shape: minor for additions, major for removals or renames.

2.0: the level is the capability level (how the product reaches production) and
`certified_level` the strict one; `placed_by`, `gaps`, `to_confirm` and the profile's source
and evidence are new; status `needs-attestation` is now `to-confirm`.

2.1: the rule lifecycle and the portfolio: status `retired`, each result's `counts_from` (a
preview's date), `previews`, `retired`, `assessed_on`, the `product` name, `brand`, `team` and
configured `gate`, and the organisation overlay the standards were tailored with.
"""


def document(assessments: list[Assessment], errors: list[tuple[str, str]]) -> dict[str, Any]:
    """The whole JSON document for a run over one or more repositories."""
    version = assessments[0].catalog.version if assessments else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mlops-standards", "version": __version__},
        "standards_version": version,
        "standards_tailored_by": assessments[0].catalog.tailored_by if assessments else None,
        "reports": [_report(a) for a in assessments],
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    return json.dumps(document(assessments, errors), indent=2, ensure_ascii=False) + "\n"


def _ids(results: tuple[Result, ...]) -> list[str]:
    return [r.requirement.id for r in results]


def _report(a: Assessment) -> dict[str, Any]:
    levels = a.catalog.levels
    return {
        "path": str(a.root),
        "project": a.project or None,
        "monorepo_projects": list(a.projects),
        "profile": a.profile.name,
        "profile_source": a.profile.source,
        "profile_evidence": [_evidence(e) for e in a.profile.evidence],
        "config": a.config.source,
        "product": a.config.product,
        "brand": a.config.brand,
        "team": a.config.team,
        "gate": {"fail_under": a.config.fail_under, "compares": a.config.gate or "level"},
        "assessed_on": a.assessed_on.isoformat(),
        "level": a.level,
        "level_name": a.level_name,
        "level_summary": levels[a.level].summary,
        "placed_by": _ids(a.placed_by),
        "certified_level": a.certified_level,
        "certified_level_name": levels[a.certified_level].name,
        "gaps": _ids(a.gaps),
        "next_level": a.next_level,
        "next_level_name": levels[a.next_level].name if a.next_level is not None else None,
        "blocking": _ids(a.blocking),
        "to_confirm": _ids(a.to_confirm),
        "previews": _ids(a.previews),
        "retired": _ids(a.retired),
        "areas": [
            {"area": x.prefix, "name": x.name, "met": x.met, "applicable": x.applicable}
            for x in a.areas
        ],
        "results": [_result(r, a) for r in a.results],
        "not_scanned": [{"path": p, "reason": why} for p, why in a.skipped_paths],
        "parse_errors": [
            {"path": e.path, "kind": e.kind, "message": e.message} for e in a.parse_errors
        ],
    }


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "path": e.path,
        "line": e.line,
        "detail": e.detail or None,
        "via": list(e.via),
        "looked_for": list(e.looked_for),
    }


def _result(result: Result, a: Assessment) -> dict[str, Any]:
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
        "counts_from": result.counts_from.isoformat() if result.counts_from else None,
        "evidence": [_evidence(e) for e in result.evidence],
        "recognised_tools": [t.label for t in a.catalog.tools.recognised(r.verification.practices)],
        "golden_path": catalog_url(a.catalog, r.golden_path),
        "methodology": catalog_url(a.catalog, r.methodology),
    }
