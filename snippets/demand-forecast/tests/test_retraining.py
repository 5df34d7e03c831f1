from datetime import date

from demand_forecast.retraining import (
    RetrainingPolicy,
    retraining_reason,
    training_window,
)

POLICY = RetrainingPolicy(every_days=28, window_days=365, drift_p_value=0.01)


def test_no_retraining_inside_the_interval_without_drift():
    assert retraining_reason(POLICY, date(2026, 3, 1), date(2026, 3, 28), drift_p_value=0.4) is None
    assert retraining_reason(POLICY, date(2026, 3, 1), date(2026, 3, 28)) is None


def test_the_schedule_triggers_after_the_interval():
    reason = retraining_reason(POLICY, date(2026, 3, 1), date(2026, 3, 29))
    assert reason == "schedule: last trained 2026-03-01"


def test_drift_triggers_before_the_schedule():
    reason = retraining_reason(POLICY, date(2026, 3, 1), date(2026, 3, 2), drift_p_value=0.001)
    assert reason is not None and reason.startswith("drift:")


def test_the_window_is_a_full_year_up_to_yesterday():
    start, end = training_window(POLICY, date(2026, 3, 29))
    assert end == date(2026, 3, 28)
    assert (end - start).days + 1 == 365


def test_the_defaults_are_a_complete_strategy():
    policy = RetrainingPolicy()
    assert policy.every_days > 0 and policy.window_days >= 365 and policy.approver
