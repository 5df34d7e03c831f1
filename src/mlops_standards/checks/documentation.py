"""Checks of the documentation area: written sections with substance, schemas, contracts, cards."""

from __future__ import annotations

from collections.abc import Callable

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.markdown import Document
from mlops_standards.scan.python import Module
from mlops_standards.scan.recognise import Sighting
from mlops_standards.scan.repository import Parsed

from .judge import (
    content,
    first_per_path,
    is_project_document,
    looked,
    sections_titled,
    seen,
    substantive,
    verdict,
)
from .outcome import Evidence, Outcome, errored, failed, passed
from .registry import check

Documents = Callable[..., list[Document]]
Sightings = Callable[[str], list[Sighting]]


def _project_documents(
    documents: Documents, template_roots: tuple[str, ...], *words: str
) -> list[Document]:
    return [d for d in documents(*words) if is_project_document(d.path, template_roots)]


@check("DOC-001")
def business_goal_documented(
    documents: Documents, template_roots: tuple[str, ...], markers: Markers
) -> Outcome:
    pages = _project_documents(
        documents, template_roots, *markers.section_words("goal"), *markers.section_words("kpi")
    )
    goals = [(d, s, content(d, s)) for d, s in sections_titled(pages, markers, "goal")]
    goals = [(d, s, text) for d, s, text in goals if substantive(markers, text, 8)]
    found = [
        Evidence(d.path, s.line, f"goal and KPIs: {s.heading}")
        for d, s, text in goals
        if markers.text_mentions("goal", text)
    ]
    if goals:  # a goal written down, and the KPIs in a section of their own
        found += [
            Evidence(d.path, s.line, f"KPIs: {s.heading}")
            for d, s in sections_titled(pages, markers, "kpi")
            if substantive(markers, content(d, s), 5)
        ]
    return verdict(
        found, looked("README and docs", detail="a business goal section that names its KPIs")
    )


@check("DOC-002")
def team_documented(
    named: Callable[..., list[str]],
    file_text: Callable[[str], str | None],
    documents: Documents,
    template_roots: tuple[str, ...],
    markers: Markers,
) -> Outcome:
    found = []
    for path in named("CODEOWNERS", "MAINTAINERS", "MAINTAINERS.md", "OWNERS"):
        text = file_text(path) or ""
        rules = [
            n
            for n, line in enumerate(text.splitlines(), 1)
            if line.strip()
            and not line.lstrip().startswith("#")
            and ("@" in line or path.endswith(".md"))
        ]
        if rules:
            found.append(Evidence(path, rules[0], "owners file"))
    pages = _project_documents(documents, template_roots, *markers.section_words("team"))
    found += [
        Evidence(d.path, s.line, f"section: {s.heading}")
        for d, s in sections_titled(pages, markers, "team")
        if substantive(markers, content(d, s))
    ]
    return verdict(
        found, looked("CODEOWNERS, README and docs", detail="owners, the team or contacts")
    )


def _feature_classes(modules: list[Module], serving: bool) -> list[Evidence]:
    """Typed payloads that list the model's inputs: pydantic models of three fields or more.

    Settings and configuration classes are typed too, but they describe the service, not the
    features; a payload counts where the product serves requests or names it as a schema.
    """
    found = []
    for module in modules:
        if not module.mentions("BaseModel"):
            continue
        for cls in module.records.classes:
            if not any(b.endswith("BaseModel") for b in cls.bases) or cls.fields < 3:
                continue
            if cls.name.endswith(("Settings", "Config", "Configuration", "Options", "Params")):
                continue
            words = cls.name.lower()
            if serving or any(
                w in words
                for w in ("feature", "payload", "input", "request", "record", "schema", "row")
            ):
                found.append(Evidence(module.path, cls.line, f"typed payload {cls.name}"))
    return found


@check("DOC-005")
def features_defined(
    sightings: Sightings,
    source_modules: list[Module],
    documents: Documents,
    template_roots: tuple[str, ...],
    markers: Markers,
) -> Outcome:
    found = [seen(s) for s in sightings("data-schema") if not s.path.startswith("tests/")]
    serving = bool(sightings("http-serving"))
    found += _feature_classes(source_modules, serving)
    pages = _project_documents(documents, template_roots, *markers.section_words("features"))
    for document, section in sections_titled(pages, markers, "features", max_words=8):
        under = document.under(section)
        entries = sum(1 for s in under for block in s.blocks if block in ("list", "table"))
        if entries and substantive(markers, content(document, section), 10):
            found.append(
                Evidence(document.path, section.line, f"feature dictionary: {section.heading}")
            )
    return verdict(
        first_per_path(found),
        looked(
            "code and docs", "data-schema", detail="a data schema in code or a feature dictionary"
        ),
    )


ROUTE_DECORATORS = ("get", "post", "put", "patch", "delete", "api_route", "route", "websocket")


@check("DOC-007")
def api_specified(sightings: Sightings, module_index: dict[str, Module]) -> Outcome:
    found = [seen(s) for s in sightings("api-schema")]
    # Routes whose request or response is a typed model (FastAPI reads the annotations).
    models = {
        f"{m.path}:{c.name}"
        for m in module_index.values()
        if m.mentions("BaseModel")
        for c in m.records.classes
        if any(b.endswith("BaseModel") for b in c.bases)
    }
    names = {key.rsplit(":", 1)[1] for key in models}
    for path in sorted({s.path for s in sightings("http-serving")}):
        module = module_index.get(path)
        for function in module.records.functions if module is not None else ():
            routed = any(d.rsplit(".", 1)[-1] in ROUTE_DECORATORS for d in function.decorators)
            typed = [a for a in function.annotations if a.rsplit(".", 1)[-1] in names]
            if routed and typed:
                found.append(
                    Evidence(
                        path,
                        function.line,
                        f"route {function.name} typed with {typed[0].rsplit('.', 1)[-1]}",
                    )
                )
    return verdict(
        first_per_path(found),
        looked(
            "serving code",
            "api-schema",
            detail="an OpenAPI document or typed request and response models",
        ),
    )


@check("DOC-008")
def architecture_documented(
    sightings: Sightings,
    documents: Documents,
    template_roots: tuple[str, ...],
    markers: Markers,
    file_size: Callable[[str], int],
) -> Outcome:
    found = [seen(s) for s in sightings("architecture-docs") if file_size(s.path) > 0]
    pages = _project_documents(documents, template_roots, *markers.section_words("architecture"))
    for document, section in sections_titled(pages, markers, "architecture"):
        under = document.under(section)
        pictures = sum(s.images for s in under)
        if pictures or substantive(markers, content(document, section), 15):
            found.append(Evidence(document.path, section.line, f"section: {section.heading}"))
    # A section under any heading that shows the moving parts in a picture and says so.
    for document in pages:
        for section in document.sections:
            if (
                section.images
                and markers.text_mentions("architecture", section.text)
                and substantive(markers, section.text, 8)
            ):
                found.append(
                    Evidence(
                        document.path,
                        section.line or 1,
                        f"diagram and overview: {section.heading or 'introduction'}",
                    )
                )
    return verdict(
        first_per_path(found),
        looked(
            "docs",
            "architecture-docs",
            detail="an architecture page, diagram source or decision records",
        ),
    )


@check("DOC-009")
def readme_explains_project(
    readme: Parsed[Document] | None,
    documents: Documents,
    template_roots: tuple[str, ...],
    markers: Markers,
) -> Outcome:
    if readme is None:
        return failed(looked(".", detail="a README at the repository root"))
    if not readme.ok or readme.value is None:
        message = str(readme.error) if readme.error else f"{readme.path}: cannot be read"
        return errored(message, Evidence(readme.path))
    document = readme.value
    description = next(
        (
            s
            for s in document.sections
            if "paragraph" in s.blocks and substantive(markers, s.text, 8)
        ),
        None,
    )
    # The rendered project's own README, in a template repository, tells how to run it.
    readmes = [document] + [
        d for d in documents("readme") if any(d.path == f"{r}README.md" for r in template_roots)
    ]
    usage = [
        (d, s)
        for d, s in sections_titled(readmes, markers, "usage")
        if substantive(markers, content(d, s), 3)
    ]
    if description and usage:
        return passed(
            Evidence(document.path, description.line or 1, "description"),
            Evidence(usage[0][0].path, usage[0][1].line, f"usage: {usage[0][1].heading}"),
        )
    missing = "a description" if not description else "a set-up or usage section"
    return failed(Evidence(document.path, None, f"looked for {missing}"))


MODEL_CARD_SECTIONS = 2


@check("DOC-010")
def model_card_exists(sightings: Sightings, documents: Documents, markers: Markers) -> Outcome:
    found = []
    cards = {d.path: d for d in documents(*markers.section_words("model_card"))}
    for sighting in sightings("model-card"):
        if sighting.kind != "file":
            found.append(seen(sighting))
            continue
        card = cards.get(sighting.path)
        sections = sections_titled([card], markers, "model_card") if card else []
        filled = [s for d, s in sections if substantive(markers, content(d, s), 5)]
        if len(filled) >= MODEL_CARD_SECTIONS:
            found.append(
                Evidence(sighting.path, None, f"model card ({len(filled)} filled sections)")
            )
    return verdict(
        found,
        looked(
            ".", "model-card", detail="a model card with intended use, data, metrics and limits"
        ),
    )
