"""The report as GitHub-flavoured Markdown, for a pull-request comment or a CI job summary."""

from __future__ import annotations

from mlops_standards.assess import Assessment, Status

from .links import page_url
from .summary import LABELS, SYMBOLS, detail, headline, next_level_line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(assessments: list[Assessment], errors: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    if len(assessments) > 1:
        parts += ["## MLOps standards: summary", "", "| Repository | Level | Blocking next level |",
                  "|---|---|---|"]  # fmt: skip
        for a in assessments:
            blocking = ", ".join(r.requirement.id for r in a.blocking) or "—"
            parts.append(f"| `{a.root.name}` | {a.level} | {blocking} |")
        parts.append("")
    for path, message in errors:
        parts.append(f"> **Not assessed:** `{path}`: {_cell(message)}")
        parts.append("")
    for assessment in assessments:
        parts += _report(assessment)
    return "\n".join(parts).rstrip() + "\n"


def _report(a: Assessment) -> list[str]:
    lines = [
        f"## MLOps standards: {headline(a)}",
        "",
        f"`{a.root.name}` · profile: {a.config.profile or 'not set'} · "
        f"standards v{a.catalog.version}",
        "",
        "| Area | Met |",
        "|---|---|",
        *(f"| {area.name} | {area.met}/{area.applicable} |" for area in a.areas),
        "",
        f"**{next_level_line(a)}**",
        "",
    ]
    for result in a.blocking:
        r = result.requirement
        lines.append(
            f"- {SYMBOLS[result.status]} **{r.id}** {r.title} ({LABELS[result.status]}): "
            f"{_cell(detail(result))} [golden path]({page_url(r.golden_path)})"
        )
    waived = [res for res in a.results if res.status is Status.WAIVED]
    if waived:
        lines += ["", "**Waived:**", ""]
        lines += [f"- **{res.requirement.id}**: {_cell(res.message)}" for res in waived]
    lines += ["", "<details><summary>Every requirement</summary>", "",
              "| | ID | Requirement | Status | Evidence |", "|---|---|---|---|---|"]  # fmt: skip
    for result in a.results:
        r = result.requirement
        lines.append(
            f"| {SYMBOLS[result.status]} | [{r.id}]({page_url(r.methodology)}) | {_cell(r.title)} "
            f"| {LABELS[result.status]} | {_cell(detail(result))} |"
        )
    lines += ["", "</details>", ""]
    return lines
