"""The shell of the checker's HTML pages: one self-contained file, no request leaves it.

The repository report (`check --format html`) and the portfolio dashboard share it: the same
style sheet, the same colour for a level and for a status, light and dark schemes from the
reader's preference, and a print layout. Nothing is fetched: no font, no script, no image.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

STATUS_CLASSES = {
    "passed": "met",
    "attested": "met",
    "waived": "excused",
    "not-applicable": "excused",
    "failed": "failed",
    "to-confirm": "confirm",
    "error": "error",
    "skipped": "skipped",
    "retired": "excused",
}
"""Report status -> the CSS class that colours it, the same in every page."""

STATUS_WORDS = {
    "passed": "passed",
    "attested": "attested",
    "waived": "waived",
    "not-applicable": "not applicable",
    "failed": "failed",
    "to-confirm": "to confirm",
    "error": "error",
    "skipped": "skipped",
    "retired": "retired",
}

CSS = (files("mlops_standards.report") / "page.css").read_text(encoding="utf-8")
"""The shared style sheet, kept as a file of its own (package data)."""


def page(title: str, body: str, *, extra_css: str = "", script: str = "") -> str:
    """A whole HTML document: the shared style sheet, `body` inside `<main>`, and an optional
    inline script (the only kind a page without requests can have)."""
    scripts = f"<script>{script}</script>" if script else ""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No request may leave the file: this policy makes the browser refuse any that would.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{CSS}{extra_css}</style></head>"
        f"<body><main>{body}</main>{scripts}</body></html>\n"
    )


def level_chip(level: int, name: str | None = None) -> str:
    """The level as a coloured chip, with its name after it when given."""
    chip = f'<span class="level level-{level}">{level}</span>'
    return chip + (f" {escape(name)}" if name else "")


def status_mark(status: str, words: bool = True) -> str:
    """A coloured square and the status in words; without `words`, the square says it to
    screen readers and on hover."""
    css = STATUS_CLASSES.get(status, "missing")
    said = escape(STATUS_WORDS.get(status, status))
    if not words:
        return f'<span class="status {css}" role="img" aria-label="{said}" title="{said}"></span>'
    return f'<span class="status {css}" aria-hidden="true"></span>{said}'
