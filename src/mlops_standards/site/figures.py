"""The site's pictures, generated at build time from data: the catalog and `diagrams/*.yaml`.

Each figure is drawn twice, wide and narrow (see `diagram`), so that its text is as legible on
a phone as on a desktop. Requirement IDs in a figure come from the data and are checked
against the catalog; their titles are listed under the figure as links, never typed by hand.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import yaml

from mlops_standards.catalog import ACTORS, Catalog
from mlops_standards.site import render
from mlops_standards.site.diagram import Arrow, Box, Diagram, Place, wrap
from mlops_standards.site.diagram import render as draw

DIAGRAMS = Path(__file__).parent / "diagrams"
BOX_FIELDS = {"id", "title", "text", "kind", "requirements", "wide", "narrow"}
ARROW_FIELDS = {"from", "to", "label", "style", "wide", "narrow"}
FILE_FIELDS = {"description", "caption", "layout", "boxes", "arrows"}
# What a figure file may change of each layout (see diagram.Layout).
LAYOUT_FIELDS = {"columns", "gap_x", "gap_y"}
KINDS = {"", "team", "platform", "hidden"}
STYLES = {"", "handoff", "slow", "loop"}
BENDS = {"", "left", "right", "above", "below", "offset"}


def figure(name: str, catalog: Catalog, page: str) -> str:
    """The figure `diagrams/<name>.yaml`, with the requirements its boxes name listed under it.

    Raises:
        ValueError: the file is missing or malformed, naming the file and the field.
        KeyError: a box names a requirement ID the catalog does not have.
    """
    path = DIAGRAMS / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in DIAGRAMS.glob("*.yaml")))
        raise ValueError(f"no figure named {name!r}; there are: {known}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    diagram, caption, sizes, needs = parse(name, data, catalog)
    legend = [
        f"- **{escape(title)}**: "
        + "; ".join(render.requirement_reference(catalog, rid, page) for rid in ids)
        for title, ids in needs
    ]
    text = _figure(draw(diagram, sizes), caption, name)
    return text + ("\n" + "\n".join(legend) + "\n" if legend else "")


def parse(
    name: str, data: Any, catalog: Catalog
) -> tuple[Diagram, str, dict[str, dict[str, float]], list[tuple[str, list[str]]]]:
    """A figure file's data: the `Diagram`, its caption, its layout sizes, each box's requirements.

    Raises:
        ValueError: naming the file, the box or arrow, and the field that is wrong.
    """
    where = f"diagrams/{name}.yaml"
    if not isinstance(data, dict):
        raise ValueError(f"{where}: must be a mapping")
    _known(data, FILE_FIELDS, where)
    for field in ("description", "caption"):
        if not isinstance(data.get(field), str) or not data[field].strip():
            raise ValueError(f"{where}: {field}: is missing")
    sizes = data.get("layout") or {}
    if not isinstance(sizes, dict) or not all(
        key in ("wide", "narrow")
        and isinstance(value, dict)
        and set(value) <= LAYOUT_FIELDS
        and all(isinstance(v, int) and v > 0 for v in value.values())
        for key, value in sizes.items()
    ):
        raise ValueError(
            f"{where}: layout: must map wide and narrow to positive "
            + ", ".join(sorted(LAYOUT_FIELDS))
        )
    boxes, needs = [], []
    for entry in _entries(data, "boxes", where):
        box, ids = _box(entry, where, catalog)
        boxes.append(box)
        if ids:
            needs.append((box.title, ids))
    names = [box.id for box in boxes]
    if len(set(names)) != len(names):
        raise ValueError(f"{where}: boxes: an id is used twice")
    arrows = [_arrow(entry, where, set(names)) for entry in data.get("arrows") or []]
    diagram = Diagram(name, data["description"].strip(), tuple(boxes), tuple(arrows))
    return diagram, data["caption"].strip(), sizes, needs


def _entries(data: dict[str, Any], field: str, where: str) -> list[dict[str, Any]]:
    entries = data.get(field)
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{where}: {field}: must be a non-empty list")
    return entries


def _known(entry: Any, fields: set[str], where: str) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a mapping")
    unknown = sorted(set(entry) - fields)
    if unknown:
        raise ValueError(f"{where}: {unknown[0]}: is not a known field")


def _box(entry: Any, where: str, catalog: Catalog) -> tuple[Box, list[str]]:
    _known(entry, BOX_FIELDS, f"{where}: box")
    here = f"{where}: box {entry.get('id')!r}"
    if not isinstance(entry.get("id"), str) or not isinstance(entry.get("title"), str):
        raise ValueError(f"{here}: id and title are required")
    if entry.get("kind", "") not in KINDS:
        raise ValueError(f"{here}: kind: must be one of {', '.join(sorted(KINDS - {''}))}")
    ids = entry.get("requirements") or []
    if not isinstance(ids, list):
        raise ValueError(f"{here}: requirements: must be a list of IDs")
    ids = [catalog.get(str(rid)).id for rid in ids]  # KeyError names an unknown ID
    box = Box(
        id=entry["id"],
        title=entry["title"],
        text=str(entry.get("text", "")),
        kind=entry.get("kind", ""),
        note=" · ".join(ids),
        wide=_place(entry.get("wide"), f"{here}: wide"),
        narrow=_place(entry.get("narrow"), f"{here}: narrow"),
    )
    return box, ids


def _place(raw: Any, where: str) -> Place:
    if (
        not isinstance(raw, list)
        or len(raw) not in (2, 3)
        or not all(isinstance(v, int | float) and v >= 0 for v in raw)
    ):
        raise ValueError(f"{where}: must be [column, row] or [column, row, span]")
    return Place(*raw)


def _arrow(entry: Any, where: str, names: set[str]) -> Arrow:
    _known(entry, ARROW_FIELDS, f"{where}: arrow")
    here = f"{where}: arrow {entry.get('from')!r} -> {entry.get('to')!r}"
    if entry.get("from") not in names or entry.get("to") not in names:
        raise ValueError(f"{here}: from and to must name boxes")
    if entry.get("style", "") not in STYLES:
        raise ValueError(f"{here}: style: must be one of {', '.join(sorted(STYLES - {''}))}")
    for layout in ("wide", "narrow"):
        if entry.get(layout, "") not in BENDS:
            raise ValueError(f"{here}: {layout}: must be one of {', '.join(sorted(BENDS - {''}))}")
    return Arrow(
        source=entry["from"],
        target=entry["to"],
        label=str(entry.get("label", "")),
        style=entry.get("style", ""),
        bend_wide=entry.get("wide", ""),
        bend_narrow=entry.get("narrow", ""),
    )


def _figure(svg: str, caption: str, name: str) -> str:
    return (
        f'<figure class="mlops-figure" id="figure-{name}">{svg}'
        f"<figcaption>{escape(caption)}</figcaption></figure>\n"
    )


def journey(catalog: Catalog, level: int) -> str:
    """How a model reaches production at `level`, step by step, with who does what.

    On a desktop each actor has a column (a swimlane); on a phone the steps stack and each
    names its actor. Steps by the platform team support all the others: they are not numbered,
    have no arrow, and stand beside the first step on a desktop and after the last on a phone.
    """
    found = [item for item in catalog.levels if item.level == level]
    if not found:
        raise ValueError(f"no level {level}; the levels are 0 to {len(catalog.levels) - 1}")
    steps = found[0].journey
    lanes = [actor for actor in ACTORS if any(step.actor == actor for step in steps)]
    sequence = [step for step in steps if step.actor != "platform"]
    boxes, arrows = [], []
    for number, step in enumerate(sequence, start=1):
        boxes.append(
            Box(
                id=f"step-{number}",
                title=f"{number}. {step.text}",
                kind="team",
                tag=ACTORS[step.actor],
                wide=Place(lanes.index(step.actor), number),
                narrow=Place(0, number),
            )
        )
        if number > 1:
            style, label = ("handoff", "by hand") if step.handoff else ("", "")
            arrows.append(Arrow(f"step-{number - 1}", f"step-{number}", label, style))
    for index, step in enumerate(s for s in steps if s.actor == "platform"):
        boxes.append(
            Box(
                id=f"support-{index}",
                title=step.text,
                kind="platform",
                tag=ACTORS[step.actor],
                wide=Place(lanes.index(step.actor), 1 + index),
                narrow=Place(0, len(sequence) + 1 + index),
            )
        )
    description = f"Level {level}: how a model reaches production. " + " ".join(
        f"{ACTORS[s.actor]}: {s.text}." for s in steps
    )
    diagram = Diagram(
        f"journey-{level}",
        description,
        tuple(boxes),
        tuple(arrows),
        lanes=tuple(ACTORS[actor] for actor in lanes),
    )
    sizes = {"wide": {"columns": len(lanes), "gap_y": 26}, "narrow": {"columns": 1, "gap_y": 30}}
    caption = f"Level {level}: how a model reaches production, and who does each step."
    return _figure(draw(diagram, sizes), caption, f"journey-{level}")


def staircase(catalog: Catalog) -> str:
    """The maturity levels as steps, each with the capability that reaches it."""
    return _figure(
        _staircase_wide(catalog) + _staircase_narrow(catalog),
        "The five maturity levels. A product stands on the highest step whose way to production"
        " its repository shows; each step names what it adds to the one below.",
        "staircase",
    )


def _count(catalog: Catalog, level: int) -> str:
    """What reaching `level` takes, beyond the level below: `+TR-022`, `TR-001, CQ-004|CQ-006`."""
    if level == 0:
        return "where products start"
    all_of, any_of = render.capability_added(catalog, level)
    shown = [*all_of, *(["|".join(any_of)] if any_of else [])]
    return ("+" if level > 1 else "") + ", ".join(shown)


def _staircase_wide(catalog: Catalog) -> str:
    step_w, base_h, rise = 144, 96, 30
    top = base_h + rise * (len(catalog.levels) - 1)
    parts = [
        f'<svg class="mlops-diagram mlops-diagram--wide mlops-staircase"'
        f' viewBox="0 0 {step_w * len(catalog.levels) + 10} {top + 10}" role="img"'
        ' aria-label="Maturity levels 0 to 4 as a staircase" xmlns="http://www.w3.org/2000/svg">'
    ]
    for level in catalog.levels:
        x, height = 5 + level.level * step_w, base_h + rise * level.level
        y = top + 5 - height
        parts.append(
            f'<rect x="{x}" y="{y}" width="{step_w - 6}" height="{height}" rx="6"'
            f' class="mlops-step mlops-step-{level.level}"/>'
        )
        lines = [
            f"Level {level.level}",
            *wrap(level.name, 17),
            *wrap(_count(catalog, level.level), 17),
        ]
        for i, text in enumerate(lines):
            css = "mlops-step-title" if i == 0 else "mlops-step-text"
            parts.append(
                f'<text x="{x + 10}" y="{y + 22 + 17 * i}" class="{css}">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _staircase_narrow(catalog: Catalog) -> str:
    """On a phone the steps turn into bars that grow level by level, with the text beside them."""
    row_h, bar_min, bar_rise, text_x = 58, 40, 20, 134
    height = row_h * len(catalog.levels) + 6
    parts = [
        f'<svg class="mlops-diagram mlops-diagram--narrow mlops-staircase"'
        f' viewBox="0 0 360 {height}" role="img"'
        ' aria-label="Maturity levels 0 to 4, each adding requirements"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    for level in catalog.levels:
        y = 4 + row_h * level.level
        width = bar_min + bar_rise * level.level
        parts.append(
            f'<rect x="4" y="{y}" width="{width}" height="{row_h - 8}" rx="6"'
            f' class="mlops-step mlops-step-{level.level}"/>'
            f'<text x="14" y="{y + 31}" class="mlops-step-title">{level.level}</text>'
        )
        names = wrap(level.name, 28)
        lines = [*names, *wrap(_count(catalog, level.level), 28)]
        first = y + (row_h - 8) / 2 - 15 * (len(lines) - 1) / 2 + 5
        for i, text in enumerate(lines):
            css = "mlops-step-text" if i >= len(names) else "mlops-step-name"
            parts.append(
                f'<text x="{text_x}" y="{first + 15 * i:.1f}" class="{css}">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
