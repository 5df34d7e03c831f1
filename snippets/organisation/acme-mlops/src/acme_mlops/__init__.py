"""ACME Retail's MLOps standards: the overlay that tailors them, and the checks it adds."""

from pathlib import Path

OVERLAY = Path(__file__).with_name("standards.yaml")
"""Found by mlops-standards through the `mlops_standards.overlay` entry point."""
