"""How fast `mlops-standards check` is, as a user installs it, against its peer and the disk.

Targets (issue 8), each printed with its figure:

- on every corpus repository, no slower than `sp-repo-review` on the same tree (ratio <= 1.0);
- at 10,000 files, at most 3x the read floor: a process that only walks the tree and reads
  every file, which is the least any checker that reads every file can do;
- 50,000 files in at most 2 s;
- `mlops-standards --version` in at most 0.08 s.

Both tools run from the benchmark's own virtual environment (`.cache/bench-venv`), built
from the pins in requirements.lock: sp-repo-review from the `bench` extra, and this project
installed from its source as a wheel, not editable, with its bytecode compiled the way pip
installs it for a user. Each figure is the median of several runs after one warm-up run.

    .venv/bin/python bench/bench_checker.py [--runs 5] [--corpus ../shared/corpus] [--skip-50k]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".cache" / "bench-venv"
PEER_RATIO = 1.0
FLOOR_RATIO = 3.0
SECONDS_50K = 2.0
VERSION_SECONDS = 0.08
GIT = [
    "git",
    "-c",
    "user.name=bench",
    "-c",
    "user.email=bench@example.com",
    "-c",
    "commit.gpgsign=false",
]
# Walk and read every file, as the checker's listing does (git's list when there is one).
READ_FLOOR = """
import os, sys
total = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if d != ".git"]
    for name in files:
        with open(os.path.join(folder, name), "rb") as handle:
            total += len(handle.read())
print(total)
"""
# The same, and every Python file parsed: what any checker that reads code cannot go below.
PARSE_FLOOR = READ_FLOOR.replace(
    "total += len(handle.read())",
    "data = handle.read()\n"
    "            if name.endswith('.py'):\n"
    "                try:\n"
    "                    __import__('ast').parse(data)\n"
    "                except (SyntaxError, ValueError):\n"
    "                    pass\n"
    "            total += len(data)",
)

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
MIX = (
    ("py", 0.50),
    ("test", 0.15),
    ("md", 0.10),
    ("yaml", 0.10),
    ("json", 0.05),
    ("ipynb", 0.03),
    ("csv", 0.07),
)


def generate(root: Path, count: int) -> None:
    """Write a synthetic repository of about `count` files under `root`."""
    root.mkdir(parents=True)
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
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-q", "--no-verify", "-m", "synthetic"], cwd=root, check=True)


def environment() -> Path:
    """The benchmark's virtual environment, with sp-repo-review and this project's wheel."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [
        str(python),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        str(ROOT / "requirements.lock"),
    ]
    # Not editable, bytecode compiled: the checker as `pip install mlops-standards` leaves it.
    print(
        "  installing sp-repo-review and the checker (non-editable) into .cache/bench-venv",
        file=sys.stderr,
        flush=True,
    )
    subprocess.run([*pip, "sp-repo-review[cli]", str(ROOT)], check=True)
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True)  # today's code
    return VENV / "bin"


def timed(command: list[str], runs: int, json_out: bool = True) -> float:
    """Median wall seconds of `command` over `runs` runs, after one warm-up whose output must
    be the report (a crash that exits 1 must not pass for a fast run)."""
    warm = subprocess.run(command, capture_output=True, text=True, check=False)
    if warm.returncode not in (0, 1, 3):  # 1: requirements failed; 3: sp-repo-review's failures
        raise SystemExit(f"{command[0]} failed on {command[-1]}: {warm.stderr[-400:]}")
    if json_out:
        try:
            json.loads(warm.stdout)
        except ValueError:
            raise SystemExit(
                f"{command[0]} gave no JSON report on {command[-1]}: {warm.stderr[-400:]}"
            ) from None

    def once() -> float:
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start

    return statistics.median(once() for _ in range(runs))


def committed_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A", "-f"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-q", "--no-verify", "-m", "snapshot"], cwd=target, check=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per measurement (median reported)"
    )
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--skip-50k", action="store_true", help="leave out the 50,000-file tree")
    args = parser.parse_args()
    bin_ = environment()
    ours, peer = str(bin_ / "mlops-standards"), str(bin_ / "sp-repo-review")
    missed: list[str] = []

    def verdict(ok: bool, what: str) -> str:
        if not ok:
            missed.append(what)
        return "OK" if ok else "MISSED"

    version = timed([ours, "--version"], args.runs, json_out=False)
    print(
        f"--version: {version:.3f} s (target <= {VERSION_SECONDS} s)  "
        f"{verdict(version <= VERSION_SECONDS, '--version')}"
    )

    with tempfile.TemporaryDirectory(prefix="bench-checker-") as tmp:
        repos = sorted(p for p in (Path(args.corpus) / "repos").glob("*") if p.is_dir())
        if repos:
            print(
                f"\ncorpus ({len(repos)} repositories): checker vs sp-repo-review, "
                f"median of {args.runs}"
            )
        for repo in repos:
            tree = committed_copy(repo, Path(tmp) / "corpus" / repo.name)
            mine = timed([ours, "check", "--format", "json", str(tree)], args.runs)
            theirs = timed([peer, "--format", "json", str(tree)], args.runs)
            ratio = mine / theirs
            print(
                f"  {repo.name:<46} {mine:.3f} s vs {theirs:.3f} s  ratio {ratio:.2f} "
                f"(target <= {PEER_RATIO})  "
                f"{verdict(ratio <= PEER_RATIO, f'{repo.name} vs sp-repo-review')}"
            )

        print()
        for size in (10_000, 50_000):
            if size == 50_000 and args.skip_50k:
                continue
            root = Path(tmp) / f"repo-{size}"
            generate(root, size)
            files = sum(1 for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
            mine = timed([ours, "check", "--format", "json", str(root)], args.runs)
            floor = timed([sys.executable, "-c", READ_FLOOR, str(root)], args.runs, json_out=False)
            parse = timed([sys.executable, "-c", PARSE_FLOOR, str(root)], args.runs, json_out=False)
            ratio = mine / floor
            line = (
                f"{files:>6} files: {mine:.3f} s; read floor {floor:.3f} s, parse floor "
                f"{parse:.3f} s (ratio {mine / parse:.1f}); ratio to the read floor {ratio:.1f}"
            )
            if size == 10_000:
                met = verdict(ratio <= FLOOR_RATIO, "10k vs read floor")
                line += f" (target <= {FLOOR_RATIO})  {met}"
            else:
                line += f"; target <= {SECONDS_50K} s  {verdict(mine <= SECONDS_50K, '50k files')}"
            print(line, flush=True)
            shutil.rmtree(root)
    print("\nall targets met" if not missed else "\nmissed: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
