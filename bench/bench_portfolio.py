"""Time `mlops-standards portfolio` over 500 JSON reports, as the central job runs it.

Writes 500 synthetic reports (see synthetic_portfolio.py) to a temporary folder, then runs the
installed command over them five times, with a history file so every run after the first also
compares with the one before. Prints the median wall time of the whole process against the
target of issue 11 (500 reports in under 5 s), the share of it spent reading the reports, and
the size of the page.

    .venv/bin/python bench/bench_portfolio.py [--reports 500] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_portfolio import synthetic_reports, write_reports

from mlops_standards.portfolio import read_report

TARGET_SECONDS = 5.0
CLI = Path(sys.executable).parent / "mlops-standards"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_reports(folder / "reports", synthetic_reports(args.reports))
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        command = [
            str(CLI),
            "portfolio",
            *map(str, paths),
            "--out",
            str(folder / "site"),
            "--history",
            str(folder / "history.json"),
        ]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in paths:
            read_report(path)
        reading = time.perf_counter() - start
        page = (folder / "site" / "index.html").stat().st_size / 1e6
    median = statistics.median(times)
    print(
        f"portfolio of {args.reports} reports ({megabytes:.1f} MB of JSON): median {median:.2f} s "
        f"over {args.runs} runs (min {min(times):.2f}, max {max(times):.2f}); "
        f"target < {TARGET_SECONDS:.0f} s: {median / TARGET_SECONDS:.0%} of it"
    )
    print(
        f"  reading the reports alone: {reading:.2f} s ({reading / median:.0%} of the run); "
        f"page written: {page:.1f} MB"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
