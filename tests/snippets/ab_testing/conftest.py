import numpy as np
import pandas as pd
import pytest

from snippets.ab_testing.assignment import Experiment


def simulate(conversion_lift: float, basket_lift: float, seed: int, customers: int = 20_000):
    """A finished experiment: customers assigned by the real hash, outcomes with a known effect."""
    experiment = Experiment("sim", f"salt-{seed}", {"champion": 0.5, "challenger": 0.5})
    rng = np.random.default_rng(seed)
    ids = [f"C{n:07d}" for n in range(customers)]
    variant = np.array([experiment.assign(c) for c in ids])
    treated = variant == "challenger"
    return pd.DataFrame(
        {
            "customer_id": ids,
            "variant": variant,
            "converted": rng.random(customers) < 0.10 + conversion_lift * treated,
            "basket_value": rng.gamma(4.0, 10.0, customers) + basket_lift * treated,
            "latency_ms": rng.normal(120, 15, customers),
        }
    )


@pytest.fixture(scope="package")
def experiment_with_effect() -> pd.DataFrame:
    return simulate(conversion_lift=0.02, basket_lift=2.0, seed=1)


@pytest.fixture(scope="package")
def experiment_without_effect() -> pd.DataFrame:
    return simulate(conversion_lift=0.0, basket_lift=0.0, seed=2)
