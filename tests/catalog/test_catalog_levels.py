"""Each maturity level's dimensions and journey: complete in the shipped catalog, and every
defect in them named by file, level and field (broken copies of the real catalog in tmp_path)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mlops_standards.catalog import ACTORS, DIMENSIONS, CatalogError, load
from mlops_standards.catalog.loader import default_directory


def broken(tmp_path: Path, edit) -> list[str]:
    folder = tmp_path / "catalog"
    shutil.copytree(default_directory(), folder)
    path = folder / "catalog.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["levels"])
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load(folder)
    return caught.value.problems


def test_every_level_describes_every_dimension_and_a_journey():
    for level in load().levels:
        assert list(level.dimensions) == list(DIMENSIONS), level.level
        assert all(text.strip() for text in level.dimensions.values())
        assert len(level.journey) >= 2
        assert {step.actor for step in level.journey} <= set(ACTORS)


def test_the_levels_after_zero_reach_production_in_more_steps_by_pipelines():
    """Automation is what the levels measure: pipelines do more of the journey as they rise."""
    by_pipeline = [sum(s.actor == "pipeline" for s in lv.journey) for lv in load().levels]
    assert by_pipeline[0] == by_pipeline[1] == 0
    assert by_pipeline[2] < by_pipeline[3] <= by_pipeline[4]


def drop_dimension(levels: list[dict[str, Any]]) -> None:
    del levels[2]["dimensions"]["monitoring"]


def unknown_dimension(levels: list[dict[str, Any]]) -> None:
    levels[1]["dimensions"]["culture"] = "Nice."


def unknown_actor(levels: list[dict[str, Any]]) -> None:
    levels[3]["journey"][0]["actor"] = "intern"


def one_step(levels: list[dict[str, Any]]) -> None:
    levels[4]["journey"] = levels[4]["journey"][:1]


def handoff_text(levels: list[dict[str, Any]]) -> None:
    levels[0]["journey"][1]["handoff"] = "yes"


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (drop_dimension, "catalog.yaml: level 2: dimensions.monitoring: is missing"),
        (unknown_dimension, "catalog.yaml: level 1: dimensions.culture: is not a dimension"),
        (unknown_actor, "catalog.yaml: level 3: journey[1].actor: must be one of"),
        (one_step, "catalog.yaml: level 4: journey: must list at least two steps"),
        (handoff_text, "catalog.yaml: level 0: journey[2].handoff: must be true or false"),
    ],
)
def test_a_defect_in_a_level_is_named(tmp_path, edit, problem):
    problems = broken(tmp_path, edit)
    assert any(p.startswith(problem) for p in problems), problems


def test_every_defect_is_reported_at_once(tmp_path):
    def both(levels):
        drop_dimension(levels)
        unknown_actor(levels)

    assert len(broken(tmp_path, both)) == 2
