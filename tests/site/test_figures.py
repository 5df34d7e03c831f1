"""Figures drawn from data: every figure file is valid, and each defect in one is named."""

from __future__ import annotations

import re

import pytest
import yaml

from mlops_standards.catalog import load
from mlops_standards.site import figures
from mlops_standards.site.diagram import Arrow, Box, Diagram, Place, render
from mlops_standards.site.render import dimensions


@pytest.fixture(scope="module")
def catalog():
    return load()


def figure_names() -> list[str]:
    return sorted(path.stem for path in figures.DIAGRAMS.glob("*.yaml"))


@pytest.mark.parametrize("name", figure_names())
def test_every_figure_file_draws_both_layouts_and_lists_its_requirements(catalog, name):
    text = figures.figure(name, catalog, "architecture.md")
    data = yaml.safe_load((figures.DIAGRAMS / f"{name}.yaml").read_text())
    assert text.count("<svg ") == 2
    assert "mlops-diagram--wide" in text and "mlops-diagram--narrow" in text
    for box in data["boxes"]:
        assert box["title"].split()[0] in text
        for rid in box.get("requirements", []):
            assert f"*{catalog.get(rid).title}*" in text, (name, rid)


def test_the_pages_use_every_figure_file(repo_root):
    used = set()
    for page in (repo_root / "docs").rglob("*.md"):
        used |= set(re.findall(r"<!-- mlops:figure (\S+) -->", page.read_text()))
    assert used == set(figure_names())


def base() -> dict:
    return {
        "description": "Two boxes.",
        "caption": "Two boxes.",
        "boxes": [
            {"id": "a", "title": "A", "wide": [0, 0], "narrow": [0, 0]},
            {"id": "b", "title": "B", "wide": [1, 0], "narrow": [0, 1]},
        ],
        "arrows": [{"from": "a", "to": "b"}],
    }


def edited(path: str, value) -> dict:
    data = base()
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is None:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (edited("caption", None), "diagrams/x.yaml: caption: is missing"),
        (edited("colour", "red"), "diagrams/x.yaml: colour: is not a known field"),
        (edited("boxes.1.wide", [1]), "diagrams/x.yaml: box 'b': wide: must be [column, row]"),
        (edited("boxes.1.kind", "loud"), "diagrams/x.yaml: box 'b': kind: must be one of"),
        (edited("boxes.1.id", "a"), "diagrams/x.yaml: boxes: an id is used twice"),
        (edited("arrows.0.to", "c"), "diagrams/x.yaml: arrow 'a' -> 'c': from and to must"),
        (edited("arrows.0.narrow", "up"), "diagrams/x.yaml: arrow 'a' -> 'b': narrow: must be"),
        (edited("layout", {"wide": {"rows": 2}}), "diagrams/x.yaml: layout: must map"),
    ],
)
def test_a_defect_in_a_figure_file_is_named(catalog, data, message):
    with pytest.raises(ValueError) as caught:
        figures.parse("x", data, catalog)
    assert str(caught.value).startswith(message)


def test_an_unknown_requirement_in_a_figure_is_an_unknown_id(catalog):
    data = edited("boxes.0.requirements", ["TR-999"])
    with pytest.raises(KeyError, match="TR-999"):
        figures.parse("x", data, catalog)


def test_a_journey_numbers_the_steps_and_marks_each_hand_over(catalog):
    level = catalog.levels[1]
    text = figures.journey(catalog, 1)
    sequence = [s for s in level.journey if s.actor != "platform"]
    for number, step in enumerate(sequence, start=1):
        assert f"{number}. {step.text.split()[0]}" in text
    # Each drawing shows every hand-over by hand as such.
    assert text.count("mlops-diagram-arrow--handoff") == 2 * sum(s.handoff for s in sequence)


def test_text_is_wrapped_to_its_box_and_never_lost():
    long = "a rather long sentence that cannot fit on one line of a narrow box"
    diagram = Diagram("t", "t", (Box("a", "Title", long, wide=Place(0, 0), narrow=Place(0, 0)),))
    svg = render(diagram, {"wide": {"columns": 4}, "narrow": {"columns": 2}})
    narrow = svg[svg.index("mlops-diagram--narrow") :]
    lines = re.findall(r'class="mlops-diagram-text">([^<]*)<', narrow)
    assert len(lines) > 2 and " ".join(lines) == long


def test_arrows_route_around_boxes_when_asked():
    boxes = (Box("a", "A", wide=Place(0, 0), narrow=Place(0, 0)),
             Box("b", "B", wide=Place(0, 2), narrow=Place(0, 2)))  # fmt: skip
    straight = render(Diagram("s", "s", boxes, (Arrow("a", "b"),)))
    bent = render(Diagram("s", "s", boxes, (Arrow("a", "b", "x", bend_wide="left"),)))
    assert re.search(r'd="M[\d.]+,[\d.]+ V[\d.]+"', straight)
    assert re.search(r'd="M[\d.]+,[\d.]+ H[\d.]+ V[\d.]+ H[\d.]+"', bent)
    assert 'transform="rotate(-90' in bent  # a label along a side route is turned with it


def test_the_matrix_has_a_cell_per_level_and_dimension(catalog):
    html = dimensions(catalog, "maturity-model.md")
    assert html.count("<td ") == len(catalog.levels) * 5
    assert 'href="#level-4"' in html
    assert "href=" not in dimensions(catalog, "index.md")
