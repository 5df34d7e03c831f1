"""Checks of the monitoring area."""

from .registry import check  # noqa: F401
