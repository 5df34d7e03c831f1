"""Renderers of an assessment: terminal (rich), JSON, Markdown, SARIF, HTML and the checklist."""

from __future__ import annotations

from collections.abc import Callable

from mlops_standards.assess import Assessment

from . import html_report, json_report, markdown_report, sarif_report

Renderer = Callable[[list[Assessment], list[tuple[str, str]]], str]

# Text formats, by name; the terminal report is printed through rich instead.
RENDERERS: dict[str, Renderer] = {
    "json": json_report.render,
    "markdown": markdown_report.render,
    "sarif": sarif_report.render,
    "html": html_report.render,
}
SUFFIXES = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".sarif": "sarif",
            ".html": "html"}  # fmt: skip

__all__ = ["RENDERERS", "SUFFIXES", "Renderer"]
