"""The portfolio's memory: each run's levels, kept in a file the job commits or stores, so the
next run can say what changed since.

```json
{"runs": [{"generated_on": "2026-12-01T09:00Z",
           "products": {"demand-forecast": {"level": 2, "certified_level": 1}}}]}
```
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .collect import PortfolioError
from .model import Change, Product

KEPT_RUNS = 104
"""Two years of weekly runs; older ones are dropped when the file is written."""


def read_history(path: Path) -> list[dict[str, Any]]:
    """The runs recorded so far, oldest first; none when the file does not exist yet.

    Raises:
        PortfolioError: the file exists but is not a history this command wrote.
    """
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PortfolioError(f"{path}: cannot be read as JSON ({error})") from None
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, list) or not all(
        isinstance(r, dict) and isinstance(r.get("products"), dict) for r in runs
    ):
        raise PortfolioError(f"{path}: not a portfolio history (a list of runs with products)")
    return runs


def changes(products: list[Product], previous: dict[str, Any] | None) -> list[Change]:
    """How each product moved since the `previous` run: up, down, new, gone or the same."""
    if previous is None:
        return []
    before = previous["products"]
    now = {p.name: p for p in products}
    found = [
        Change(
            name,
            _get(before, name, "level"),
            product.level,
            _get(before, name, "certified_level"),
            product.certified_level,
        )
        for name, product in now.items()
    ]
    found += [
        Change(name, _get(before, name, "level"), None, _get(before, name, "certified_level"))
        for name in before
        if name not in now
    ]
    return sorted(found, key=lambda c: c.product)


def _get(products: dict[str, Any], name: str, key: str) -> int | None:
    value = products.get(name, {}).get(key)
    return value if isinstance(value, int) else None


def recorded(
    runs: list[dict[str, Any]], products: list[Product], generated_on: str
) -> dict[str, Any]:
    """The history with this run appended, the oldest runs beyond `KEPT_RUNS` dropped."""
    run = {
        "generated_on": generated_on,
        "products": {
            p.name: {"level": p.level, "certified_level": p.certified_level} for p in products
        },
    }
    return {"runs": [*runs, run][-KEPT_RUNS:]}


def write_history(path: Path, history: dict[str, Any]) -> None:
    path.write_text(json.dumps(history, indent=1, sort_keys=True) + "\n", encoding="utf-8")
