"""A real `mlops-standards check` run over an example repository, rendered at build time.

The checker documentation shows output produced by the code it documents, never pasted text.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from mlops_standards.assess import assess
from mlops_standards.catalog import Catalog
from mlops_standards.report import RENDERERS, terminal_report

FENCES = {"terminal": "text", "json": "json", "markdown": "markdown", "sarif": "json"}


def example_report(catalog: Catalog, project_root: Path, repository: str, fmt: str) -> str:
    """The report of `repository` (relative to the project root) in `fmt`, as a fenced block.

    Absolute paths are replaced by the relative one so the page is the same on every machine.
    """
    if fmt not in FENCES:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FENCES)}")
    target = project_root / repository
    if not target.is_dir():
        raise ValueError(f"no example repository at {repository}")
    assessment = assess(target, catalog)
    if fmt == "terminal":
        buffer = io.StringIO()
        console = Console(file=buffer, width=80, color_system=None, highlight=False)
        terminal_report.render(console, assessment, label=repository)
        text = buffer.getvalue()
    else:
        text = RENDERERS[fmt]([assessment], [])
    text = text.replace(assessment.root.as_uri(), repository).replace(
        str(assessment.root), repository
    )
    return f"```{FENCES[fmt]}\n{text.rstrip()}\n```\n"
