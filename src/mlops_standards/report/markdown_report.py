"""The report as GitHub-flavoured Markdown, for a pull-request comment or a CI job summary."""

from __future__ import annotations

from mlops_standards.assess import Assessment, Result, Status

from .links import catalog_url
from .summary import (
    SYMBOLS,
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    if len(assessments) > 1:
        parts += [
            "## MLOps standards: summary",
            "",
            "| Repository | Level | Certified | Next level needs |",
            "|---|---|---|---|",
        ]
        for a in assessments:
            blocking = ", ".join(r.requirement.id for r in a.blocking) or "—"
            level = f"{a.level} · {a.level_name}"
            parts.append(f"| `{a.root.name}` | {level} | {a.certified_level} | {blocking} |")
        parts.append("")
    for path, message in errors:
        parts += [f"> **Not assessed:** `{path}`: {_cell(message)}", ""]
    for assessment in assessments:
        parts += _report(assessment)
    return "\n".join(parts).rstrip() + "\n"


def _item(a: Assessment, result: Result, link: bool = True) -> str:
    r = result.requirement
    status = f"{SYMBOLS[result.status]} **{r.id}** {r.title} ({status_label(result)})"
    line = f"- {status}: {_cell(detail(result, a))}"
    return line + (f" · [golden path]({catalog_url(a.catalog, r.golden_path)})" if link else "")


def _report(a: Assessment) -> list[str]:
    lines = [
        f"## MLOps standards: {headline(a)}",
        "",
        a.catalog.levels[a.level].summary,
        "",
        f"`{a.root.name}` · {certified_line(a)} · profile: {_cell(profile_line(a))} · "
        f"{standards_line(a)}",
        "",
        *([f"*{line}*", ""] if (line := monorepo_line(a)) else []),
    ]
    if a.placed_by:
        lines += [
            f"**Why level {a.level}:**",
            "",
            *(_item(a, r, link=False) for r in a.placed_by),
            "",
        ]
    if (gaps_text := gaps_line(a)) is not None:
        lines += [f"**{gaps_text}**", ""]
        for area in a.catalog.areas:
            gaps = [r for r in a.gaps if r.requirement.area == area.prefix]
            if gaps:
                lines += [f"*{area.name}*", "", *(_item(a, r) for r in gaps), ""]
    lines += [f"**{next_level_line(a)}**", "", *(_item(a, r) for r in a.blocking), ""]
    if a.previews:
        lines += [f"**{previews_line(a)}**", "", *(_item(a, r) for r in a.previews), ""]
    lines += [
        "| Area | Met |",
        "|---|---|",
        *(f"| {area.name} | {area.met}/{area.applicable} |" for area in a.areas),
        "",
    ]
    waived = [res for res in a.results if res.status is Status.WAIVED]
    if waived:
        lines += [
            "**Waived:**",
            "",
            *(f"- **{res.requirement.id}**: {_cell(res.message)}" for res in waived),
            "",
        ]
    lines += [
        "<details><summary>Every requirement</summary>",
        "",
        "| | ID | Requirement | Status | Evidence |",
        "|---|---|---|---|---|",
    ]
    for result in a.results:
        r = result.requirement
        lines.append(
            f"| {SYMBOLS[result.status]} | [{r.id}]({catalog_url(a.catalog, r.methodology)}) "
            f"| {_cell(r.title)} "
            f"| {status_label(result)} | {_cell(detail(result, a))} |"
        )
    lines += ["", "</details>", ""]
    return lines
