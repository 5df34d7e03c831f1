import numpy as np
import pandas as pd
import pytest

from demand_forecast.data import make_sales
from demand_forecast.drift import (
    DriftReference,
    DriftThresholds,
    bin_shares,
    detect_drift,
    drift_alerts,
)

MONITORED = ["store_id", "price", "promotion", "temperature"]


@pytest.fixture(scope="module")
def reference() -> DriftReference:
    return DriftReference.fit(make_sales(days=365, seed=1), MONITORED)


def drifted(report: pd.DataFrame) -> list[str]:
    return report.loc[report["drifted"], "feature"].tolist()


def test_fresh_data_from_the_same_distribution_raises_no_alert(reference):
    report = detect_drift(reference, make_sales(days=365, seed=2))
    assert drifted(report) == []
    assert drift_alerts(report) == []
    assert (report["psi"] < 0.05).all()


def test_a_shifted_price_alerts_on_price_only(reference):
    report = detect_drift(reference, make_sales(days=365, seed=2, price_shift=1.0))
    assert drifted(report) == ["price"]
    [alert] = drift_alerts(report)
    assert "'price'" in alert.message
    assert alert.details["psi"] > 1


@pytest.mark.parametrize(
    ("feature", "change"),
    [
        ("temperature", lambda s: s + 6),
        ("promotion", lambda s: np.ones(len(s), dtype=bool)),
        ("store_id", lambda s: s.where(s != 3, 1)),
    ],
)
def test_drift_injected_into_one_feature_alerts_on_that_feature_only(reference, feature, change):
    live = make_sales(days=365, seed=3)
    live[feature] = change(live[feature])
    assert drifted(detect_drift(reference, live)) == [feature]


def test_ks_alone_catches_a_change_of_shape_inside_the_bins(reference):
    live = make_sales(days=365, seed=4)
    # Squeeze temperatures towards their median: same deciles roughly, other shape.
    median = live["temperature"].median()
    live["temperature"] = median + (live["temperature"] - median) * 0.6
    report = detect_drift(reference, live, DriftThresholds(psi=10.0)).set_index("feature")
    assert report.loc["temperature", "drifted"]
    assert report.loc["temperature", "ks_p_value"] < 0.01


def test_bin_shares_sum_to_one_and_never_reach_zero():
    shares = bin_shares(np.sort(np.array([1.0, 1.0, 2.0, 3.0])), np.array([1.0, 2.0, 5.0]))
    assert shares == pytest.approx([0.5, 0.25, 0.25, 1e-6])
