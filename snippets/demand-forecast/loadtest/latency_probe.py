"""Latency probe: send forecast requests at a fixed concurrency and compare p95 with the budget.

    python loadtest/latency_probe.py http://127.0.0.1:8000 --concurrency 8 --budget-ms 100

Exits 1 when any request failed or the 95th percentile is over budget, so CI can gate on it.
"""

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx

REQUEST = {
    "store_id": 2,
    "date": "2026-01-10",
    "price": 2.4,
    "promotion": True,
    "temperature": 4.5,
}


@dataclass(frozen=True)
class LatencyReport:
    """What one probe measured."""

    requests: int
    """Requests sent."""
    errors: int
    """Responses that were not 200 OK."""
    p50_ms: float
    """Median latency in milliseconds."""
    p95_ms: float
    """95th percentile latency in milliseconds: the number the budget is about."""
    p99_ms: float
    """99th percentile latency in milliseconds."""

    def within(self, budget_ms: float) -> bool:
        """True when nothing failed and p95 is at most `budget_ms`."""
        return self.errors == 0 and self.p95_ms <= budget_ms


def probe(
    client: httpx.Client, requests: int = 200, concurrency: int = 1, path: str = "/forecast"
) -> LatencyReport:
    """Time `requests` POSTs of `REQUEST` to `path`, `concurrency` at a time.

    Args:
        client: an httpx client with the service's base URL (FastAPI's TestClient works too).
        requests: how many requests to send in total; at least two.
        concurrency: how many are in flight at once.
        path: the endpoint to call.

    Returns:
        Percentiles of the latencies and the number of failed requests.
    """

    def timed_call(_: int) -> tuple[float, int]:
        start = time.perf_counter()
        status = client.post(path, json=REQUEST).status_code
        return (time.perf_counter() - start) * 1000, status

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(timed_call, range(requests)))
    cuts = statistics.quantiles([ms for ms, _ in results], n=100, method="inclusive")
    errors = sum(status != 200 for _, status in results)
    return LatencyReport(requests, errors, cuts[49], cuts[94], cuts[98])


def main(argv: list[str] | None = None) -> int:
    """Command line: probe the service at a URL and exit 1 when it misses the budget.

    Args:
        argv: the arguments after the script name; `sys.argv[1:]` when None.

    Returns:
        The exit status: 0 within budget, 1 over budget or with failed requests.
    """
    parser = argparse.ArgumentParser(description="Probe the latency of the forecast API.")
    parser.add_argument("url", help="base URL of the running service")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--budget-ms", type=float, default=100.0)
    args = parser.parse_args(argv)
    with httpx.Client(base_url=args.url, timeout=10.0) as client:
        report = probe(client, args.requests, args.concurrency)
    print(report)
    return 0 if report.within(args.budget_ms) else 1


if __name__ == "__main__":
    sys.exit(main())
