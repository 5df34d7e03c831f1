"""Estimate what the product costs to run before go-live, and alert when a month overruns."""

import calendar
import datetime as dt
from dataclasses import dataclass

from demand_forecast.alerts import Alert


@dataclass(frozen=True)
class Resource:
    """One billed component, priced from the cloud provider's price list."""

    name: str
    """What it is, e.g. "serving: 2 x 2 vCPU containers"."""
    hourly_rate: float
    """Price per hour in euros."""
    hours_per_month: float
    """How long it runs: 730 for always-on, less for scheduled jobs."""


def monthly_estimate(resources: list[Resource]) -> float:
    """The estimated monthly cost in euros: the number to agree on before go-live."""
    return round(sum(r.hourly_rate * r.hours_per_month for r in resources), 2)


def budget_alerts(spent: float, today: dt.date, budget: float) -> list[Alert]:
    """Alert on the month's spend from the billing export, before the budget is gone.

    Args:
        spent: Cost so far this month, in euros, from the cloud billing export.
        today: The last day `spent` includes.
        budget: The agreed monthly budget, in euros.
    """
    days_in_month = calendar.monthrange(today.year, today.month)[1]
    projected = spent / today.day * days_in_month
    details = {"spent": spent, "projected": round(projected, 2), "budget": budget}
    if spent > budget:
        return [Alert("cost", "critical", "Monthly budget already exceeded", details)]
    if projected > budget:
        return [Alert("cost", "warning", "Spend is on course to exceed the budget", details)]
    return []
