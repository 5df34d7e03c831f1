"""Static checks, one module per area, registered by requirement ID.

Importing this package registers every check in `REGISTRY`.
"""

from . import code_quality, documentation, monitoring, traceability  # noqa: F401  (registers)
from .outcome import Evidence, Outcome, errored, failed, passed
from .registry import REGISTRY, Check, check, run

__all__ = [
    "REGISTRY",
    "Check",
    "Evidence",
    "Outcome",
    "check",
    "errored",
    "failed",
    "passed",
    "run",
]
