"""The report as one self-contained HTML page per run, to publish as a CI artifact or on a
team's pages: the same content as the Markdown report, readable offline and printable."""

from __future__ import annotations

from html import escape

from mlops_standards.assess import Assessment, Result, Status

from .html_page import level_chip, page, status_mark
from .links import catalog_url
from .summary import (
    certified_line,
    detail,
    gaps_line,
    headline,
    monorepo_line,
    next_level_line,
    previews_line,
    profile_line,
    standards_line,
    status_label,
)


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    """One page holding the report of every assessment, and the paths that were not assessed."""
    parts = [
        f'<p class="error"><b>Not assessed:</b> <code>{escape(path)}</code>: {escape(message)}</p>'
        for path, message in errors
    ]
    parts += [_report(a) for a in assessments]
    names = ", ".join(a.root.name for a in assessments) or "no repository"
    return page(f"MLOps standards: {names}", "".join(parts))


def _item(a: Assessment, result: Result, link: bool = True) -> str:
    r = result.requirement
    how = (
        f' · <a href="{escape(catalog_url(a.catalog, r.golden_path))}">golden path</a>'
        if link
        else ""
    )
    return (
        f"<li>{status_mark(result.status.value, words=False)}<b>{r.id}</b> {escape(r.title)} "
        f'<span class="muted">({escape(status_label(result))}): {escape(detail(result, a))}</span>'
        f"{how}</li>"
    )


def _list(a: Assessment, results: tuple[Result, ...] | list[Result], link: bool = True) -> str:
    return "<ul>" + "".join(_item(a, r, link) for r in results) + "</ul>" if results else ""


def _report(a: Assessment) -> str:
    level = a.catalog.levels[a.level]
    facts = [
        certified_line(a),
        f"profile: {profile_line(a)}",
        standards_line(a),
        f"assessed {a.assessed_on}",
    ]
    parts = [
        f'<section class="report"><h1>{level_chip(a.level)} {escape(headline(a))}</h1>',
        f'<p class="lede">{escape(level.summary)}</p>',
        f'<p class="muted"><code>{escape(str(a.root))}</code> · {escape(" · ".join(facts))}</p>',
    ]
    if line := monorepo_line(a):
        parts.append(f"<p><i>{escape(line)}</i></p>")
    if a.placed_by:
        parts += [f"<h2>Why level {a.level}</h2>", _list(a, a.placed_by, link=False)]
    parts.append(f"<h2>{escape(gaps_line(a))}</h2>")
    for area in a.catalog.areas:
        gaps = [r for r in a.gaps if r.requirement.area == area.prefix]
        if gaps:
            parts += [f"<h3>{escape(area.name)}</h3>", _list(a, gaps)]
    parts += [f"<h2>{escape(next_level_line(a))}</h2>", _list(a, a.blocking)]
    if a.previews:
        parts += [f"<h2>{escape(previews_line(a))}</h2>", _list(a, a.previews)]
    rows = "".join(
        f'<tr><td>{escape(x.name)}</td><td class="number">{x.met}/{x.applicable}</td></tr>'
        for x in a.areas
    )
    parts.append(
        '<h2>By area</h2><div class="scroll"><table><thead><tr><th>Area</th>'
        f'<th class="number">Met</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )
    parts.append(_every(a))
    parts.append("</section>")
    return "".join(parts)


def _every(a: Assessment) -> str:
    rows = []
    for result in a.results:
        r = result.requirement
        if result.status is Status.RETIRED:
            continue
        methodology = escape(catalog_url(a.catalog, r.methodology))
        rows.append(
            f'<tr><td><a class="id" href="{methodology}">{r.id}</a> {escape(r.title)}</td>'
            f'<td class="number" data-label="Level">{r.level}</td>'
            f'<td class="nowrap" data-label="Status">{status_mark(result.status.value)}'
            f"{' (preview)' if result.counts_from else ''}</td>"
            f'<td data-label="Evidence">{escape(detail(result, a))}</td></tr>'
        )
    return (
        '<h2>Every requirement</h2><div class="scroll"><table class="cards"><thead><tr>'
        '<th>Requirement</th><th class="number">Level</th><th>Status</th><th>Evidence</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
