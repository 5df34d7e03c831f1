import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from scipy import stats

from demand_forecast.ab_assignment import Experiment, bucket

SOURCE = Path(__file__).parents[1] / "src"
EXPERIMENT = Experiment(
    "forecast-v7-vs-v6", salt="2025-06-forecast", variants={"champion": 0.5, "challenger": 0.5}
)
CUSTOMERS = [f"C{n:07d}" for n in range(100_000)]


def test_the_same_customer_gets_the_same_variant_in_another_process():
    sample = CUSTOMERS[:200]
    code = (
        "from demand_forecast.ab_assignment import Experiment\n"
        "e = Experiment('forecast-v7-vs-v6', salt='2025-06-forecast',"
        " variants={'champion': 0.5, 'challenger': 0.5})\n"
        f"print(' '.join(e.assign(c) for c in {sample!r}))"
    )
    runs = []
    for hash_seed in ("1", "2"):  # a different hash() salt per process, as after a restart
        path = os.pathsep.join([str(SOURCE), os.environ.get("PYTHONPATH", "")])
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": path}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        runs.append(result.stdout.split())
    here = [EXPERIMENT.assign(c) for c in sample]
    assert runs[0] == runs[1] == here
    assert set(here) == {"champion", "challenger"}


def test_repeated_calls_never_switch_a_customer():
    assert {EXPERIMENT.assign("C0000042") for _ in range(50)} == {EXPERIMENT.assign("C0000042")}


def test_a_50_50_split_holds_within_tolerance_on_100000_customers():
    counts = Counter(EXPERIMENT.assign(c) for c in CUSTOMERS)
    assert abs(counts["challenger"] / len(CUSTOMERS) - 0.5) < 0.005
    # And no sample-ratio mismatch by a chi-square test.
    assert stats.chisquare([counts["champion"], counts["challenger"]]).pvalue > 0.001


def test_an_uneven_split_gets_its_shares():
    canary = Experiment("canary", "s1", {"champion": 0.9, "challenger": 0.1})
    counts = Counter(canary.assign(c) for c in CUSTOMERS)
    assert abs(counts["challenger"] / len(CUSTOMERS) - 0.1) < 0.005


def test_different_salts_give_independent_splits():
    other = Experiment("next-test", "2025-07-promo", {"champion": 0.5, "challenger": 0.5})
    pairs = Counter((EXPERIMENT.assign(c), other.assign(c)) for c in CUSTOMERS)
    table = [
        [pairs[("champion", "champion")], pairs[("champion", "challenger")]],
        [pairs[("challenger", "champion")], pairs[("challenger", "challenger")]],
    ]
    # Being in last test's challenger arm says nothing about this test's arm.
    assert stats.chi2_contingency(table).pvalue > 0.01
    assert all(abs(cell / len(CUSTOMERS) - 0.25) < 0.005 for row in table for cell in row)


def test_buckets_lie_in_the_unit_interval():
    points = [bucket(c, "x") for c in CUSTOMERS[:1000]]
    assert min(points) >= 0 and max(points) < 1


def test_the_top_of_the_interval_goes_to_the_last_arm():
    thirds = Experiment("thirds", "s", {"a": 0.3333333333, "b": 0.3333333333, "c": 0.3333333334})
    top = max(CUSTOMERS[:10_000], key=lambda c: bucket(c, "s"))
    bottom = min(CUSTOMERS[:10_000], key=lambda c: bucket(c, "s"))
    assert (thirds.assign(bottom), thirds.assign(top)) == ("a", "c")


@pytest.mark.parametrize("variants", [{"a": 0.5, "b": 0.6}, {"a": 1.0, "b": 0.0}])
def test_shares_that_do_not_make_a_whole_are_rejected(variants):
    with pytest.raises(ValueError, match="sum to 1"):
        Experiment("bad", "s", variants)
