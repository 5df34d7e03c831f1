"""The retraining strategy written as code: when to retrain, on which window, who approves."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class RetrainingPolicy:
    """The decisions a retraining strategy has to make, in one reviewed place."""

    every_days: int = 28
    """Scheduled retraining interval: demand shifts with seasons and assortments."""
    window_days: int = 365
    """Training window: a full year, so every season is in the data."""
    drift_p_value: float = 0.01
    """A drift test below this p-value triggers retraining before the schedule does."""
    approver: str = "product owner demand forecasting"
    """Who approves promoting the retrained model to champion."""


def retraining_reason(
    policy: RetrainingPolicy, last_trained: date, today: date, drift_p_value: float | None = None
) -> str | None:
    """Why the model should be retrained today, or None when it should not.

    Args:
        policy: the agreed strategy.
        last_trained: the date of the champion's training run.
        today: the date of the check (the scheduler's run date).
        drift_p_value: the smallest p-value of today's drift tests, if they ran.

    Returns:
        A reason for the retraining run's description, or None.
    """
    if drift_p_value is not None and drift_p_value < policy.drift_p_value:
        return f"drift: p={drift_p_value:.3g} < {policy.drift_p_value}"
    if (today - last_trained).days >= policy.every_days:
        return f"schedule: last trained {last_trained.isoformat()}"
    return None


def training_window(policy: RetrainingPolicy, today: date) -> tuple[date, date]:
    """The first and last day of data a retraining run on `today` uses (yesterday inclusive)."""
    end = today - timedelta(days=1)
    return end - timedelta(days=policy.window_days - 1), end
