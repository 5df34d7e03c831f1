import datetime as dt

from demand_forecast.cost import Resource, budget_alerts, monthly_estimate

FORECAST_PRODUCT = [
    Resource("serving: 2 containers, 2 vCPU each", hourly_rate=0.10, hours_per_month=730),
    Resource("nightly batch scoring", hourly_rate=0.50, hours_per_month=30),
    Resource("weekly retraining", hourly_rate=1.20, hours_per_month=8),
]


def test_the_estimate_adds_up_every_resource():
    assert monthly_estimate(FORECAST_PRODUCT) == 73.0 + 15.0 + 9.6


def test_spend_on_course_raises_nothing():
    assert budget_alerts(spent=45.0, today=dt.date(2025, 6, 15), budget=100.0) == []


def test_spend_projected_over_budget_warns_early():
    [alert] = budget_alerts(spent=60.0, today=dt.date(2025, 6, 15), budget=100.0)
    assert alert.severity == "warning"
    assert alert.details["projected"] == 120.0


def test_spend_over_budget_is_critical():
    [alert] = budget_alerts(spent=101.0, today=dt.date(2025, 2, 27), budget=100.0)
    assert alert.severity == "critical"
