"""Judgements several checks share: evidence from sightings, project documents, real values.

No prose lives here beyond a few words of `detail`; what a requirement means is the
catalog's, which tools show a practice is tools.yaml's, which words mark a placeholder or a
kind of section is markers.yaml's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.markdown import Document, Section
from mlops_standards.scan.python import Call, Module, Source
from mlops_standards.scan.recognise import Sighting

from .outcome import Evidence, Outcome, failed, passed

# Folders whose pages are project documentation rather than a book or course, and how deep.
DOC_FOLDERS = ("docs/", "doc/", "documentation/", "wiki/")
DOC_DEPTH = 2
HIDDEN = (".github/", ".gitlab/", ".gemini/", ".claude/", ".vscode/", ".idea/", ".cursor/")
# Community files every repository of an organisation carries: about the host, not the product.
BOILERPLATE = ("license", "code_of_conduct", "security", "support", "contributing", "changelog")


def seen(sighting: Sighting, detail: str | None = None) -> Evidence:
    """A sighting as evidence: where, and what was seen."""
    return Evidence(sighting.path, sighting.line, detail or f"{sighting.what} ({sighting.label})")


def looked(where: str, *practices: str, detail: str = "") -> Evidence:
    """Where a check searched and the practices it looked for, for a fail."""
    return Evidence(where, None, detail or "looked for " + ", ".join(practices), practices)


def verdict(found: Sequence[Evidence], *where: Evidence, limit: int = 5) -> Outcome:
    """Passed with the first few `found`, or failed with where the check looked."""
    return passed(*found[:limit]) if found else failed(*where)


def first_per_path(evidence: Iterable[Evidence], limit: int = 5) -> list[Evidence]:
    """At most one piece of evidence per file, the first `limit` files."""
    found: dict[str, Evidence] = {}
    for item in evidence:
        found.setdefault(item.path, item)
    return list(found.values())[:limit]


# -- documents -------------------------------------------------------------------------------------


def is_project_document(path: str, template_roots: Sequence[str] = ()) -> bool:
    """Whether a page documents this product: a README, a top-level page or a shallow docs page.

    A course's or a book's chapters (`docs/book/module-1/...`), agent skills in hidden
    folders and the community files every repository carries are not the product's own pages.
    """
    for root in template_roots:
        if path.startswith(root):
            path = path[len(root) :]
            break
    lowered = path.lower()
    name = lowered.rsplit("/", 1)[-1]
    if lowered.startswith(HIDDEN) or name.split(".")[0] in BOILERPLATE:
        return False
    if name.startswith("readme"):
        return lowered.count("/") <= 2
    if "/" not in lowered:
        return True
    for folder in DOC_FOLDERS:
        if lowered.startswith(folder):
            return lowered.count("/") <= DOC_DEPTH
    return False


def content(document: Document, section: Section) -> str:
    """The text of a section and of the deeper sections under it."""
    return "\n".join(s.text for s in document.under(section))


def sections_titled(
    documents: Iterable[Document], markers: Markers, kind: str, max_words: int = 6
) -> list[tuple[Document, Section]]:
    """Sections whose heading names `kind`: short headings only, so a sentence that happens
    to contain "team" is not a team section."""
    return [
        (document, section)
        for document in documents
        for section in document.sections
        if section.heading and markers.heading_is(kind, section.heading, max_words)
    ]


def substantive(markers: Markers, text: str, minimum: int = 3) -> bool:
    """Whether text says something: at least `minimum` words besides placeholders and markup."""
    return not markers.is_placeholder(text, minimum)


# -- values in code --------------------------------------------------------------------------------


def computed(value: Any, markers: Markers) -> bool:
    """Whether a value is computed at run time from something real (not a literal, not random)."""
    if isinstance(value, dict):
        return any(computed(v, markers) for v in value.values())
    if not isinstance(value, Source):
        return False
    return not markers.is_random(value) and value not in ("expression",)


def logged_items(call: Call) -> list[tuple[str, Any]]:
    """(key, value) pairs a tracker call logs: `set_tag(k, v)`, `log_params({k: v})`, `config=`."""
    items: list[tuple[str, Any]] = []
    if (
        len(call.args) >= 2
        and isinstance(call.args[0], str)
        and not isinstance(call.args[0], Source)
    ):
        items.append((call.args[0], call.args[1]))
    for value in (*call.args, *call.keywords.values()):
        if isinstance(value, dict):
            items += list(value.items())
    if "key" in call.keywords and "value" in call.keywords:
        items.append((str(call.keywords["key"]), call.keywords["value"]))
    return items


def random_value(value: Any, markers: Markers) -> bool:
    """Whether a logged value comes from a random source."""
    if isinstance(value, dict):
        return bool(value) and all(random_value(v, markers) for v in value.values())
    return isinstance(value, Source) and markers.is_random(value)


def modules_with(sightings: Iterable[Sighting]) -> set[str]:
    return {s.path for s in sightings}


def in_modules(sightings: Iterable[Sighting], paths: set[str]) -> list[Sighting]:
    return [s for s in sightings if s.path in paths]


def module_steps(module: Module, markers: Markers) -> set[str]:
    """The ML steps a module's path names (`data`, `training`, `serving`)."""
    return markers.steps_named(module.path.rsplit(".", 1)[0])


class Trainers:
    """Which modules train a model, decided module by module, when a check asks.

    A module trains when it makes a training call (`fit`, `Trainer().fit`, `lgb.train`),
    turns on autologging, or calls a function named for training alone (`train(...)`,
    `fit_model(...)`; `train_test_split` splits data). Deciding lazily keeps a check from
    parsing every module of a large repository to learn about the few it cares for.
    """

    def __init__(
        self,
        code_sightings: Callable[..., list[Sighting]],
        modules: dict[str, Module],
        markers: Markers,
    ) -> None:
        self._code_sightings = code_sightings
        self._modules = modules
        self._markers = markers
        self._known: dict[str, bool] = {}

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        if path not in self._known:
            self._known[path] = self._trains(path)
        return self._known[path]

    def _trains(self, path: str) -> bool:
        module = self._modules.get(path)
        if module is None:
            return False
        if self._code_sightings("training", [module]):
            return True
        if any("autolog" in s.what for s in self._code_sightings("model-logging", [module])):
            return True
        if not module.mentions("train", "fit"):
            return False
        return any(
            self._markers.steps_named(call.leaf) == {"training"} for call in module.records.calls
        )
