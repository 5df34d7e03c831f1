"""The production checklist in Markdown, filled in by the checker: every requirement up to a
level that applies to the product, with its status and evidence, and the owner, date and
sign-off left for the people who sign it (the site's checklist page prints the same form blank).
"""

from __future__ import annotations

from mlops_standards import __version__
from mlops_standards.assess import Assessment, Status

from .links import catalog_url
from .summary import SYMBOLS, detail, standards_line, status_label

LEFT_OUT = (Status.NOT_APPLICABLE, Status.RETIRED)


def render(
    assessments: list[Assessment], errors: list[tuple[str, str]], level: int | None = None
) -> str:
    """One checklist per assessment, up to `level` (default: each product's next level)."""
    parts = [f"> **Not assessed:** `{path}`: {message}\n" for path, message in errors]
    parts += [_checklist(a, level if level is not None else a.next_level or 4) for a in assessments]
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _checklist(a: Assessment, level: int) -> str:
    target = a.catalog.levels[level]
    rows = [r for r in a.results if r.requirement.level <= level and r.status not in LEFT_OUT]
    lines = [
        f"## Production checklist: `{a.root.name}` up to level {level} · {target.name}",
        "",
        f"Profile: {a.profile.name or 'unknown'} · currently level {a.level} ({a.level_name}), "
        f"certified {a.certified_level} · assessed {a.assessed_on} by mlops-standards "
        f"{__version__} against {standards_line(a)}.",
        "",
        "| ID | Requirement | Level | Status | Evidence | Owner | Date | Sign-off |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in rows:
        r = result.requirement
        link = catalog_url(a.catalog, r.golden_path)
        lines.append(
            f"| [{r.id}]({link}) | {_cell(r.title)} | {r.level} | {SYMBOLS[result.status]} "
            f"{_cell(status_label(result))} | {_cell(detail(result, a))} |  |  |  |"
        )
    met = sum(r.status.met for r in rows if r.counted)
    lines += [
        "",
        f"{met} of {sum(r.counted for r in rows)} counted requirements met, attested or waived.",
        "",
    ]
    return "\n".join(lines)
