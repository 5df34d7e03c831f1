"""The report as SARIF 2.1.0, for code-scanning dashboards.

Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
Every requirement is a rule; every unmet, applicable requirement is a result. The level, the
certified level and what blocks the next level are run properties (§3.8), and what blocks the
next level is also marked on its results, so a dashboard can lead with them.
"""

from __future__ import annotations

import json
from typing import Any

from mlops_standards import __version__
from mlops_standards.assess import Assessment, Result, Status

from .links import catalog_url
from .summary import detail

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# SARIF levels (§3.27.10): a failed check is an error, what needs a person is a note.
LEVELS = {
    Status.FAILED: "error",
    Status.ERROR: "error",
    Status.SKIPPED: "warning",
    Status.TO_CONFIRM: "note",
}


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    return json.dumps(document(assessments), indent=2, ensure_ascii=False) + "\n"


def document(assessments: list[Assessment]) -> dict[str, Any]:
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [_run(a) for a in assessments]}


def _run(a: Assessment) -> dict[str, Any]:
    rules = [
        {
            "id": r.id,
            "name": "".join(word.capitalize() for word in r.title.split()[:8] if word.isalnum()),
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.summary},
            "helpUri": catalog_url(a.catalog, r.golden_path),
            "help": {"text": f"Evidence expected: {r.verification.evidence}"},
            "properties": {"level": r.level, "area": r.area, "applies_to": r.applies_to},
        }
        for r in a.catalog.requirements
    ]
    index = {r.id: i for i, r in enumerate(a.catalog.requirements)}
    return {
        "tool": {
            "driver": {
                "name": "mlops-standards",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": catalog_url(a.catalog, "checker/index.md"),
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": a.root.as_uri() + "/"}},
        "results": [_result(res, index, a) for res in a.results if res.status in LEVELS],
        "properties": {
            "maturityLevel": a.level,
            "maturityLevelName": a.level_name,
            "placedBy": [r.requirement.id for r in a.placed_by],
            "certifiedLevel": a.certified_level,
            "nextLevel": a.next_level,
            "blockingNextLevel": [r.requirement.id for r in a.blocking],
            "profile": a.profile.name,
            "profileSource": a.profile.source,
            "standardsVersion": a.catalog.version,
        },
    }


def _result(result: Result, index: dict[str, int], a: Assessment) -> dict[str, Any]:
    r = result.requirement
    blocking = result in a.blocking
    files = [e for e in result.evidence if e.path not in (".", "")]
    location = files[0] if files else None
    region = {"region": {"startLine": location.line}} if location and location.line else {}
    uri = location.path if location else "."
    return {
        "ruleId": r.id,
        "ruleIndex": index[r.id],
        # A preview is reported but must not fail a code-scanning gate before its date.
        "level": LEVELS[result.status] if result.counted else "note",
        "message": {
            "text": f"{r.title}: {detail(result, a) or 'not met'}. "
            f"Golden path: {catalog_url(a.catalog, r.golden_path)}"
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "SRCROOT"},
                    **region,
                }
            }
        ],
        "properties": {
            "requirementLevel": r.level,
            "blocksNextLevel": blocking,
            "status": result.status.value,
            "countsFrom": result.counts_from.isoformat() if result.counts_from else None,
        },
    }
