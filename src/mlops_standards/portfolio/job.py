"""One portfolio run: read every input, build the portfolio, write the page, the JSON and the
history. The command line only maps its outcome to an exit code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import dashboard, document
from .build import build_portfolio
from .collect import PortfolioError, read_mapping, read_report
from .history import read_history, recorded, write_history
from .model import Portfolio

PAGE, DATA = "index.html", "portfolio.json"

Assessor = Callable[[Path], dict[str, Any]]
"""Assesses a repository and returns its JSON report, as `check --format json` would."""


@dataclass(frozen=True)
class Outcome:
    portfolio: Portfolio
    written: tuple[Path, ...]
    """The page and the JSON document (and the history, when kept)."""


def run(
    inputs: list[Path],
    out: Path,
    assess: Assessor,
    mapping: Path | None = None,
    history: Path | None = None,
    group_by: str = "brand",
    title: str = "MLOps portfolio",
    now: datetime | None = None,
) -> Outcome:
    """Build the portfolio of `inputs` and write it to the folder `out`.

    Args:
        inputs: JSON report files, or repositories to assess (folders).
        out: the folder to write `index.html` and `portfolio.json` into; created if missing.
        assess: how a repository given as a folder is assessed.
        mapping: a YAML file of product name -> brand and team.
        history: the history file to compare with and to append this run to.
        group_by: `brand` or `team`.
        title: the dashboard's title.
        now: when the run happens (the current time by default).

    Returns:
        The portfolio and the files written. Inputs that could not be read are in
        `portfolio.errors` and on the page; the others are in the portfolio.

    Raises:
        PortfolioError: the mapping or the history file is unusable.
    """
    owners = read_mapping(mapping) if mapping is not None else {}
    runs = read_history(history) if history is not None else []
    documents, errors = [], []
    for path in inputs:
        try:
            documents.append((str(path), assess(path) if path.is_dir() else read_report(path)))
        except PortfolioError as error:
            errors.append((str(path), str(error).removeprefix(f"{path}: ")))
    generated_on = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%MZ")
    portfolio = build_portfolio(
        documents, owners, generated_on, runs[-1] if runs else None, group_by, errors
    )
    out.mkdir(parents=True, exist_ok=True)
    written = [out / PAGE, out / DATA]
    written[0].write_text(dashboard.render(portfolio, title), encoding="utf-8")
    written[1].write_text(document.render(portfolio), encoding="utf-8")
    if history is not None:
        write_history(history, recorded(runs, list(portfolio.products), generated_on))
        written.append(history)
    return Outcome(portfolio, tuple(written))
