"""One shape for every alert the monitors raise, sent as a structured log record."""

import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ALERT_LOGGER = logging.getLogger("monitoring.alerts")


@dataclass(frozen=True)
class Alert:
    """Something a person must look at, raised by one monitor."""

    monitor: str
    """Which monitor raised it, e.g. `feature_drift` or `batch_delivery`."""
    severity: Literal["warning", "critical"]
    """`critical` pages someone; `warning` waits for the morning review."""
    message: str
    """One line a person understands without opening the details."""
    details: dict[str, Any] = field(default_factory=dict)
    """The numbers behind the message, for the alert channel and the report."""


def emit(alerts: list[Alert], logger: logging.Logger = ALERT_LOGGER) -> None:
    """Log each alert as one JSON record; a log-based alert rule routes it to the on-call channel.

    Args:
        alerts: The alerts to send; an empty list sends nothing.
        logger: Where the records go; the default is the `monitoring.alerts` logger.
    """
    for alert in alerts:
        level = logging.ERROR if alert.severity == "critical" else logging.WARNING
        logger.log(level, json.dumps(asdict(alert), default=str, sort_keys=True))
