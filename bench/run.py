"""Run every `bench/bench_*.py` in turn, each in its own process, and print their figures.

Usage: `python bench/run.py [NAME ...]`, where a NAME such as `site` runs `bench_site.py` only.
A benchmark reports its own figures against its targets and exits non-zero when it misses one;
this runner runs them all anyway and exits 1 if any missed or crashed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    """Run the benchmarks named in `names` (all when empty); return the exit code."""
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
        if not scripts:
            print(f"no benchmark named {' '.join(names)} in {HERE}", file=sys.stderr)
            return 2
    missed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        # Each in a fresh interpreter: one benchmark's imports and caches never warm another's.
        code = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"   ({script.name} took {time.perf_counter() - start:.1f} s in all)\n", flush=True)
        if code.returncode != 0:
            missed.append(f"{script.name} (exit {code.returncode})")
    print("all benchmarks met their targets" if not missed else "missed: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
