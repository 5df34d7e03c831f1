"""The report for people at a terminal, rendered with rich; readable at 80 columns."""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mlops_standards.assess import Assessment, Status

from .links import page_url
from .summary import LABELS, SYMBOLS, detail, headline, next_level_line

STYLES = {
    Status.PASSED: "green",
    Status.ATTESTED: "green",
    Status.FAILED: "red",
    Status.ERROR: "magenta",
    Status.SKIPPED: "yellow",
    Status.TO_CONFIRM: "yellow",
    Status.WAIVED: "cyan",
    Status.NOT_APPLICABLE: "dim",
}


def render(
    console: Console, assessment: Assessment, verbose: bool = False, label: str | None = None
) -> None:
    """Print one repository's report: level, areas, blockers with golden paths, then results.

    `label` replaces the repository's absolute path in the header (for documentation).
    """
    profile = assessment.config.profile or "not set"
    header = Text.assemble(
        (headline(assessment), "bold"),
        f"\n{label or assessment.root}",
        f"\nprofile: {profile} · standards v{assessment.catalog.version}",
    )
    console.print(Panel(header, title="mlops-standards", expand=False))
    console.print(_areas(assessment))
    console.print(Text(next_level_line(assessment), style="bold"))
    for result in assessment.blocking:
        r = result.requirement
        console.print(
            Text.assemble((f" {SYMBOLS[result.status]} {r.id} ", STYLES[result.status]), r.title)
        )
        reason = ": ".join(part for part in (LABELS[result.status], detail(result)) if part)
        _indented(console, reason, "dim")
        _indented(console, f"→ {page_url(r.golden_path)}", "blue")
    console.print()
    for area in assessment.catalog.areas:
        shown = [
            res
            for res in assessment.results
            if res.requirement.area == area.prefix
            and (verbose or res.status is not Status.NOT_APPLICABLE)
        ]
        console.print(Text(area.name, style="bold underline"))
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
            if line := detail(result):
                _indented(console, line, "dim")
    for path, reason in assessment.skipped_paths:
        console.print(Text(f"not scanned: {path}: {reason}", style="yellow"), overflow="fold")


def _indented(console: Console, text: str, style: str) -> None:
    """A detail line under a requirement; wrapped lines keep the indent."""
    console.print(Padding(Text(text, style=style, overflow="fold"), (0, 0, 0, 5), expand=False))


def _areas(assessment: Assessment) -> Group:
    table = Table(show_edge=False, box=None, pad_edge=False)
    table.add_column("Area")
    table.add_column("Met", justify="right")
    table.add_column("", no_wrap=True)
    for area in assessment.areas:
        filled = round(10 * area.met / area.applicable) if area.applicable else 10
        bar = "█" * filled + "░" * (10 - filled)
        table.add_row(area.name, f"{area.met}/{area.applicable}", bar)
    return Group(table, Text())


def render_summary(console: Console, assessments: list[Assessment]) -> None:
    """One line per repository, for runs over several paths."""
    table = Table(title="Summary", show_edge=False)
    table.add_column("Repository", overflow="fold")
    table.add_column("Level", justify="right")
    table.add_column("Blocking next level", overflow="fold")
    for assessment in assessments:
        blocking = ", ".join(r.requirement.id for r in assessment.blocking) or "—"
        table.add_row(str(assessment.root), str(assessment.level), blocking)
    console.print(table)
