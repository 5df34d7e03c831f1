"""CI and CD pipelines read into one model, whatever the system."""

from .model import (
    AUTOMATIC,
    CALLED,
    EVENT,
    MANUAL,
    PULL_REQUEST,
    PUSH_DEFAULT,
    PUSH_OTHER,
    SCHEDULE,
    TAG,
    TRIGGERS,
    Job,
    Pipeline,
    Step,
    substitute,
)

__all__ = [
    "AUTOMATIC",
    "CALLED",
    "EVENT",
    "MANUAL",
    "PULL_REQUEST",
    "PUSH_DEFAULT",
    "PUSH_OTHER",
    "SCHEDULE",
    "TAG",
    "TRIGGERS",
    "Job",
    "Pipeline",
    "Step",
    "substitute",
]
