"""Checks of the documentation area."""

from .registry import check  # noqa: F401
