"""The self-assessment page: a team answers the standards in the browser and sees its level.

The page carries the catalog as data (requirements, and each level's capability rule) in a
JSON script element; `docs/javascripts/self-assessment.js` builds the form from it, computes
the two levels with the same rules as `mlops_standards.assess` (a browser test runs both on the
same answers and compares), keeps the answers in the browser's storage, and exports them as a
`.mlops-standards.toml` the checker accepts and as a Markdown summary.
"""

from __future__ import annotations

import json
from typing import Any

from mlops_standards.catalog import Catalog, Requirement
from mlops_standards.site.checklist import relative_url

ELEMENT_ID = "mlops-self-assessment-data"
STORAGE_KEY = "mlops-self-assessment"
"""Where the browser keeps the answers; answers to requirements the catalog lost are ignored."""


def data(catalog: Catalog, page: str) -> dict[str, Any]:
    """What the page's script needs: the levels with their rules, the areas, the requirements."""
    return {
        "version": catalog.version,
        "tailored_by": catalog.tailored_by,
        "levels": [
            {
                "level": x.level,
                "name": x.name,
                "summary": x.summary,
                "all": list(x.reached_when.all_of),
                "any": list(x.reached_when.any_of),
            }
            for x in catalog.levels
        ],
        "areas": [{"prefix": a.prefix, "name": a.name} for a in catalog.areas],
        "requirements": [
            {
                "id": r.id,
                "title": r.title,
                "area": r.area,
                "level": r.level,
                "applies_to": r.applies_to,
                "method": r.verification.method,
                "evidence": r.verification.evidence,
                "counts_from": r.counts_from.isoformat() if r.counts_from else None,
                "retired": r.deprecated,
                "standard": relative_url(_standard(catalog, r), page),
                "golden_path": _link(r.golden_path, page),
            }
            for r in catalog.requirements
        ],
    }


def _standard(catalog: Catalog, requirement: Requirement) -> str:
    return f"standards/{catalog.area(requirement.area).slug}.md#{requirement.anchor}"


def _link(target: str, page: str) -> str:
    """A site path as a URL relative to the page; an organisation's own URL as it is."""
    return target if target.startswith(("http://", "https://")) else relative_url(target, page)


def self_assessment(catalog: Catalog, page: str) -> str:
    """The page's form container and its data; the script fills the container in."""
    # `</` would end the script element early; JSON allows `<\/` for it.
    payload = json.dumps(data(catalog, page), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    return (
        f'<script type="application/json" id="{ELEMENT_ID}">{payload}</script>\n'
        f'<div class="mlops-self-assessment" data-storage-key="{STORAGE_KEY}">'
        "<noscript><p>The self-assessment runs in the browser: enable JavaScript for this page, "
        "or print the production checklist instead.</p></noscript></div>\n"
    )
