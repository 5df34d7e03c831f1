"""The standard analysis: effect, confidence interval and p-value for a rate and for a mean."""

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Comparison:
    """Treatment against control on one metric."""

    metric: str
    """What was compared, e.g. "conversion"."""
    control: float
    """The control arm's rate or mean."""
    treatment: float
    """The treatment arm's rate or mean."""
    difference: float
    """Treatment minus control."""
    ci_low: float
    """Lower end of the confidence interval of the difference."""
    ci_high: float
    """Upper end of that interval."""
    p_value: float
    """Two-sided p-value of "no difference"."""

    @property
    def significant(self) -> bool:
        """True when the interval excludes zero (the same as p < alpha for these tests)."""
        return self.ci_low > 0 or self.ci_high < 0


def compare_rates(
    successes: tuple[int, int], customers: tuple[int, int], alpha: float = 0.05,
    metric: str = "conversion",
) -> Comparison:  # fmt: skip
    """Two-proportion z-test of (control, treatment), with a Wald interval of the difference.

    Args:
        successes: Customers who converted, in the control and in the treatment arm.
        customers: Customers assigned to each arm.
        alpha: One minus the confidence level.
        metric: Name of the rate, for the report.
    """
    (x_c, x_t), (n_c, n_t) = successes, customers
    p_c, p_t = x_c / n_c, x_t / n_t
    pooled = (x_c + x_t) / (n_c + n_t)
    # The test assumes no difference, so it pools; the interval does not, so it does not.
    z = (p_t - p_c) / math.sqrt(pooled * (1 - pooled) * (1 / n_c + 1 / n_t))
    half = stats.norm.ppf(1 - alpha / 2) * math.sqrt(p_c * (1 - p_c) / n_c + p_t * (1 - p_t) / n_t)
    diff = p_t - p_c
    p_value = float(2 * stats.norm.sf(abs(z)))
    return Comparison(metric, p_c, p_t, diff, diff - half, diff + half, p_value)


def compare_means(
    control: np.ndarray, treatment: np.ndarray, alpha: float = 0.05, metric: str = "basket value"
) -> Comparison:
    """Welch's t-test (no equal-variance assumption) with its confidence interval."""
    result = stats.ttest_ind(treatment, control, equal_var=False)
    interval = result.confidence_interval(confidence_level=1 - alpha)
    mean_c, mean_t = float(np.mean(control)), float(np.mean(treatment))
    return Comparison(
        metric, mean_c, mean_t, mean_t - mean_c, float(interval.low), float(interval.high),
        float(result.pvalue),
    )  # fmt: skip
