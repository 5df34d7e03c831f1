"""The command line: parses arguments, runs the assessment, maps outcomes to exit codes.

Exit codes: 0 ran, 1 below `--fail-under`, 2 usage or input error.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from mlops_standards import __version__
from mlops_standards.assess import Assessment, assess
from mlops_standards.catalog import Catalog, CatalogError, load
from mlops_standards.config import ConfigError
from mlops_standards.report import RENDERERS, SUFFIXES, terminal_report
from mlops_standards.report.links import page_url
from mlops_standards.scan import ScanError

FORMATS = ("terminal", *RENDERERS)
EXIT_OK, EXIT_BELOW, EXIT_INPUT = 0, 1, 2


def _catalog() -> Catalog:
    try:
        return load()
    except CatalogError as error:
        raise click.ClickException(str(error)) from None


def _fail(message: str) -> None:
    click.echo(f"mlops-standards: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mlops-standards")
def main() -> None:
    """MLOps standards as an executable checklist."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="terminal",
              show_default=True, help="What to print on standard output.")  # fmt: skip
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(path_type=Path),
              help="Also write the report to FILE, in the format its suffix names "
              "(.json, .md, .sarif). Repeatable.")  # fmt: skip
@click.option("--fail-under", type=click.IntRange(0, 4), default=None,
              help="Exit 1 when a repository is below this maturity level.")  # fmt: skip
@click.option("--verbose", "-v", is_flag=True, help="Also list requirements that do not apply.")
def check(paths: tuple[Path, ...], fmt: str, outputs: tuple[Path, ...], fail_under: int | None,
          verbose: bool) -> None:  # fmt: skip
    """Assess each repository PATH (default: the current directory) against the standards.

    The checker only reads files; it never imports, runs or installs the code it reads.
    """
    for output in outputs:
        if output.suffix.lower() not in SUFFIXES:
            raise click.BadParameter(
                f"{output}: suffix must be one of {', '.join(SUFFIXES)}", param_hint="--output"
            )
    catalog = _catalog()
    assessments: list[Assessment] = []
    errors: list[tuple[str, str]] = []
    for path in paths or (Path("."),):
        try:
            assessments.append(assess(path, catalog))
        except (ScanError, ConfigError) as error:
            errors.append((str(path), str(error)))
            _fail(str(error))
    if fmt == "terminal":
        console = Console(highlight=False)
        for assessment in assessments:
            terminal_report.render(console, assessment, verbose)
            console.print()
        if len(assessments) > 1:
            terminal_report.render_summary(console, assessments)
    else:
        click.echo(RENDERERS[fmt](assessments, errors), nl=False)
    for output in outputs:
        text = RENDERERS[SUFFIXES[output.suffix.lower()]](assessments, errors)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            _fail(f"{output}: cannot write ({error.strerror})")
            errors.append((str(output), "cannot write"))
    if errors:
        sys.exit(EXIT_INPUT)
    if fail_under is not None and any(a.level < fail_under for a in assessments):
        sys.exit(EXIT_BELOW)


@main.command("list")
@click.option("--area", type=click.Choice(["DOC", "CQ", "TR", "MON"], case_sensitive=False),
              help="Only this area.")  # fmt: skip
@click.option("--level", type=click.IntRange(1, 4), help="Only requirements of this level.")
def list_requirements(area: str | None, level: int | None) -> None:
    """List the requirements of the standards."""
    catalog = _catalog()
    table = Table(title=f"MLOps standards v{catalog.version}", show_edge=False)
    for column in ("ID", "Lvl", "Requirement", "Verified"):
        table.add_column(column, overflow="fold")
    for r in catalog:
        if (area and r.area != area.upper()) or (level and r.level != level):
            continue
        scope = "" if r.applies_to == "all" else f" ({r.applies_to})"
        table.add_row(r.id, str(r.level), r.title + scope, r.verification.method)
    Console(highlight=False).print(table)


@main.command()
@click.argument("requirement_id")
def explain(requirement_id: str) -> None:
    """Explain one requirement: why it exists, the evidence expected, where to read more."""
    catalog = _catalog()
    try:
        r = catalog.get(requirement_id)
    except KeyError:
        _fail(f"unknown requirement ID '{requirement_id}' (see `mlops-standards list`)")
        sys.exit(EXIT_INPUT)
    buffer = io.StringIO()
    level = catalog.levels[r.level]
    print(f"{r.id}  {r.title}", file=buffer)
    print(f"Area:        {catalog.area(r.area).name}", file=buffer)
    print(f"Level:       {r.level} ({level.name})", file=buffer)
    print(f"Applies to:  {r.applies_to}", file=buffer)
    print(f"Verified:    {r.verification.method}", file=buffer)
    print(f"Why:         {r.summary}", file=buffer)
    print(f"Evidence:    {r.verification.evidence}", file=buffer)
    print(f"Methodology: {page_url(r.methodology)}", file=buffer)
    print(f"Golden path: {page_url(r.golden_path)}", file=buffer)
    click.echo(buffer.getvalue(), nl=False)
