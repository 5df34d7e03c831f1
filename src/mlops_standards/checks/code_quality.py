"""Checks of the code_quality area."""

from .registry import check  # noqa: F401
