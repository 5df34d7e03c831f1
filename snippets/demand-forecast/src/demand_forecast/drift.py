"""Per-feature drift of live data against the training reference: PSI and Kolmogorov-Smirnov."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from demand_forecast.alerts import Alert


@dataclass(frozen=True)
class DriftReference:
    """What drift is measured against, computed once from the training data."""

    features: list[str]
    """The monitored features, in column order."""
    sorted_values: np.ndarray
    """One sorted float32 row per feature (features x rows): KS and the bin counts read it."""
    edges: list[np.ndarray]
    """Per feature, the inner bin edges: the reference's deciles, duplicates dropped."""

    @classmethod
    def fit(cls, training: pd.DataFrame, features: list[str], bins: int = 10) -> "DriftReference":
        """Sort each feature once and cut it at its quantiles, so every check reuses the work."""
        # Features as contiguous float32 rows: half the memory to sort and search, and seven
        # significant digits are plenty to compare two distributions.
        values = np.sort(training[features].to_numpy(dtype=np.float32).T, axis=1)
        positions = np.linspace(0, values.shape[1] - 1, bins + 1)[1:-1].astype(int)
        # Discrete features (store, promotion) repeat quantiles: keep each edge once.
        edges = [np.unique(column[positions]) for column in values]
        return cls(features=list(features), sorted_values=values, edges=edges)


@dataclass(frozen=True)
class DriftThresholds:
    """When a feature counts as drifted. PSI above 0.2 is the usual "significant shift"."""

    psi: float = 0.2
    """Population stability index at or above which the feature drifted."""
    ks_statistic: float = 0.1
    """KS distance (largest gap between the two CDFs) that matters in practice..."""
    ks_p_value: float = 0.01
    """...and the p-value below which that gap is not chance."""


def bin_shares(sorted_column: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Share of values in each bin (-inf, e1], (e1, e2], ..., (ek, inf), from a sorted column."""
    cumulative = np.searchsorted(sorted_column, edges, side="right")
    counts = np.diff(np.concatenate(([0], cumulative, [sorted_column.size])))
    # An empty bin would make the log infinite; a tiny floor keeps PSI finite and large.
    return np.clip(counts / sorted_column.size, 1e-6, None)


def detect_drift(
    reference: DriftReference,
    current: pd.DataFrame,
    thresholds: DriftThresholds = DriftThresholds(),
) -> pd.DataFrame:
    """Compare each reference feature in `current` with the training reference.

    Args:
        reference: The fitted training reference.
        current: Live inputs, one row per prediction, with the reference's feature columns.
        thresholds: When a feature counts as drifted.

    Returns:
        One row per feature: `psi`, `ks_statistic`, `ks_p_value` and the verdict `drifted`.
    """
    values = np.sort(current[reference.features].to_numpy(dtype=np.float32).T, axis=1)
    rows = []
    for name, expected, actual, edges in zip(
        reference.features, reference.sorted_values, values, reference.edges, strict=True
    ):
        p_ref, p_cur = bin_shares(expected, edges), bin_shares(actual, edges)
        psi = float(np.sum((p_cur - p_ref) * np.log(p_cur / p_ref)))
        # The asymptotic p-value is exact enough at monitoring sizes and stays fast.
        ks = stats.ks_2samp(expected, actual, method="asymp")
        rows.append((name, psi, float(ks.statistic), float(ks.pvalue)))
    report = pd.DataFrame(rows, columns=["feature", "psi", "ks_statistic", "ks_p_value"])
    significant_ks = (report["ks_statistic"] >= thresholds.ks_statistic) & (
        report["ks_p_value"] < thresholds.ks_p_value
    )
    report["drifted"] = (report["psi"] >= thresholds.psi) | significant_ks
    return report


def drift_alerts(report: pd.DataFrame) -> list[Alert]:
    """One warning per drifted feature, with the numbers that tripped it."""
    return [
        Alert(
            monitor="feature_drift",
            severity="warning",
            message=f"Feature {row.feature!r} drifted from the training reference",
            details={"psi": row.psi, "ks_statistic": row.ks_statistic, "ks_p": row.ks_p_value},
        )
        for row in report[report["drifted"]].itertuples()
    ]
