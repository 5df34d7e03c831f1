"""The command line: parses arguments, runs the work, maps outcomes to exit codes.

Exit codes: 0 ran, 1 below `--fail-under`, 2 usage or input error.

Each command imports what it needs when it runs: `mlops-standards --version` must answer in
a few tens of milliseconds, before the checker, the catalog or the renderers are loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from mlops_standards import __version__

EXIT_OK, EXIT_BELOW, EXIT_INPUT = 0, 1, 2
FORMATS = ("terminal", "json", "markdown", "sarif", "html", "checklist")
GATES = ("level", "certified")


def _fail(message: str) -> None:
    click.echo(f"mlops-standards: {message}", err=True)


def _catalog(overlay: Path | None = None, checks: bool = False):  # -> Catalog
    """The standards, tailored by the organisation's overlay; with `checks`, also every
    installed plugin's checks, verified against the requirements they check."""
    from mlops_standards.catalog import CatalogError
    from mlops_standards.catalog.overlay import tailored

    try:
        if checks:
            from mlops_standards.tailoring import load_standards

            return load_standards(overlay)
        return tailored(overlay)
    except CatalogError as error:
        _fail(str(error))
        sys.exit(EXIT_INPUT)


overlay_option = click.option(
    "--overlay",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The organisation's tailoring of the standards (a YAML file); default: "
    "$MLOPS_STANDARDS_OVERLAY, or the overlay an installed package declares.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mlops-standards")
def main() -> None:
    """MLOps standards as an executable checklist."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="terminal",
    show_default=True,
    help="What to print on standard output.",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Also write the report to FILE, in the format its suffix names "
    "(.json, .md, .sarif, .html). Repeatable.",
)
@click.option(
    "--badge",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write an SVG badge of the level --gate compares (the lowest, when "
    "several projects are assessed), in the flat style of shields.io.",
)
@click.option(
    "--fail-under",
    type=click.IntRange(0, 4),
    default=None,
    help="Exit 1 when a repository is below this level (see --gate).",
)
@click.option(
    "--gate",
    type=click.Choice(GATES),
    default=None,
    help="Which level --fail-under compares: the level the repository's way to "
    "production shows, or the certified level (every requirement up to it met, "
    "attested or waived). Default: the project's `gate`, else level.",
)
@click.option("--verbose", "-v", is_flag=True, help="Also list requirements that do not apply.")
@click.option(
    "--checklist-level",
    type=click.IntRange(1, 4),
    default=None,
    help="With --format checklist: the level to sign off (default: each product's next level).",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count previews as on this date (YYYY-MM-DD), to see what a requirement "
    "announced for later will do to the level; default: today.",
)
@overlay_option
def check(
    paths: tuple[Path, ...],
    fmt: str,
    outputs: tuple[Path, ...],
    badge: Path | None,
    fail_under: int | None,
    gate: str | None,
    verbose: bool,
    checklist_level: int | None,
    as_of,
    overlay: Path | None,
) -> None:
    """Assess each repository PATH (default: the current directory) against the standards.

    The checker only reads files; it never imports, runs or installs the code it reads.
    Without --fail-under, each project's own gate applies (`fail_under` and `gate` in its
    configuration).
    """
    from mlops_standards.assess import assess_all
    from mlops_standards.config import ConfigError
    from mlops_standards.report import RENDERERS, SUFFIXES
    from mlops_standards.scan import ScanError

    for output in outputs:
        if output.suffix.lower() not in SUFFIXES:
            raise click.BadParameter(
                f"{output}: suffix must be one of {', '.join(SUFFIXES)}", param_hint="--output"
            )
    catalog = _catalog(overlay, checks=True)
    assessments, errors = [], []
    for path in paths or (Path("."),):
        try:
            assessments += assess_all(path, catalog, as_of.date() if as_of else None)
        except (ScanError, ConfigError) as error:
            errors.append((str(path), str(error)))
            _fail(str(error))
    if fmt == "terminal":
        from rich.console import Console

        from mlops_standards.report import terminal_report

        console = Console(highlight=False)
        for assessment in assessments:
            terminal_report.render(console, assessment, verbose)
            console.print()
        if len(assessments) > 1:
            terminal_report.render_summary(console, assessments)
    elif fmt == "checklist":
        from mlops_standards.report import checklist_report

        click.echo(checklist_report.render(assessments, errors, checklist_level), nl=False)
    else:
        click.echo(RENDERERS[fmt](assessments, errors), nl=False)
    for output in outputs:
        text = RENDERERS[SUFFIXES[output.suffix.lower()]](assessments, errors)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            _fail(f"{output}: cannot write ({error.strerror})")
            errors.append((str(output), "cannot write"))
    if badge is not None and assessments:
        _write_badge(badge, assessments, gate)
    if errors:
        sys.exit(EXIT_INPUT)
    if any(_below_gate(a, fail_under, gate) for a in assessments):
        sys.exit(EXIT_BELOW)


def _gated_level(assessment, gate: str | None) -> int:
    """The level the gate compares: the command line's choice, else the project's own."""
    compares = gate or assessment.config.gate or "level"
    return assessment.certified_level if compares == "certified" else assessment.level


def _write_badge(path: Path, assessments: list, gate: str | None) -> None:
    from mlops_standards.report.badge import level_badge

    lowest = min(assessments, key=lambda a: _gated_level(a, gate))
    certified = (gate or lowest.config.gate) == "certified"
    level = _gated_level(lowest, gate)
    try:
        svg = level_badge(level, lowest.catalog.levels[level].name, certified)
        path.write_text(svg, encoding="utf-8")
    except OSError as error:
        _fail(f"{path}: cannot write ({error.strerror})")
        sys.exit(EXIT_INPUT)


def _below_gate(assessment, fail_under: int | None, gate: str | None) -> bool:
    """Whether the assessment is below the gate the command line asks, else the project's own."""
    threshold = fail_under if fail_under is not None else assessment.config.fail_under
    return threshold is not None and _gated_level(assessment, gate) < threshold


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("."))
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@overlay_option
def facts(path: Path, as_json: bool, overlay: Path | None) -> None:
    """Print what the checker recognised in PATH and where: tools by practice, CI jobs and
    what they run, the profile, files that could not be parsed."""
    from mlops_standards.report import facts_report
    from mlops_standards.scan import ScanError

    catalog = _catalog(overlay)
    try:
        data = facts_report.collect(path, catalog)
    except ScanError as error:
        _fail(str(error))
        sys.exit(EXIT_INPUT)
    click.echo(
        facts_report.render_json(data) if as_json else facts_report.render_text(data), nl=False
    )


@main.command("list")
@click.option(
    "--area",
    type=click.Choice(["DOC", "CQ", "TR", "MON"], case_sensitive=False),
    help="Only this area.",
)
@click.option("--level", type=click.IntRange(1, 4), help="Only requirements of this level.")
@overlay_option
def list_requirements(area: str | None, level: int | None, overlay: Path | None) -> None:
    """List the requirements of the standards."""
    from mlops_standards.report import catalog_report

    catalog_report.print_list(_catalog(overlay), area, level)


@main.command()
@click.argument("requirement_id")
@overlay_option
def explain(requirement_id: str, overlay: Path | None) -> None:
    """Explain one requirement: why it exists, the evidence expected, the tools recognised,
    where to read more."""
    from mlops_standards.report import catalog_report

    catalog = _catalog(overlay)
    try:
        requirement = catalog.get(requirement_id)
    except KeyError:
        _fail(f"unknown requirement ID '{requirement_id}' (see `mlops-standards list`)")
        sys.exit(EXIT_INPUT)
    click.echo(catalog_report.explain(catalog, requirement), nl=False)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--name",
    required=True,
    help="The product's name: lower-case words joined by "
    "hyphens (price-forecast); it names the package, command and model.",
)
def new(path: Path, name: str) -> None:
    """Start a product at PATH from the reference project, renamed to NAME.

    PATH must not exist or be empty. The copy is the handbook's tested reference project, so it
    meets the standards the day it is created; `mlops-standards check PATH` rates it.
    """
    from mlops_standards.template import new_project

    try:
        new_project(path, name)
    except (ValueError, FileNotFoundError) as error:
        _fail(str(error))
        sys.exit(EXIT_INPUT)
    click.echo(f"created {path} ({name}); its README says how to install it and run its tests")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("portfolio"),
    show_default=True,
    help="The folder to write index.html and portfolio.json into.",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A YAML file mapping product names to a brand and a team; it wins over "
    "what the reports' configuration says.",
)
@click.option(
    "--history",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A JSON file of earlier runs: the dashboard shows what changed since the "
    "last one, and this run is added to it (created if missing).",
)
@click.option(
    "--group-by", type=click.Choice(["brand", "team"]), default="brand", show_default=True
)
@click.option(
    "--title", default="MLOps portfolio", show_default=True, help="The dashboard's title."
)
@overlay_option
def portfolio(
    inputs: tuple[Path, ...],
    out: Path,
    mapping: Path | None,
    history: Path | None,
    group_by: str,
    title: str,
    overlay: Path | None,
) -> None:
    """Gather many products into one dashboard: INPUTS are JSON reports that each repository's
    CI wrote with `check --format json`, or repository folders to assess here.

    Writes a static, offline HTML page and a JSON document; exits 2 when an input could not be
    read (the others are still in the portfolio and the page lists the ones left out).
    """
    from mlops_standards.portfolio import PortfolioError, run

    catalog = None

    def assess(path: Path) -> dict:
        nonlocal catalog
        from mlops_standards.assess import assess_all
        from mlops_standards.config import ConfigError
        from mlops_standards.report.json_report import document
        from mlops_standards.scan import ScanError

        catalog = catalog or _catalog(overlay, checks=True)
        try:
            return document(assess_all(path, catalog), [])
        except (ScanError, ConfigError) as error:
            raise PortfolioError(f"{path}: {error}") from None

    try:
        outcome = run(list(inputs), out, assess, mapping, history, group_by, title)
    except PortfolioError as error:
        _fail(str(error))
        sys.exit(EXIT_INPUT)
    for path, message in outcome.portfolio.errors:
        _fail(f"{path}: {message}")
    products = outcome.portfolio.products
    click.echo(
        f"{len(products)} product{'s' if len(products) != 1 else ''} in "
        f"{len(outcome.portfolio.groups())} {group_by}s; wrote "
        + ", ".join(str(p) for p in outcome.written)
    )
    if outcome.portfolio.errors:
        sys.exit(EXIT_INPUT)
