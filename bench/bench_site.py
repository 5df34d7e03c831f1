"""Benchmark: a full strict build of the site, and the rebuild `mkdocs serve` does after an edit.

Run with `python bench/bench_site.py` (or `make bench`). Works on a copy of the repository in a
temporary directory, so the real docs are never edited. Prints the median of three runs of each
against its target on a 2-core machine and exits 1 when one is missed.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
FULL_BUILD_TARGET, REBUILD_TARGET = 15.0, 3.0
# Everything a build reads, without the environment, history, caches and previous output.
TOP_LEVEL_SKIP = {".venv", ".git", "site", "mlruns", "mlflow.db"}
CACHES = shutil.ignore_patterns("__pycache__", ".*_cache", "*.egg-info")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


def skip(directory: str, names: list[str]) -> set[str]:
    """What `shutil.copytree` leaves out of the copy of the repository."""
    top = TOP_LEVEL_SKIP.intersection(names) if Path(directory) == ROOT else set()
    return top | CACHES(directory, names)


def full_build(project: Path) -> float:
    """Seconds for one `mkdocs build --strict` of `project` into a fresh directory."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([*MKDOCS, "build", "--strict", "-q", "-d", out], cwd=project, env=ENV,
                       check=True)  # fmt: skip
        return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 60.0) -> float:
    """Poll `url` until its body contains `text`; the seconds it took."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"{url} did not show {text!r} within {limit:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def rebuilds(project: Path) -> list[float]:
    """Seconds from saving a page to `mkdocs serve` serving the change, once per run."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    page = project / "docs" / "index.md"
    original = page.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(url, "</html>")
        times = []
        for run in range(RUNS):
            token = f"bench-edit-{run}-{time.time_ns()}"
            page.write_text(f"{original}\n\n{token}\n", encoding="utf-8")
            times.append(wait_for(url, token))
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(name: str, seconds: float, target: float) -> bool:
    verdict = "ok" if seconds <= target else "MISSED"
    print(f"{name:<52} {seconds:6.2f} s   target <= {target:g} s   {verdict}", flush=True)
    return seconds <= target


def main() -> int:
    # Other work on the machine inflates every figure; say how busy it was.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=skip)
        builds = [full_build(project) for _ in range(RUNS)]
        served = rebuilds(project)
    ok = report(f"full build, mkdocs build --strict (median of {RUNS})",
                statistics.median(builds), FULL_BUILD_TARGET)  # fmt: skip
    ok &= report(f"rebuild after one page edit, mkdocs serve (median of {RUNS})",
                 statistics.median(served), REBUILD_TARGET)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
