"""The vocabulary the checks judge text and values by (`markers.yaml`), compiled once."""

from __future__ import annotations

import fnmatch
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WORD = re.compile(r"[a-z0-9][a-z0-9'_-]*")
MARKUP = re.compile(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|[*_#>|:\-=~]+|<[^>]*>")
CAMEL = re.compile(r"([a-z0-9])([A-Z])")
LEADING_WORDS = frozenset({"the", "our", "a", "an", "this", "project", "product", "model", "your"})
HEADING_NOISE = re.compile(r"\([^)]*\)|\]\([^)]*\)|[^\w\s'/-]")
FIELDS = (
    "placeholders",
    "sections",
    "random_sources",
    "ml_words",
    "delivery",
    "gate",
    "environments",
    "deployment_files",
    "prediction_calls",
    "ab_assignment",
)


class MarkersError(Exception):
    """markers.yaml is malformed."""


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    escaped = sorted((re.escape(p.lower()) for p in phrases), key=len, reverse=True)
    # A hyphen joins words: `team-level` is not the word `team`.
    return re.compile(r"(?<![a-z0-9-])(?:" + "|".join(escaped) + r")(?![a-z0-9-])")


@dataclass(frozen=True)
class Markers:
    """Placeholder phrases, section vocabularies, random sources and ML step words."""

    placeholders: tuple[str, ...]
    sections: dict[str, dict[str, tuple[str, ...]]]
    random_sources: tuple[str, ...]
    ml_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    delivery: tuple[str, ...] = ()
    gate: dict[str, tuple[str, ...]] = field(default_factory=dict)
    environments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    deployment_files: tuple[str, ...] = ()
    prediction_calls: tuple[str, ...] = ()
    """Call names that make predictions (`predict`, `predict_proba`, `score_batch`...)."""
    ab_assignment: tuple[str, ...] = ()

    def names_any(self, names: Iterable[str], vocabulary: Iterable[str]) -> bool:
        """Whether any of `names` (identifiers, strings) has a word of `vocabulary`."""
        wanted = set(vocabulary)
        return any(
            set(re.split(r"[^a-z0-9]+", CAMEL.sub(r"\1 \2", n).lower())) & wanted for n in names
        )

    @cached_property
    def _environment_names(self) -> dict[str, str]:
        return {word: name for name, words in self.environments.items() for word in words}

    def environment(self, word: str) -> str | None:
        """The environment a word names (`uat` -> `acc`), or None."""
        return self._environment_names.get(word.lower())

    def environment_words(self, text: str) -> list[str]:
        """The words of a name or path that name an environment (`deploy_to_qa` -> `qa`)."""
        words = re.split(r"[^a-z0-9]+", CAMEL.sub(r"\1 \2", text).lower())
        joined = [f"{a}-{b}" for a, b in itertools.pairwise(words)]
        return [w for w in (*words, *joined) if w in self._environment_names]

    def deployment_file(self, path: str) -> bool:
        """Whether a path configures a deployment (a values file, a tfvars, an overlay...)."""
        parts = re.split(r"[/._-]+", path.lower())
        is_config = path.lower().endswith(
            (".yml", ".yaml", ".json", ".tfvars", ".tf", ".bicepparam", ".env", ".toml", ".hcl")
        )
        return is_config and bool(set(parts) & set(self.deployment_files))

    def _names(self, words: tuple[str, ...] | list[str], kind: str) -> bool:
        vocabulary = set(self.gate.get(kind, ()))
        for word in words:
            parts = set(re.split(r"[^a-z0-9]+", CAMEL.sub(r"\1 \2", str(word)).lower()))
            if parts & vocabulary:
                return True
        return False

    def compares_models(self, words: tuple[str, ...] | list[str]) -> bool:
        """Whether compared names are a metric of a candidate against the current model's."""
        return self._names(words, "metrics") and self._names(words, "incumbent")

    @cached_property
    def _placeholder(self) -> re.Pattern[str]:
        return _phrase_pattern(list(self.placeholders))

    @cached_property
    def _headings(self) -> dict[str, re.Pattern[str]]:
        return {
            k: _phrase_pattern(list(v.get("headings", ())))
            for k, v in self.sections.items()
            if v.get("headings")
        }

    @cached_property
    def _texts(self) -> dict[str, re.Pattern[str]]:
        return {
            k: _phrase_pattern(list(v["text"])) for k, v in self.sections.items() if v.get("text")
        }

    def substance(self, text: str) -> list[str]:
        """The words of `text` that are content: markup and placeholder phrases removed."""
        lowered = MARKUP.sub(" ", text.lower())
        return WORD.findall(self._placeholder.sub(" ", lowered))

    def is_placeholder(self, text: str, minimum: int = 3) -> bool:
        """Whether `text` says less than `minimum` words once placeholders are taken out."""
        return len(self.substance(text)) < minimum

    def heading_is(self, kind: str, heading: str, max_words: int = 6) -> bool:
        """Whether a heading names a section of `kind` (`goal`, `team`, `usage`...).

        The heading must be about it: the phrase opens or closes a short heading (asides in
        brackets, links, emoji and a leading "the", "our", "project" left out), or the heading
        is three words or fewer. "AWS account, team, and project configuration" is not a
        team section; "Project team" and "Team and contacts" are.
        """
        pattern = self._headings.get(kind)
        if pattern is None:
            return False
        words = HEADING_NOISE.sub(" ", heading.lower()).split()
        if not words or len(words) > max_words:
            return False
        stripped = list(words)
        while stripped and stripped[0] in LEADING_WORDS:
            stripped = stripped[1:]
        # "Model features" is a phrase of its own; "Our team" is "team" after its leading word.
        for candidate in (words, stripped):
            cleaned = " ".join(candidate)
            match = pattern.search(cleaned)
            if match and (len(candidate) <= 3 or match.start() == 0 or match.end() == len(cleaned)):
                return True
        return False

    def text_mentions(self, kind: str, text: str) -> bool:
        pattern = self._texts.get(kind)
        return bool(pattern and pattern.search(text.lower()))

    @cached_property
    def random_leaves(self) -> tuple[str, ...]:
        """Text a module must contain to draw a random value (`randint(`, `random.`...)."""
        found = set()
        for pattern in self.random_sources:
            if pattern.endswith("*"):
                found.add(
                    pattern.rstrip("*").split(".", 1)[-1]
                    if pattern.count(".") > 1
                    else pattern.rstrip("*")
                )
            else:
                found.add(pattern.rsplit(".", 1)[-1] + "(")
        return tuple(sorted(w for w in found if w))

    def section_words(self, kind: str) -> tuple[str, ...]:
        """Phrases one of which a page must contain to hold a section of `kind`: the cheap
        filter before a page is parsed."""
        spec = self.sections.get(kind, {})
        return tuple(
            sorted({p.lower() for p in (*spec.get("headings", ()), *spec.get("text", ()))})
        )

    def is_random(self, source: str) -> bool:
        """Whether a value comes from a random source (`random.random()`, `numpy.random.rand()`)."""
        name = source.removesuffix("()")
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in self.random_sources)

    @cached_property
    def _step_words(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.ml_words.items()}

    def steps_named(self, name: str) -> set[str]:
        """The ML steps (`data`, `training`, `serving`) a name's words point to.

        Words are split on case and punctuation: `TrainingJob`, `train_model` and
        `load-features` all name their step.
        """
        spaced = CAMEL.sub(r"\1 \2", name)
        words = set(re.split(r"[^a-z0-9]+", spaced.lower()))
        return {step for step, vocabulary in self._step_words.items() if words & vocabulary}


def parse_markers(data: Any) -> Markers:
    if not isinstance(data, dict) or set(data) - set(FIELDS):
        raise MarkersError(f"markers.yaml: must be a mapping of {', '.join(FIELDS)}")
    sections = {}
    for kind, spec in (data.get("sections") or {}).items():
        if not isinstance(spec, dict) or (not spec.get("headings") and not spec.get("text")):
            raise MarkersError(f"markers.yaml: sections.{kind}: needs headings or text")
        sections[kind] = {k: tuple(str(w) for w in v) for k, v in spec.items()}
    words = {k: tuple(str(w) for w in v) for k, v in (data.get("ml_words") or {}).items()}
    return Markers(
        tuple(str(p) for p in data.get("placeholders") or ()),
        sections,
        tuple(str(r) for r in data.get("random_sources") or ()),
        words,
        tuple(str(d) for d in data.get("delivery") or ()),
        {k: tuple(str(w) for w in v) for k, v in (data.get("gate") or {}).items()},
        {k: tuple(str(w) for w in v) for k, v in (data.get("environments") or {}).items()},
        tuple(str(d) for d in data.get("deployment_files") or ()),
        tuple(str(c) for c in data.get("prediction_calls") or ()),
        tuple(str(a) for a in data.get("ab_assignment") or ()),
    )


def load_markers(path: str | Path) -> Markers:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        raise MarkersError(f"markers.yaml: cannot be read: {error}") from None
    return parse_markers(data)
