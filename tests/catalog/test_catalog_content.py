"""The shipped catalog: complete records (DESIGN.md invariant 2) and full MMA coverage."""

from __future__ import annotations

import re

import pytest

from mlops_standards.catalog import Catalog, Requirement, load
from mlops_standards.catalog.model import APPLICABILITIES, LEVELS, METHODS

AREAS = ("DOC", "CQ", "TR", "MON")
# MMA statements that only concern one kind of product, per shared/reference/anchors.md.
REAL_TIME_ONLY = (7, 35, 36, 41)
BATCH_ONLY = (42,)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load()


def test_at_least_forty_requirements_across_the_four_areas(catalog):
    assert len(catalog) >= 40
    assert [area.prefix for area in catalog.areas] == list(AREAS)
    for prefix in AREAS:
        assert catalog.in_area(prefix), f"area {prefix} has no requirement"


def test_ids_are_unique_and_well_formed(catalog):
    ids = [r.id for r in catalog]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for r in catalog:
        assert re.fullmatch(rf"{r.area}-\d{{3}}", r.id), r.id


def test_levels_are_one_to_four_and_every_level_adds_something(catalog):
    assert {r.level for r in catalog} <= set(LEVELS)
    for level in LEVELS:
        assert catalog.at_level(level), f"level {level} adds no requirement"
    assert [level.level for level in catalog.levels] == [0, 1, 2, 3, 4]


def test_every_requirement_has_every_field(catalog):
    problems = []
    for r in catalog:
        slug = catalog.area(r.area).slug
        checks = {
            "title": bool(r.title.strip()),
            "summary": bool(r.summary.strip()),
            "area": r.area in AREAS,
            "applies_to": r.applies_to in APPLICABILITIES,
            "verification.method": r.verification.method in METHODS,
            "verification.evidence": bool(r.verification.evidence.strip()),
            # One convention for methodology anchors: the requirement's ID in lower case.
            "methodology": r.methodology == f"methodology/{slug}.md#{r.anchor}",
            "golden_path": r.golden_path.startswith("golden-paths/") and "#" in r.golden_path,
            "sources": has_source(r),
        }
        problems += [f"{r.id}: {name}" for name, ok in checks.items() if not ok]
    assert problems == []


def has_source(r: Requirement) -> bool:
    s = r.sources
    return (
        bool(s.mma or s.ml_test_score or s.other) or s.microsoft is not None or s.google is not None
    )


def test_mma_statements_one_to_sixty_are_listed_in_order(catalog):
    assert [item.item for item in catalog.mma_items] == list(range(1, 61))
    assert set(catalog.mma_sections) == set(range(1, 8))


@pytest.mark.parametrize("item", [*range(1, 47), 58, 59, 60])
def test_production_checklist_and_level_four_statements_are_covered(catalog, item):
    assert catalog.covering(item), f"MMA statement {item} is not covered by any requirement"


def test_statements_out_of_scope_say_why(catalog):
    for item in catalog.mma_items:
        if not catalog.covering(item.item):
            assert item.out_of_scope and len(item.out_of_scope) > 20, item.item


@pytest.mark.parametrize(
    ("item", "profile"),
    [*((i, "real-time") for i in REAL_TIME_ONLY), *((i, "batch") for i in BATCH_ONLY)],
)
def test_profile_specific_statements_map_to_profile_specific_requirements(catalog, item, profile):
    assert profile in {r.applies_to for r in catalog.covering(item)}


def test_ml_test_score_lists_seven_tests_per_section(catalog):
    sections = [name.split()[0] for name in catalog.ml_test_score]
    assert {s: sections.count(s) for s in set(sections)} == {
        "Data": 7, "Model": 7, "Infra": 7, "Monitor": 7,
    }  # fmt: skip
    cited = {t for r in catalog for t in r.sources.ml_test_score}
    assert cited <= set(catalog.ml_test_score)


def test_version_is_semver_and_the_newest_changelog_entry(catalog):
    assert re.fullmatch(r"\d+\.\d+\.\d+", catalog.version)
    versions = [release.version for release in catalog.changelog]
    assert versions[0] == catalog.version
    as_tuples = [tuple(int(p) for p in v.split(".")) for v in versions]
    assert as_tuples == sorted(as_tuples, reverse=True), "changelog must list newest first"
    for release in catalog.changelog:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.date) and release.changes


def test_frameworks_are_cited_with_links(catalog):
    assert set(catalog.frameworks) == {"mma", "microsoft", "google", "ml_test_score"}
    for framework in catalog.frameworks.values():
        assert framework["name"] and framework["url"].startswith("https://")
