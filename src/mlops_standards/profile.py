"""How a product serves its model, inferred from the repository when the project does not say.

Serving code (a web service or model server, an online endpoint) makes it real-time; scoring
code that predicts and writes the results, a batch endpoint or a batch inference pipeline
makes it batch; both is possible. Notebooks are exploration and do not count. The project's
`profile` setting always wins, and the report says which it was and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlops_standards.checks.outcome import Evidence
from mlops_standards.config import ProjectConfig
from mlops_standards.scan.facts import Facts
from mlops_standards.scan.recognise import Sighting

BATCH, REAL_TIME = "batch", "real-time"


@dataclass(frozen=True)
class Profile:
    """The ways a product serves predictions, and where that was decided."""

    kinds: frozenset[str]
    """`batch`, `real-time`, both, or none when nothing shows how it serves."""
    source: str
    """`config` (the project said), `inferred` (from the evidence) or `unknown`."""
    evidence: tuple[Evidence, ...] = ()

    @property
    def name(self) -> str | None:
        """`batch`, `real-time`, `both`, or None."""
        if len(self.kinds) == 2:
            return "both"
        return next(iter(self.kinds), None)


def _any_scorer(s: Sighting) -> bool:
    """A `score.py` by its name alone: Azure ML's entry script, or any batch scorer."""
    return s.kind == "file" and s.tool == "azure-ml"


def _real_time(facts: Facts) -> list[Evidence]:
    found = []
    for s in facts.sightings("http-serving"):
        if (
            s.path.endswith(".ipynb")
            or s.path.startswith(("tests/", "test/"))
            or "/tests/" in s.path
        ):
            continue
        if _any_scorer(s):
            continue
        found.append(Evidence(s.path, s.line, f"serves requests: {s.what} ({s.label})"))
    found += [
        Evidence(s.path, s.line, f"online endpoint: {s.what}")
        for s in facts.sightings("deploy")
        if "online" in s.what
    ]
    return found


def _batch(facts: Facts) -> list[Evidence]:
    found = [
        Evidence(s.path, s.line, f"batch endpoint: {s.what}")
        for s in facts.sightings("deploy")
        if "batch" in s.what
    ]
    writers = {s.path for s in facts.sightings("batch-writing")}
    steps = {s.path for s in facts.sightings("pipeline-step")}
    web = {s.path for s in facts.sightings("http-serving") if not _any_scorer(s)}
    for module in facts.source_modules:
        if module.notebook or module.path in web:
            continue
        # Scoring code outside a web service that writes, runs as a step, or is named for it.
        named = "serving" in facts.markers.steps_named(module.path.rsplit(".", 1)[0])
        if not (module.path in writers or module.path in steps or named):
            continue
        if not module.mentions(*facts.markers.prediction_calls):
            continue
        predicts = [c for c in module.records.calls if c.leaf in facts.markers.prediction_calls]
        if predicts:
            found.append(
                Evidence(module.path, predicts[0].line, "scores a batch and writes the predictions")
            )
    return found


def profile(facts: Facts, config: ProjectConfig) -> Profile:
    """The project's profile: as configured, else as the repository shows it."""
    if config.profile is not None:
        kinds = (
            frozenset({BATCH, REAL_TIME})
            if config.profile == "both"
            else frozenset({config.profile})
        )
        return Profile(
            kinds, "config", (Evidence(config.source or ".", None, f"profile = {config.profile}"),)
        )
    real_time, batch = _real_time(facts), _batch(facts)
    kinds = frozenset(k for k, found in ((REAL_TIME, real_time), (BATCH, batch)) if found)
    evidence = (*real_time[:1], *batch[:1])
    return Profile(kinds, "inferred" if kinds else "unknown", evidence)
