"""Guardrails: what a winning model must not break, and a check that the split itself held."""

from dataclasses import dataclass

import pandas as pd
from scipy import stats

from demand_forecast.ab_analysis import compare_means


@dataclass(frozen=True)
class Guardrail:
    """A metric the treatment may not make worse by more than a tolerated margin."""

    metric: str
    """Column of the per-customer data, e.g. "stockout_rate" or "latency_ms"."""
    higher_is_better: bool
    """Direction of "good" for this metric."""
    margin: float
    """Tolerated worsening, relative to the control mean (0.02 = 2 %)."""


def breached_guardrails(
    guardrails: list[Guardrail], control: pd.DataFrame, treatment: pd.DataFrame,
    alpha: float = 0.05,
) -> list[str]:  # fmt: skip
    """The guardrails the treatment broke: significantly worse, and by more than the margin.

    Args:
        guardrails: What to protect.
        control: One row per control customer, one column per guardrail metric.
        treatment: The same for the treatment arm.
        alpha: One minus the confidence level of each comparison.
    """
    breached = []
    for rail in guardrails:
        result = compare_means(control[rail.metric], treatment[rail.metric], alpha, rail.metric)
        worse = -result.difference if rail.higher_is_better else result.difference
        # Significantly worse: the whole confidence interval lies on the bad side of zero.
        surely_worse = result.ci_high < 0 if rail.higher_is_better else result.ci_low > 0
        if surely_worse and worse > rail.margin * abs(result.control):
            breached.append(rail.metric)
    return breached


def sample_ratio_mismatch(
    assigned: dict[str, int], shares: dict[str, float], threshold: float = 0.001
) -> bool:
    """True when the arms' sizes are too far from the planned shares to trust the test.

    A mismatch means assignment or logging is broken (bots, crashes in one arm, a cache), and
    every other number of the experiment is suspect. A chi-square test at a strict threshold.
    """
    total = sum(assigned.values())
    observed = [assigned[arm] for arm in shares]
    expected = [share * total for share in shares.values()]
    return bool(stats.chisquare(observed, expected).pvalue < threshold)
