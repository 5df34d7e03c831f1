"""The report for people at a terminal, rendered with rich; readable at 80 columns."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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

HIDDEN = (Status.NOT_APPLICABLE, Status.RETIRED)
"""Left out of "every requirement" unless asked for (`--verbose`)."""
STYLES = {
    Status.PASSED: "green",
    Status.ATTESTED: "green",
    Status.FAILED: "red",
    Status.ERROR: "magenta",
    Status.SKIPPED: "yellow",
    Status.TO_CONFIRM: "yellow",
    Status.WAIVED: "cyan",
    Status.NOT_APPLICABLE: "dim",
    Status.RETIRED: "dim",
}


def render(
    console: Console, assessment: Assessment, verbose: bool = False, label: str | None = None
) -> None:
    """Print one repository's report: level and why, the gaps, the next level, every result.

    `label` replaces the repository's absolute path in the header (for documentation).
    """
    level = assessment.catalog.levels[assessment.level]
    header = Text.assemble(
        (headline(assessment), "bold"),
        f"\n{level.summary}",
        (f"\n{certified_line(assessment)}", "dim"),
        f"\n{label or assessment.root}",
        *([f"\n{line}"] if (line := monorepo_line(assessment)) else []),
        f"\nprofile: {profile_line(assessment)}",
        f"\n{standards_line(assessment)}",
    )
    console.print(Panel(header, title="mlops-standards", expand=False))
    if assessment.placed_by:
        console.print(Text(f"Why level {assessment.level}:", style="bold"))
        for result in assessment.placed_by:
            _line(console, assessment, result, link=False)
        console.print()
    if (gaps_text := gaps_line(assessment)) is not None:
        console.print(Text(gaps_text, style="bold"))
        for area in assessment.catalog.areas:
            gaps = [r for r in assessment.gaps if r.requirement.area == area.prefix]
            if gaps:
                console.print(Text(f" {area.name}", style="underline"))
                for result in gaps:
                    _line(console, assessment, result)
        console.print()
    console.print(Text(next_level_line(assessment), style="bold"))
    for result in assessment.blocking:
        _line(console, assessment, result)
    console.print()
    if assessment.previews:
        console.print(Text(previews_line(assessment), style="bold"))
        for result in assessment.previews:
            _line(console, assessment, result)
        console.print()
    console.print(_areas(assessment))
    _every(console, assessment, verbose)
    for path, reason in assessment.skipped_paths:
        console.print(Text(f"not scanned: {path}: {reason}", style="yellow"), overflow="fold")
    for error in assessment.parse_errors:
        console.print(Text(f"not parsed: {error}", style="yellow"), overflow="fold")


def _line(console: Console, assessment: Assessment, result: Result, link: bool = True) -> None:
    r = result.requirement
    console.print(
        Text.assemble((f" {SYMBOLS[result.status]} {r.id} ", STYLES[result.status]), r.title)
    )
    reason = ": ".join(p for p in (status_label(result), detail(result, assessment)) if p)
    _indented(console, reason, "dim")
    if link:
        _indented(console, f"→ {catalog_url(assessment.catalog, r.golden_path)}", "blue")


def _every(console: Console, assessment: Assessment, verbose: bool) -> None:
    console.print(Text("Every requirement", style="bold underline"))
    for area in assessment.catalog.areas:
        shown = [
            res
            for res in assessment.results
            if res.requirement.area == area.prefix and (verbose or res.status not in HIDDEN)
        ]
        console.print(Text(area.name, style="bold"))
        for result in shown:
            r = result.requirement
            console.print(
                Text.assemble(
                    (f" {SYMBOLS[result.status]} ", STYLES[result.status]),
                    (f"{r.id:<7} ", "bold"),
                    (f"L{r.level} ", "dim"),
                    r.title,
                )
            )
            if line := detail(result, assessment):
                _indented(console, line, "dim")


def _indented(console: Console, text: str, style: str) -> None:
    """A detail line under a requirement; wrapped lines keep the indent."""
    console.print(Padding(Text(text, style=style, overflow="fold"), (0, 0, 0, 5), expand=False))


def _areas(assessment: Assessment) -> Table:
    table = Table(
        show_edge=False, box=None, pad_edge=False, title="Checklist by area", title_justify="left"
    )
    table.add_column("Area")
    table.add_column("Met", justify="right")
    table.add_column("", no_wrap=True)
    for area in assessment.areas:
        filled = round(10 * area.met / area.applicable) if area.applicable else 10
        table.add_row(
            area.name, f"{area.met}/{area.applicable}", "█" * filled + "░" * (10 - filled)
        )
    return table


def render_summary(console: Console, assessments: list[Assessment]) -> None:
    """One line per repository, for runs over several paths."""
    table = Table(title="Summary", show_edge=False)
    table.add_column("Repository", overflow="fold")
    table.add_column("Level", justify="right")
    table.add_column("Certified", justify="right")
    table.add_column("Next level needs", overflow="fold")
    for assessment in assessments:
        blocking = ", ".join(r.requirement.id for r in assessment.blocking) or "—"
        table.add_row(
            str(assessment.root), str(assessment.level), str(assessment.certified_level), blocking
        )
    console.print(table)
