import numpy as np
import pandas as pd

from demand_forecast.ab_guardrails import Guardrail, breached_guardrails, sample_ratio_mismatch

LATENCY = Guardrail("latency_ms", higher_is_better=False, margin=0.05)
AVAILABILITY = Guardrail("availability", higher_is_better=True, margin=0.01)


def arm(latency: float, availability: float, seed: int, n: int = 5000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "latency_ms": rng.normal(latency, 15, n),
            "availability": rng.normal(availability, 0.02, n),
        }
    )


def test_a_slower_challenger_breaks_the_latency_guardrail():
    breached = breached_guardrails([LATENCY, AVAILABILITY], arm(120, 0.97, 1), arm(135, 0.97, 2))
    assert breached == ["latency_ms"]


def test_worse_availability_breaks_its_guardrail():
    breached = breached_guardrails([LATENCY, AVAILABILITY], arm(120, 0.97, 1), arm(120, 0.93, 2))
    assert breached == ["availability"]


def test_a_significant_but_tolerated_slowdown_passes():
    # 2 ms slower is measurable with 5,000 customers per arm but within the 5 % margin.
    breached = breached_guardrails([LATENCY], arm(120, 0.97, 1), arm(122, 0.97, 2))
    assert breached == []


def test_better_on_every_guardrail_passes(experiment_without_effect):
    control = experiment_without_effect[experiment_without_effect["variant"] == "champion"]
    faster = control.assign(latency_ms=control["latency_ms"] - 30)
    assert breached_guardrails([LATENCY], control, faster) == []
    assert breached_guardrails([LATENCY], control, control) == []


def test_the_hash_assignment_shows_no_sample_ratio_mismatch(experiment_with_effect):
    assigned = experiment_with_effect["variant"].value_counts().to_dict()
    assert not sample_ratio_mismatch(assigned, {"champion": 0.5, "challenger": 0.5})


def test_a_lost_share_of_one_arm_is_a_sample_ratio_mismatch():
    assert sample_ratio_mismatch({"champion": 10_500, "challenger": 10_000}, {
        "champion": 0.5, "challenger": 0.5})  # fmt: skip
    assert not sample_ratio_mismatch({"champion": 9_050, "challenger": 950}, {
        "champion": 0.9, "challenger": 0.1})  # fmt: skip
