"""Benchmark: a new contributor's start, and the rebuild `mkdocs serve` does after one edit.

Run with `python bench/bench_site.py` (or `make bench`). It clones this repository into a
temporary directory and runs `make serve PORT=...` there, as a new contributor would, timing:

- the first page: from `make serve` on the fresh clone (virtual environment, the site's
  dependencies, the first build) until the server answers with the home page;
- the rebuild: from saving a page until the server serves the edited page, three times;
- a full `mkdocs build --strict`, three times, for comparison.

Pip's download cache is shared with the rest of the machine, so on a machine that installed
before, the first figure is for a warm cache. Prints each figure with its target and the ratio
of the two, and exits 1 when one is missed (nothing in the test suite asserts on time).
"""

from __future__ import annotations

import os
import shutil
import signal
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
FIRST_PAGE_TARGET, REBUILD_TARGET, FULL_BUILD_TARGET = 45.0, 1.5, 15.0
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHON": sys.executable}
MKDOCS = [sys.executable, "-m", "mkdocs"]


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


def wait_for(url: str, text: str, limit: float) -> float:
    """Poll `url` until its body contains `text`; the seconds it took."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"{url} did not show {text!r} within {limit:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def fresh_clone(directory: Path) -> Path:
    """A clone of the committed repository, as a new contributor gets it."""
    clone = directory / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    return clone


def serve_from_scratch(clone: Path) -> tuple[float, list[float]]:
    """Seconds to the first page of `make serve`, then seconds per rebuild after an edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    # A session of its own, so that stopping it stops make, pip and mkdocs together.
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}"], cwd=clone, env=ENV, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(url, "</html>", limit=600)
        first_page = time.perf_counter() - start
        page = clone / "docs" / "index.md"
        original = page.read_text(encoding="utf-8")
        rebuilds = []
        for run in range(RUNS):
            token = f"bench-edit-{run}-{time.time_ns()}"
            page.write_text(f"{original}\n\n{token}\n", encoding="utf-8")
            rebuilds.append(wait_for(url, token, limit=60))
        return first_page, rebuilds
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def full_build(project: Path) -> float:
    """Seconds for one `mkdocs build --strict` of `project` into a fresh directory."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([*MKDOCS, "build", "--strict", "-q", "-d", out], cwd=project, env=ENV,
                       check=True)  # fmt: skip
        return time.perf_counter() - start


def report(name: str, seconds: float, target: float) -> bool:
    verdict = "ok" if seconds <= target else "MISSED"
    print(
        f"{name:<58} {seconds:6.2f} s   target <= {target:g} s"
        f"   {seconds / target:4.2f} of target   {verdict}",
        flush=True,
    )
    return seconds <= target


def main() -> int:
    # Other work on the machine inflates every figure; say how busy it was.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        clone = fresh_clone(Path(tmp))
        first_page, rebuilds = serve_from_scratch(clone)
        builds = [full_build(clone) for _ in range(RUNS)]
        shutil.rmtree(clone / ".venv", ignore_errors=True)
    ok = report("first page of make serve on a fresh clone", first_page, FIRST_PAGE_TARGET)
    ok &= report(f"rebuild after one page edit, mkdocs serve (median of {RUNS})",
                 statistics.median(rebuilds), REBUILD_TARGET)  # fmt: skip
    print(f"   each rebuild: {', '.join(f'{s:.2f} s' for s in rebuilds)}")
    ok &= report(f"full build, mkdocs build --strict (median of {RUNS})",
                 statistics.median(builds), FULL_BUILD_TARGET)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
