"""Shared wording of statuses and levels for every renderer."""

from __future__ import annotations

from mlops_standards.assess import Assessment, Result, Status

SYMBOLS = {
    Status.PASSED: "✔",
    Status.FAILED: "✘",
    Status.ERROR: "!",
    Status.SKIPPED: "»",
    Status.TO_CONFIRM: "?",
    Status.ATTESTED: "✔",
    Status.WAIVED: "~",
    Status.NOT_APPLICABLE: "·",
}
LABELS = {
    Status.PASSED: "passed",
    Status.FAILED: "failed",
    Status.ERROR: "error",
    Status.SKIPPED: "skipped",
    Status.TO_CONFIRM: "to confirm",
    Status.ATTESTED: "attested",
    Status.WAIVED: "waived",
    Status.NOT_APPLICABLE: "not applicable",
}


def level_name(assessment: Assessment, level: int) -> str:
    return assessment.catalog.levels[level].name


def headline(assessment: Assessment) -> str:
    """`Level 2 · Automated training`."""
    return f"Level {assessment.level} · {level_name(assessment, assessment.level)}"


def next_level_line(assessment: Assessment) -> str:
    """What the next level needs, in one sentence."""
    if assessment.level >= 4:
        return "Every requirement of every level is met."
    target = assessment.level + 1
    count = len(assessment.blocking)
    return (
        f"{count} requirement{'s' if count != 1 else ''} stand{'s' if count == 1 else ''} "
        f"between this project and level {target} ({level_name(assessment, target)})."
    )


def detail(result: Result) -> str:
    """The most useful single line about a result: the evidence, or the reason."""
    if result.message:
        return result.message
    if result.evidence:
        prefix = "" if result.status is Status.PASSED else "looked at "
        return (
            prefix
            + "; ".join(str(e) for e in result.evidence[:3])
            + (f"; +{len(result.evidence) - 3} more" if len(result.evidence) > 3 else "")
        )
    return ""
