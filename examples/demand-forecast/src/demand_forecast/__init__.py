"""Daily unit-sales forecast per store."""
