"""How many customers an A/B test needs per arm before it starts, not after it looks good."""

import math

from scipy.stats import norm


def customers_per_arm_for_rate(
    baseline: float, minimum_effect: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Customers per arm to detect a change in a rate (e.g. conversion) with a two-sided z-test.

    Args:
        baseline: The control arm's expected rate, e.g. 0.10 for 10 % conversion.
        minimum_effect: The smallest absolute change worth detecting, e.g. 0.02.
        alpha: Chance of declaring an effect that is not there.
        power: Chance of detecting an effect of exactly `minimum_effect`.
    """
    treated = baseline + minimum_effect
    pooled = (baseline + treated) / 2
    z_alpha, z_power = norm.ppf(1 - alpha / 2), norm.ppf(power)
    spread = z_alpha * math.sqrt(2 * pooled * (1 - pooled)) + z_power * math.sqrt(
        baseline * (1 - baseline) + treated * (1 - treated)
    )
    return math.ceil((spread / minimum_effect) ** 2)


def customers_per_arm_for_mean(
    std: float, minimum_effect: float, alpha: float = 0.05, power: float = 0.8
) -> int:
    """Customers per arm to detect a change in a mean (e.g. basket value) with a t-test.

    Args:
        std: Standard deviation of the metric per customer, from historical data.
        minimum_effect: The smallest absolute change in the mean worth detecting.
        alpha: Chance of declaring an effect that is not there.
        power: Chance of detecting an effect of exactly `minimum_effect`.
    """
    z_alpha, z_power = norm.ppf(1 - alpha / 2), norm.ppf(power)
    return math.ceil(2 * ((z_alpha + z_power) * std / minimum_effect) ** 2)
