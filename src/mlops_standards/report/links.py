"""Where a report sends the reader: pages of the published handbook."""

from __future__ import annotations

import os

from mlops_standards.catalog import Catalog

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
"""Where `make serve` publishes the handbook; organisations set their own published URL."""
EXTERNAL = ("http://", "https://")


def site_url(catalog: Catalog | None = None) -> str:
    """The handbook's base URL: `MLOPS_STANDARDS_SITE_URL` for one run, else the `site_url` of the
    organisation overlay the catalog was tailored with, else the local `make serve` address."""
    tailored = catalog.site_url if catalog is not None else None
    url = os.environ.get("MLOPS_STANDARDS_SITE_URL") or tailored or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def page_url(target: str, base: str | None = None) -> str:
    """A catalog link like `golden-paths/traceability.md#tr-005` as a URL of the built site.

    An organisation's own requirements may link to its own pages: an http(s) URL is kept as is.
    """
    if target.startswith(EXTERNAL):
        return target
    path, _, anchor = target.partition("#")
    page = path.removesuffix(".md")
    page = "" if page == "index" else page.removesuffix("/index") + "/"
    return f"{base or site_url()}{page}" + (f"#{anchor}" if anchor else "")


def catalog_url(catalog: Catalog, target: str) -> str:
    """`page_url` on the handbook the catalog's reports link to (see `site_url`)."""
    return page_url(target, site_url(catalog))
