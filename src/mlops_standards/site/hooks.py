"""MkDocs-only additions to the site, registered in mkdocs.yml under `hooks:`.

Page content never comes from here: catalog markers are a Python-Markdown extension
(`mlops_standards.site.markers`) so that MkDocs and Zensical render the same pages. Zensical
runs no MkDocs hook, so what is here is what a Zensical build goes without.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from mlops_standards.catalog import CatalogError
from mlops_standards.site.markers import catalog


def on_config(config):
    """Show the standards' version and size in the footer of every page."""
    try:
        standards = catalog()
    except CatalogError as error:
        raise PluginError(str(error)) from None
    config["copyright"] = f"MLOps standards v{standards.version} · {len(standards)} requirements"
    return config
