"""What every renderer says, worded once: statuses, levels, the profile, evidence lines.

The report leads with the level and how the product reaches production, the evidence that
places it there, what the standards still miss at or below that level, then what stands
between it and the next level. "Looked for" lines name the tools recognised for a practice,
from tools.yaml.
"""

from __future__ import annotations

from mlops_standards.assess import Assessment, Result, Status
from mlops_standards.checks.outcome import Evidence

SYMBOLS = {
    Status.PASSED: "✔",
    Status.FAILED: "✘",
    Status.ERROR: "!",
    Status.SKIPPED: "»",
    Status.TO_CONFIRM: "?",
    Status.ATTESTED: "✔",
    Status.WAIVED: "~",
    Status.NOT_APPLICABLE: "·",
    Status.RETIRED: "-",
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
    Status.RETIRED: "retired",
}
TOOLS_SHOWN = 6


def level_name(assessment: Assessment, level: int) -> str:
    return assessment.catalog.levels[level].name


def headline(assessment: Assessment) -> str:
    """`Level 2 · Automated training`."""
    return f"Level {assessment.level} · {assessment.level_name}"


def certified_line(assessment: Assessment) -> str:
    """The strict checklist level, and how many manual requirements wait for a person."""
    waiting = len(assessment.to_confirm)
    line = (
        f"certified level {assessment.certified_level}: "
        "every requirement up to it met, attested or waived"
    )
    return line + (f"; {waiting} to confirm by hand" if waiting else "")


def status_label(result: Result) -> str:
    """`failed`, or `failed · preview, counts from 2027-03-01` for a preview."""
    label = LABELS[result.status]
    if result.counts_from is not None:
        label += f" · preview, counts from {result.counts_from.isoformat()}"
    return label


def standards_line(assessment: Assessment) -> str:
    """`standards v1.1.0`, with the organisation overlay they were tailored with, if any."""
    catalog = assessment.catalog
    tailored = f" tailored by {catalog.tailored_by}" if catalog.tailored_by else ""
    return f"standards v{catalog.version}{tailored}"


def previews_line(assessment: Assessment) -> str:
    count = len(assessment.previews)
    return (
        f"Previews, reported but not counted yet: {count} "
        f"(each counts from its date; meet it before then)."
    )


def profile_line(assessment: Assessment) -> str:
    """`batch (inferred: src/score.py scores a batch and writes the predictions)`."""
    profile = assessment.profile
    if profile.source == "config":
        return f"{profile.name} (configured)"
    if profile.source == "inferred":
        why = "; ".join(f"{e.where}: {e.detail}" for e in profile.evidence)
        return f"{profile.name} (inferred: {why}; set profile to change)"
    return (
        "unknown (nothing shows how the model is served; "
        "set profile to assess batch or real-time requirements)"
    )


def looked_for(evidence: Evidence, assessment: Assessment) -> str:
    """What a failed check searched for, with the tools it recognises for those practices."""
    tools = assessment.catalog.tools
    labels = list(dict.fromkeys(label for p in evidence.looked_for for label in tools.labels(p)))
    shown = ", ".join(labels[:TOOLS_SHOWN]) + (
        f" and {len(labels) - TOOLS_SHOWN} more" if len(labels) > TOOLS_SHOWN else ""
    )
    text = evidence.detail or "looked for " + ", ".join(
        tools.practices.get(p, p) for p in evidence.looked_for
    )
    where = "" if evidence.path in (".", "") else f" in {evidence.path}"
    return f"{text}{where}" + (f" (recognised: {shown})" if shown else "")


def evidence_line(evidence: Evidence, assessment: Assessment) -> str:
    if evidence.looked_for or (evidence.line is None and evidence.detail.startswith("looked for")):
        return looked_for(evidence, assessment)
    return str(evidence)


def detail(result: Result, assessment: Assessment | None = None, limit: int = 3) -> str:
    """The most useful single line about a result: the evidence, or the reason."""
    if result.status is Status.TO_CONFIRM:
        return f"a person points to: {result.message}"
    if result.message and result.status is not Status.ERROR:
        return result.message
    parts = [
        evidence_line(e, assessment) if assessment else str(e) for e in result.evidence[:limit]
    ]
    if len(result.evidence) > limit:
        parts.append(f"+{len(result.evidence) - limit} more")
    text = "; ".join(parts)
    if result.status is Status.ERROR:
        return f"{result.message}" + (f" ({text})" if text else "")
    return text


def next_level_line(assessment: Assessment) -> str:
    """What the next level needs, in one sentence."""
    if assessment.next_level is None:
        return "This is the top level; the checklist below keeps it."
    target = assessment.next_level
    count = len(assessment.blocking)
    return (
        f"Next: level {target} · {level_name(assessment, target)}: "
        f"{count} requirement{'s' if count != 1 else ''} to meet."
    )


def gaps_line(assessment: Assessment) -> str | None:
    """What the production checklist still misses at or below the level; None at level 0,
    where everything to do is what the next level needs."""
    if assessment.level == 0:
        return None
    count = len(assessment.gaps)
    if not count:
        return f"Nothing the standards ask at level {assessment.level} or below is missing."
    return (
        f"Still missing at level {assessment.level} or below (the production checklist): {count}."
    )


def monorepo_line(assessment: Assessment) -> str | None:
    """`project mlops/, one of 2 in this repository (llmops/, mlops/)`, for a monorepo."""
    if not assessment.projects:
        return None
    return (
        f"project {assessment.project}, one of {len(assessment.projects)} in this monorepo "
        f"({', '.join(assessment.projects)})"
    )
