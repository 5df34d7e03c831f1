"""Daily unit-sales forecast per store: training, evaluation gate, serving and monitoring."""

__version__ = "1.3.0"
