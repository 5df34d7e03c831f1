"""Sticky A/B assignment: customer ID and experiment salt decide the variant, nothing else."""

import hashlib
from dataclasses import dataclass


def bucket(customer_id: str, salt: str) -> float:
    """A point in [0, 1) that depends only on the customer and the experiment's salt.

    SHA-256, not Python's `hash()`: that one is salted per process (PYTHONHASHSEED), so the
    same customer would land in another arm after every restart.
    """
    digest = hashlib.sha256(f"{salt}:{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass(frozen=True)
class Experiment:
    """An A/B test: which model versions compete, and what share of customers each gets."""

    name: str
    """Human name, e.g. "forecast-v7-vs-v6"."""
    salt: str
    """Unique per experiment, so that the arms of one test are independent of the last one's."""
    variants: dict[str, float]
    """Variant (here: the model alias it serves) -> share of customers; shares sum to 1."""

    def __post_init__(self) -> None:
        if abs(sum(self.variants.values()) - 1) > 1e-9 or min(self.variants.values()) <= 0:
            raise ValueError(f"{self.name}: shares must be positive and sum to 1")

    def assign(self, customer_id: str) -> str:
        """The variant this customer sees, the same on every call, host and process."""
        point, cumulative = bucket(customer_id, self.salt), 0.0
        *leading, last = self.variants
        for variant in leading:
            cumulative += self.variants[variant]
            if point < cumulative:
                return variant
        # The last arm takes the rest of [0, 1), so float rounding cannot leave a gap.
        return last
