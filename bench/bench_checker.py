"""Time `mlops-standards check` as a whole process on synthetic repositories.

Generates repositories of 1,000 and 10,000 files (Python modules, tests, notebooks, docs,
YAML, JSON and data files in a realistic mix) in a temporary directory, runs
`python -m mlops_standards check DIR` five times on each and prints the median wall time
and the peak resident set size against the targets of issue 3: <= 0.5 s for 1,000 files,
<= 3 s for 10,000 files, peak RSS <= 150 MB.

    .venv/bin/python bench/bench_checker.py [--runs 5] [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = {1_000: 0.5, 10_000: 3.0}
TARGET_RSS_MB = 150

MODULE = '''"""Module {n} of the synthetic forecast package."""

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor


def prepare_{n}(sales: pd.DataFrame) -> pd.DataFrame:
    """Drop rows without sales and add a lag feature."""
    sales = sales.dropna()
    sales["lag_{n}"] = sales["units_sold"].shift({k})
    return sales


def fit_{n}(features: pd.DataFrame, target: pd.Series) -> RandomForestRegressor:
    model = RandomForestRegressor(n_estimators={k}, random_state={n})
    return model.fit(features, target)


def score_{n}(model, features):
    return np.clip(model.predict(features), 0, None)
'''
TEST = "from forecast.m{n} import prepare_{n}\n\n\ndef test_prepare_{n}_drops_missing():\n    assert prepare_{n}\n"  # noqa: E501
DOC = "# Page {n}\n\nHow part {n} of the forecast works.\n\n## Details\n\nMore text about {n}.\n"
YAML = "name: config-{n}\nparameters:\n  window: {k}\n  stores: [1, 2, 3]\n"
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Exploration"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["import pandas as pd\n", "sales = pd.read_csv('sales.csv')\n"],
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}
FIXED = {
    "README.md": "# Forecast\n\nDaily demand per store.\n\n## Installation\n\nuv sync\n",
    "pyproject.toml": '[project]\nname = "forecast"\nversion = "1.0"\n\n[tool.ruff]\n',
    "uv.lock": "version = 1\n",
    ".gitignore": "data/raw/\n*.log\n",
    ".github/workflows/ci.yml": (
        "on: [pull_request]\njobs:\n  t:\n    steps:\n      - run: pytest\n"
    ),
}
# Share of each kind of file in a synthetic repository (sums to 1).
MIX = (("py", 0.50), ("test", 0.15), ("md", 0.10), ("yaml", 0.10), ("json", 0.05),
       ("ipynb", 0.03), ("csv", 0.07))  # fmt: skip


def generate(root: Path, count: int) -> None:
    """Write a synthetic repository of about `count` files under `root`."""
    (root / ".git").mkdir(parents=True)
    for path, text in FIXED.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    remaining = count - len(FIXED)
    n = 0
    for kind, share in MIX:
        for _ in range(int(remaining * share)):
            n += 1
            folder = f"{n // 200:03d}"  # about 200 files a directory, as real trees have
            k = n % 7 + 1
            path, text = {
                "py": (f"src/forecast/{folder}/m{n}.py", MODULE.format(n=n, k=k)),
                "test": (f"tests/{folder}/test_m{n}.py", TEST.format(n=n)),
                "md": (f"docs/{folder}/page{n}.md", DOC.format(n=n)),
                "yaml": (f"conf/{folder}/c{n}.yaml", YAML.format(n=n, k=k)),
                "json": (f"conf/{folder}/c{n}.json", json.dumps({"n": n, "k": k})),
                "ipynb": (f"notebooks/{folder}/nb{n}.ipynb", json.dumps(NOTEBOOK)),
                "csv": (f"data/{folder}/d{n}.csv", "date,store,units\n2024-01-01,1,3\n" * 20),
            }[kind]
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def measure(directory: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `python -m mlops_standards check` process."""
    command = [sys.executable, "-m", "mlops_standards", "check", str(directory), "-f", "json"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives the resource usage of this one child, not of every child so far.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"check failed on {directory}: {process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024  # Linux reports kilobytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size (median reported)")
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(TARGET_SECONDS))
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-checker-") as tmp:
        for size in args.sizes:
            root = Path(tmp) / f"repo-{size}"
            generate(root, size)
            files = sum(1 for p in root.rglob("*") if p.is_file())
            measure(root)  # warm the file-system cache and bytecode once
            runs = [measure(root) for _ in range(args.runs)]
            median = statistics.median(t for t, _ in runs)
            rss = max(r for _, r in runs)
            target = TARGET_SECONDS.get(size)
            met = (target is None or median <= target) and rss <= TARGET_RSS_MB
            ok &= met
            print(
                f"{files:>6} files: median {median:.3f} s over {args.runs} runs"
                + (f" (target <= {target} s)" if target else "")
                + f", peak RSS {rss:.0f} MB (target <= {TARGET_RSS_MB} MB)"
                + ("  OK" if met else "  MISSED")
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
