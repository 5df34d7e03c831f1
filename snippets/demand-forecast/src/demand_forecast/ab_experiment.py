"""An A/B test from design to decision: planned before it starts, analysed the same way."""

from dataclasses import dataclass, field

import pandas as pd

from demand_forecast.ab_analysis import Comparison, compare_rates
from demand_forecast.ab_assignment import Experiment
from demand_forecast.ab_guardrails import Guardrail, breached_guardrails, sample_ratio_mismatch
from demand_forecast.ab_sample_size import customers_per_arm_for_rate


@dataclass(frozen=True)
class ExperimentDesign:
    """Written down and reviewed before the first customer is assigned."""

    hypothesis: str
    """What the challenger should change, and why."""
    primary_metric: str
    """The one rate that decides, a 0/1 column per customer, e.g. "converted"."""
    baseline: float
    """The primary metric's current rate, from historical data."""
    minimum_effect: float
    """The smallest absolute lift worth shipping."""
    guardrails: list[Guardrail] = field(default_factory=list)
    """What the challenger must not break."""
    shares: dict[str, float] = field(default_factory=lambda: {"champion": 0.5, "challenger": 0.5})
    """Planned split: control arm first, treatment arm second."""
    alpha: float = 0.05
    """Accepted chance of a false win."""
    power: float = 0.8
    """Chance of detecting a lift of exactly `minimum_effect`."""

    @property
    def customers_per_arm(self) -> int:
        """How many customers each arm needs before the test is analysed."""
        return customers_per_arm_for_rate(
            self.baseline, self.minimum_effect, self.alpha, self.power
        )


@dataclass(frozen=True)
class Decision:
    """The outcome of the standard analysis."""

    verdict: str
    """"ship challenger", "keep champion", "keep running" or "invalid"."""
    reason: str
    """Why, in one sentence for the report."""
    primary: Comparison | None = None
    """The primary metric's comparison, when the test was valid and large enough to read."""


def decide(design: ExperimentDesign, outcomes: pd.DataFrame) -> Decision:
    """Apply the standard analysis to one row per customer: `variant` and the metric columns."""
    control_arm, treatment_arm = design.shares
    sizes = outcomes["variant"].value_counts().to_dict()
    if sample_ratio_mismatch(sizes, design.shares):
        return Decision("invalid", f"sample ratio mismatch {sizes}: fix assignment, rerun")
    if min(sizes.values()) < design.customers_per_arm:
        return Decision("keep running", f"{sizes} of {design.customers_per_arm} per arm so far")
    control = outcomes[outcomes["variant"] == control_arm]
    treatment = outcomes[outcomes["variant"] == treatment_arm]
    metric = design.primary_metric
    primary = compare_rates(
        (int(control[metric].sum()), int(treatment[metric].sum())),
        (len(control), len(treatment)), design.alpha, metric,
    )  # fmt: skip
    if breached := breached_guardrails(design.guardrails, control, treatment, design.alpha):
        return Decision("keep champion", f"guardrails breached: {', '.join(breached)}", primary)
    if primary.ci_low > 0:
        return Decision("ship challenger", f"{metric} lift {primary.difference:+.4f}", primary)
    return Decision("keep champion", f"no significant {metric} lift", primary)


CHALLENGER_EXPERIMENT = Experiment(
    name="forecast-challenger-vs-champion",
    salt="2026-01-challenger",
    variants={"champion": 0.5, "challenger": 0.5},
)
"""The running experiment: which customers' stores order with the challenger's forecasts."""
CHALLENGER_DESIGN = ExperimentDesign(
    hypothesis="Better forecasts keep shelves full, so more visits end in a purchase.",
    primary_metric="converted",
    baseline=0.10,
    minimum_effect=0.02,
    guardrails=[
        Guardrail("latency_ms", higher_is_better=False, margin=0.05),
        Guardrail("basket_value", higher_is_better=True, margin=0.02),
    ],
)
"""Its design, reviewed before the first customer was assigned."""
