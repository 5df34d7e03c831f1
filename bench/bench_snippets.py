"""Benchmark: wall time of the whole snippet test suite, `pytest tests/snippets -q`.

Run with `python bench/bench_snippets.py` (or `make bench`). Runs the suite once in a fresh
interpreter from the repository root, prints its wall time against the budget, the slowest
tests, and exits 1 when the suite fails or misses the budget. The budget is half of the
10 minutes the whole `make test` may take on a 2-core machine: the snippet tests train and log
real models, and the site, checker and browser tests need the other half.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 300.0
SLOWEST = 8


def main() -> int:
    """Run the snippet tests once; 0 when they pass within the budget."""
    command = [sys.executable, "-m", "pytest", "tests/snippets", "-q", "-p", "no:cacheprovider",
               f"--durations={SLOWEST}"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    lines = done.stdout.splitlines()
    # pytest's own summary of the slowest tests, then its one-line result.
    if "slowest" in done.stdout:
        first = next(i for i, line in enumerate(lines) if "slowest" in line)
        print("\n".join(line for line in lines[first : first + SLOWEST + 1] if line.strip()))
    # Which tests failed, so a red benchmark is not mistaken for a slow one.
    print("\n".join(line for line in lines if line.startswith(("FAILED", "ERROR"))))
    print(lines[-1] if lines else done.stderr.strip())
    passed = done.returncode == 0
    within = seconds <= BUDGET_SECONDS
    verdict = "ok" if passed and within else ("FAILED" if not passed else "MISSED")
    print(f"{'snippet tests, pytest tests/snippets -q (one run)':<52} {seconds:6.1f} s   "
          f"target <= {BUDGET_SECONDS:g} s   {verdict}", flush=True)  # fmt: skip
    return 0 if passed and within else 1


if __name__ == "__main__":
    sys.exit(main())
