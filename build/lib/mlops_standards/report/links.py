"""Where a report sends the reader: pages of the published handbook."""

from __future__ import annotations

import os

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
"""Where `make serve` publishes the handbook; organisations set their own published URL."""


def site_url() -> str:
    """The handbook's base URL: `MLOPS_STANDARDS_SITE_URL`, or the local `make serve` address."""
    url = os.environ.get("MLOPS_STANDARDS_SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def page_url(target: str, base: str | None = None) -> str:
    """A catalog link like `golden-paths/traceability.md#tr-005` as a URL of the built site."""
    path, _, anchor = target.partition("#")
    page = path.removesuffix(".md")
    page = "" if page == "index" else page.removesuffix("/index") + "/"
    return f"{base or site_url()}{page}" + (f"#{anchor}" if anchor else "")
