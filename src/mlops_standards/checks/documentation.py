"""Checks of the documentation area."""

from __future__ import annotations

import re

from mlops_standards.scan.facts import Heading
from mlops_standards.scan.python import Module
from mlops_standards.scan.repository import Parsed

from .outcome import Evidence, Outcome, errored, failed, passed
from .registry import check
from .search import calls, importing, looked, named, titled, verdict
from .search import paths as matching

SCHEMA_PACKAGES = ("pandera", "great_expectations", "tensorflow_data_validation", "deepchecks")
SCHEMA_BASES = ("pydantic.BaseModel", "pandera.DataFrameModel", "pandera.SchemaModel")
SERVING_PACKAGES = ("fastapi", "flask", "starlette", "litestar", "bentoml", "ray.serve")
USAGE = re.compile(
    r"install|usage|getting started|get started|quick ?start|set[- ]?up|how to run|running|"
    r"\brun\b|develop",
    re.I,
)


@check("DOC-001")
def business_goal_documented(headings: list[Heading]) -> Outcome:
    found = titled(
        headings,
        r"business|goal|objective|\bkpis?\b|success (criteria|metric)|"
        r"problem statement|purpose",
        "section",
    )
    return verdict(found, looked("README and docs", "a business goal or KPI section"))


@check("DOC-002")
def team_documented(paths: list[str], headings: list[Heading]) -> Outcome:
    found = matching(paths, r"(^|/)(CODEOWNERS|MAINTAINERS[^/]*)$", "owners file")
    found += titled(
        headings,
        r"\bteam\b|owners?\b|maintainers?|contacts?\b|responsib|"
        r"\bauthors?\b|\bpeople\b|who to ask",
        "section",
    )
    return verdict(found, looked("CODEOWNERS, README and docs", "owners, team or contacts"))


@check("DOC-005")
def features_defined(
    source_modules: list[Module], paths: list[str], headings: list[Heading]
) -> Outcome:
    found = [
        Evidence(m.path, detail="data schema library")
        for m in importing(source_modules, *SCHEMA_PACKAGES)
    ]
    found += _classes(source_modules, SCHEMA_BASES, "schema class")
    found += matching(
        paths,
        r"(feature|data)[-_ ]?(dictionary|definitions?|schema|contract)|"
        r"datasheet",
        "feature dictionary",
    )
    found += titled(headings, r"(feature|data) (dictionary|definitions?)", "section")
    return verdict(
        found,
        looked(
            "code and docs",
            "pandera / Great Expectations / pydantic schemas or a feature dictionary",
        ),
    )


def _classes(modules: list[Module], bases: tuple[str, ...], detail: str) -> list[Evidence]:
    return [
        Evidence(m.path, line, f"{detail} {name}")
        for m in modules
        if m.mentions(*(b.rsplit(".", 1)[-1] for b in bases))
        for name, own_bases, line in m.classes
        if set(own_bases) & set(bases)
    ]


@check("DOC-007")
def api_specified(source_modules: list[Module], paths: list[str]) -> Outcome:
    found = matching(paths, r"(openapi|swagger)[^/]*\.(json|ya?ml)$", "OpenAPI document")
    serving = importing(source_modules, *SERVING_PACKAGES)
    found += _classes(serving, SCHEMA_BASES, "typed model")
    found += calls(serving, lambda c: "response_model" in c.keywords, ("response_model",))
    return verdict(
        found, looked("serving code", "an OpenAPI document or typed request and response models")
    )


@check("DOC-008")
def architecture_documented(paths: list[str], headings: list[Heading]) -> Outcome:
    found = matching(
        paths,
        r"(^|/)docs?/(adrs?|decisions|architecture)/|architecture[^/]*\."
        r"(md|rst|png|svg|drawio|puml|mmd)$|\.(drawio|puml|c4)$|workspace\.dsl$",
        "architecture document",
    )
    found += titled(headings, r"\barchitecture\b|\bdesign\b", "section")
    return verdict(found, looked("docs", "an architecture page, diagram or ADRs"))


@check("DOC-009")
def readme_explains_project(readme: Parsed[str] | None) -> Outcome:
    if readme is None:
        return failed(looked(".", "README.md, README.rst or README"))
    if not readme.ok:
        return errored(f"{readme.path}: {readme.error}", Evidence(readme.path))
    lines = readme.value.splitlines()
    prose = next(
        (
            n
            for n, t in enumerate(lines, 1)
            if len(t.split()) >= 4 and not t.lstrip().startswith(("#", "!", "[", "<", "|"))
        ),
        None,
    )
    # A heading such as "## Installation" says it best; prose that mentions running is a fallback.
    usage = next((n for n, t in enumerate(lines, 1) if t.startswith("#") and USAGE.search(t)), None)
    usage = usage or next((n for n, t in enumerate(lines, 1) if USAGE.search(t)), None)
    if prose and usage:
        return passed(
            Evidence(readme.path, prose, "description"),
            Evidence(readme.path, usage, "set-up or usage"),
        )
    missing = "a description" if not prose else "set-up or usage instructions"
    return failed(Evidence(readme.path, detail=f"for {missing}"))


@check("DOC-010")
def model_card_exists(paths: list[str], source_modules: list[Module]) -> Outcome:
    found = matching(paths, r"model[-_ ]?card", "model card")
    found += calls(source_modules, named(r"(?i)model_?card"), ("model_card", "ModelCard"))
    return verdict(found, looked(".", "MODEL_CARD.md, docs/model-card*.md or a card generator"))
