"""The production checklist to fill in: every requirement for a chosen level and profile, with
room for the status, the evidence, the owner, the date and the sign-off.

One table holds every requirement; the reader picks the level and the profile with two sets of
radio buttons, and the style sheet (`docs/stylesheets/extra.css`, "production checklist") hides
the rows the choice leaves out, so the page needs no script and prints what is on screen.
Links print with their target, since paper has no links: the handbook's URL as the reports
give it (the overlay's `site_url`, or `MLOPS_STANDARDS_SITE_URL` when the site is built).
"""

from __future__ import annotations

import posixpath
from html import escape

from mlops_standards.catalog import Catalog, Requirement
from mlops_standards.report.links import catalog_url

PROFILES = {
    "batch": "Batch product",
    "real-time": "Real-time product",
    "both": "Batch and real-time",
}
DEFAULT_LEVEL, DEFAULT_PROFILE = 3, "batch"
"""Level 3 is where the source article set out to bring every model."""
BLANKS = ("Evidence", "Owner", "Date", "Sign-off")


def production_checklist(catalog: Catalog, page: str) -> str:
    """The whole form: the choice of level and profile, its header, one table per area."""
    parts = [
        '<div class="mlops-production-checklist">',
        _choice(catalog),
        _for_line(catalog),
        '<table class="mlops-signoff"><tbody>'
        + "".join(
            f"<tr><th>{name}</th><td></td></tr>"
            for name in ("Product", "Repository", "Assessed by")
        )
        + "</tbody></table>",
    ]
    for area in catalog.areas:
        requirements = [r for r in catalog.in_area(area.prefix) if not r.deprecated]
        if requirements:
            parts.append(_area(catalog, area.name, area.prefix, requirements, page))
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _choice(catalog: Catalog) -> str:
    levels = "".join(
        f'<label><input type="radio" name="mlops-checklist-level" '
        f'id="checklist-level-{level.level}" value="{level.level}"'
        f"{' checked' if level.level == DEFAULT_LEVEL else ''}> "
        f"Level {level.level}: {escape(level.name)}</label>"
        for level in catalog.levels[1:]
    )
    profiles = "".join(
        f'<label><input type="radio" name="mlops-checklist-profile" id="checklist-profile-{key}" '
        f'value="{key}"{" checked" if key == DEFAULT_PROFILE else ""}> {name}</label>'
        for key, name in PROFILES.items()
    )
    return (
        '<form class="mlops-checklist-choice">'
        f"<fieldset><legend>Level to sign off</legend>{levels}</fieldset>"
        f"<fieldset><legend>Profile</legend>{profiles}</fieldset></form>"
    )


def _for_line(catalog: Catalog) -> str:
    """What the printed form is for, one span per choice; the style sheet shows the chosen ones."""
    levels = "".join(
        f'<span data-for-level="{level.level}">every requirement up to level {level.level}, '
        f"{escape(level.name)}</span>"
        for level in catalog.levels[1:]
    )
    profiles = "".join(
        f'<span data-for-profile="{key}">{name.lower()}</span>' for key, name in PROFILES.items()
    )
    return (
        f'<p class="mlops-checklist-for">Production checklist: {levels} · {profiles} · '
        f"standards v{escape(catalog.version)}"
        + (f", tailored by {escape(catalog.tailored_by)}" if catalog.tailored_by else "")
        + "</p>"
    )


def _area(
    catalog: Catalog, name: str, prefix: str, requirements: list[Requirement], page: str
) -> str:
    rows = "".join(_row(catalog, r, page) for r in requirements)
    lowest = min(r.level for r in requirements)
    blanks = "".join(f"<th>{blank}</th>" for blank in BLANKS)
    return (
        f'<section class="mlops-checklist-area" data-lowest-level="{lowest}">'
        f'<h2 id="checklist-{prefix.lower()}">{escape(name)}</h2>'
        '<table class="mlops-checklist-table"><thead><tr><th>Requirement</th><th>Level</th>'
        f"<th>Status</th>{blanks}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _row(catalog: Catalog, r: Requirement, page: str) -> str:
    standard = f"standards/{catalog.area(r.area).slug}.md#{r.anchor}"
    href = escape(relative_url(standard, page))
    url = escape(catalog_url(catalog, standard))
    preview = f" Counts from {r.counts_from}." if r.counts_from else ""
    status = "".join(
        f'<span class="mlops-box" aria-hidden="true"></span>{word} '
        for word in ("met", "waived", "open")
    )
    blanks = "".join(f'<td class="mlops-blank" data-label="{blank}"></td>' for blank in BLANKS)
    return (
        f'<tr data-level="{r.level}" data-applies="{r.applies_to}">'
        f'<td><a href="{href}" data-print-url="{url}"><b>{r.id}</b></a> {escape(r.title)}'
        f'<span class="mlops-checklist-evidence">Evidence: {escape(r.verification.evidence)}'
        f"{preview} ({r.verification.method})</span></td>"
        f'<td class="mlops-checklist-level">{r.level}</td>'
        f'<td class="mlops-checklist-status">{status}</td>'
        f"{blanks}</tr>"
    )


def _directory_url(source: str) -> str:
    """The URL path a page is built at (`standards/traceability/` for `standards/traceability.md`),
    as MkDocs and Zensical build pages by default (`use_directory_urls`)."""
    stem = source.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return f"{stem}/" if stem else ""


def relative_url(target: str, page: str) -> str:
    """A site path with an anchor, as a URL relative to the built `page`: raw HTML links are not
    rewritten by the builder as Markdown links are."""
    path, _, anchor = target.partition("#")
    here, there = _directory_url(page) or ".", _directory_url(path) or "."
    relative = posixpath.relpath(there, here)
    relative = "" if relative == "." else relative + "/"
    return f"{relative}#{anchor}" if anchor else relative or "./"
