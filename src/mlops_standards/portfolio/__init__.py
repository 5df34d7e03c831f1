"""The portfolio: every product's report gathered into one dashboard and one JSON document.

`mlops-standards portfolio` reads the JSON reports each repository's CI wrote (or assesses
repositories itself), groups the products by brand or team, ranks what blocks them, and keeps a
history file so that each run says what changed since the last.
"""

from .build import build_portfolio
from .collect import PortfolioError, read_mapping, read_report
from .job import Outcome, run
from .model import Blocker, Change, Column, Portfolio, Product

__all__ = [
    "Blocker",
    "Change",
    "Column",
    "Outcome",
    "Portfolio",
    "PortfolioError",
    "Product",
    "build_portfolio",
    "read_mapping",
    "read_report",
    "run",
]
