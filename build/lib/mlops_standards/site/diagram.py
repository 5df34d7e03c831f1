"""Boxes and arrows as inline SVG, laid out twice: wide for a desktop, narrow for a phone.

A diagram is data (`Diagram`): boxes placed on a grid of columns and rows, once per layout,
and arrows between them. `render` draws both layouts; the stylesheet shows the one that fits
the width the figure has (a container query), so the text keeps its size instead of being
scaled down to a few pixels on a phone. Colours come from the theme's CSS variables, so the
figures follow the light and dark schemes. Pure functions: the SVG depends only on the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html import escape

# Average advance of a character in the theme's sans-serif font, in ems; used to wrap text.
CHAR_EM = 0.56
LINE = 1.3  # line height, in ems


@dataclass(frozen=True)
class Place:
    """Where a box sits in one layout."""

    col: float
    """Column (0-based); halves centre a box between two columns."""
    row: float
    """Row (0-based)."""
    span: float = 1
    """How many columns the box is wide."""


@dataclass(frozen=True)
class Box:
    """One box of a diagram."""

    id: str
    """Name that arrows refer to."""
    title: str
    """Bold first line."""
    text: str = ""
    """Wrapped lines under the title."""
    kind: str = ""
    """CSS modifier: `team`, `platform`, `hidden` or `` for a plain box."""
    tag: str = ""
    """Small line above the title, such as who does a step."""
    note: str = ""
    """Small monospace line under the text, such as requirement IDs."""
    wide: Place = field(default_factory=lambda: Place(0, 0))
    """Place in the wide layout."""
    narrow: Place = field(default_factory=lambda: Place(0, 0))
    """Place in the narrow layout."""


@dataclass(frozen=True)
class Arrow:
    """An arrow from one box to another."""

    source: str
    target: str
    label: str = ""
    style: str = ""
    """CSS modifier: `handoff` (work thrown over a fence), `slow`, `loop` or ``."""
    bend_wide: str = ""
    """`left`, `right`, `above` or `below` to route around the boxes; `offset` to meet the
    target off its centre, clear of other arrows; straight when empty."""
    bend_narrow: str = ""


@dataclass(frozen=True)
class Diagram:
    """A figure: boxes, arrows, and what a screen reader says about it."""

    name: str
    """Unique on a page; prefixes the SVG ids."""
    description: str
    """The whole figure in one or two sentences (the SVG's `<title>`)."""
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...] = ()
    lanes: tuple[str, ...] = ()
    """Column headings of the wide layout (swimlanes), in column order; none when empty."""


@dataclass(frozen=True)
class Layout:
    """Sizes of one layout, in SVG units (1 unit = 1 CSS px when shown at full width)."""

    name: str
    width: int
    columns: int
    gap_x: int
    gap_y: int
    font: float = 13
    title_font: float = 14
    small_font: float = 12
    margin: int = 10
    pad: int = 10


WIDE = Layout("wide", width=720, columns=4, gap_x=44, gap_y=48)
NARROW = Layout("narrow", width=360, columns=2, gap_x=28, gap_y=44)


@dataclass(frozen=True)
class _Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at `width` characters; a longer word stays whole on its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def render(diagram: Diagram, sizes: dict[str, dict[str, float]] | None = None) -> str:
    """Both layouts of `diagram` as two `<svg>` elements, wide first.

    Args:
        diagram: what to draw.
        sizes: per layout name (`wide`, `narrow`), `Layout` fields to override, such as
            `{"wide": {"columns": 3, "gap_y": 28}}`.
    """
    sizes = sizes or {}
    return "".join(
        _svg(diagram, replace(layout, **sizes.get(layout.name, {}))) for layout in (WIDE, NARROW)
    )


def _place(box: Box, layout: Layout) -> Place:
    return box.wide if layout.name == "wide" else box.narrow


def _lines(box: Box, layout: Layout, width: float, lanes: bool) -> list[tuple[str, str, float]]:
    """(css class, text, font size) for each line of a box, top to bottom.

    Where swimlanes are drawn, their headings say what the tags would, so tags are left out.
    """
    inner = width - 2 * layout.pad
    out: list[tuple[str, str, float]] = []
    if box.tag and not lanes:
        out += [
            ("tag", line, layout.small_font)
            for line in wrap(box.tag, _chars(inner, layout.small_font))
        ]
    out += [
        ("title", line, layout.title_font)
        for line in wrap(box.title, _chars(inner, layout.title_font * 1.06))
    ]
    out += [("text", line, layout.font) for line in wrap(box.text, _chars(inner, layout.font))]
    if box.note:
        out += [
            ("note", line, layout.small_font)
            for line in wrap(box.note, _chars(inner, layout.small_font * 1.12))
        ]
    return out


def _chars(width: float, font: float) -> int:
    return max(6, int(width / (font * CHAR_EM)))


def _svg(diagram: Diagram, layout: Layout) -> str:
    bends = {a.bend_wide if layout.name == "wide" else a.bend_narrow for a in diagram.arrows}
    # Routes around the boxes need room outside them, and a rotated label beside a side route.
    side_room = layout.gap_y * 0.3 + layout.small_font + 8
    left = layout.margin + (side_room if "left" in bends else 0)
    right = layout.margin + (side_room if "right" in bends else 0)
    top = layout.margin + (layout.gap_y * 0.75 if "above" in bends else 0)
    bottom = layout.margin + (layout.gap_y * 0.75 if "below" in bends else 0)
    if diagram.lanes and layout.name == "wide":
        top += layout.title_font * 2.2
    gaps = layout.gap_x * (layout.columns - 1)
    column_w = (layout.width - left - right - gaps) / layout.columns
    # Row heights: the tallest box of each row decides, so boxes in a row line up.
    content: dict[str, list[tuple[str, str, float]]] = {}
    row_h: dict[float, float] = {}
    for box in diagram.boxes:
        place = _place(box, layout)
        width = _span_width(place, column_w, layout)
        content[box.id] = _lines(box, layout, width, bool(diagram.lanes) and layout.name == "wide")
        height = sum(size * LINE for _, _, size in content[box.id]) + 2 * layout.pad
        row_h[place.row] = max(row_h.get(place.row, 0), height)
    tops, y = {}, top
    for row in sorted(row_h):
        tops[row] = y
        y += row_h[row] + layout.gap_y
    height = y - layout.gap_y + bottom
    rects = {}
    for box in diagram.boxes:
        place = _place(box, layout)
        x = left + place.col * (column_w + layout.gap_x)
        rects[box.id] = _Rect(
            x, tops[place.row], _span_width(place, column_w, layout), row_h[place.row]
        )
    prefix = f"{diagram.name}-{layout.name}"
    parts = [
        f'<svg class="mlops-diagram mlops-diagram--{layout.name}"'
        f' viewBox="0 0 {layout.width} {height:.0f}" role="img"'
        f' aria-labelledby="{prefix}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{prefix}-title">{escape(diagram.description)}</title>',
        # In user units, so that a thick arrow does not get a huge head.
        f'<defs><marker id="{prefix}-head" viewBox="0 0 10 10" refX="9" refY="5"'
        ' markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10"'
        ' orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"'
        ' class="mlops-diagram-head"/></marker></defs>',
    ]
    if diagram.lanes and layout.name == "wide":
        parts += _lanes(diagram.lanes, layout, left, column_w, height)
    for box in diagram.boxes:
        parts += _box(box, rects[box.id], content[box.id], layout)
    for arrow in diagram.arrows:
        parts += _arrow(arrow, rects, layout, prefix)
    parts.append("</svg>")
    return "".join(parts)


def _span_width(place: Place, column_w: float, layout: Layout) -> float:
    return column_w * place.span + layout.gap_x * (place.span - 1)


def _lanes(
    lanes: tuple[str, ...], layout: Layout, left: float, column_w: float, height: float
) -> list[str]:
    parts = []
    for index, lane in enumerate(lanes):
        x = left + index * (column_w + layout.gap_x) - layout.gap_x / 4
        width = column_w + layout.gap_x / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{layout.margin / 2:.1f}" width="{width:.1f}"'
            f' height="{height - layout.margin:.1f}" rx="8" class="mlops-diagram-lane"/>'
        )
        parts.append(
            f'<text x="{x + width / 2:.1f}" y="{layout.margin + layout.title_font:.1f}"'
            f' font-size="{layout.title_font}" class="mlops-diagram-lane-title">'
            f"{escape(lane)}</text>"
        )
    return parts


def _box(box: Box, rect: _Rect, lines: list[tuple[str, str, float]], layout: Layout) -> list[str]:
    kind = f" mlops-diagram-box--{box.kind}" if box.kind else ""
    parts = [
        f'<rect x="{rect.x:.1f}" y="{rect.y:.1f}" width="{rect.w:.1f}" height="{rect.h:.1f}"'
        f' rx="8" class="mlops-diagram-box{kind}"/>'
    ]
    text_h = sum(size * LINE for _, _, size in lines)
    # Centre the lines vertically in a box that its row made taller than it needs.
    y = rect.y + (rect.h - text_h) / 2
    for css, line, size in lines:
        y += size * LINE
        parts.append(
            f'<text x="{rect.cx:.1f}" y="{y - size * (LINE - 1) - 1:.1f}" font-size="{size}"'
            f' class="mlops-diagram-{css}">{escape(line)}</text>'
        )
    return parts


def _arrow(arrow: Arrow, rects: dict[str, _Rect], layout: Layout, prefix: str) -> list[str]:
    source, target = rects[arrow.source], rects[arrow.target]
    bend = arrow.bend_wide if layout.name == "wide" else arrow.bend_narrow
    if bend == "offset":
        path, (lx, ly), rotate = _offset(source, target)
    elif bend:
        path, (lx, ly), rotate = _bent(source, target, bend, layout)
    else:
        path, (lx, ly), rotate = _straight(source, target)
    # A label beside a vertical line starts at it; every other label is centred on its point.
    beside = path.count(" V") == 1 and " H" not in path
    css = "mlops-diagram-label mlops-diagram-label--beside" if beside else "mlops-diagram-label"
    style = f" mlops-diagram-arrow--{arrow.style}" if arrow.style else ""
    parts = [
        f'<path d="{path}" class="mlops-diagram-arrow{style}" marker-end="url(#{prefix}-head)"/>'
    ]
    if not arrow.label:
        return parts
    transform = f' transform="rotate(-90 {lx:.1f} {ly:.1f})"' if rotate else ""
    lines = [arrow.label]
    if path.count(" H") == 1 and " V" not in path:
        # A label over a short horizontal arrow wraps to the gap, stacking upwards.
        gap = abs(target.cx - source.cx) - (source.w + target.w) / 2
        lines = wrap(arrow.label, _chars(gap + 8, layout.small_font * 0.92))
    for index, line in enumerate(reversed(lines)):
        y = ly - index * layout.small_font * 1.15
        parts.append(
            f'<text x="{lx:.1f}" y="{y:.1f}" font-size="{layout.small_font}"'
            f' class="{css}"{transform}>{escape(line)}</text>'
        )
    return parts


def _straight(source: _Rect, target: _Rect) -> tuple[str, tuple[float, float], bool]:
    """A line between facing sides, or a curve when the boxes share neither row nor column."""
    if abs(source.cy - target.cy) < 1:  # same row
        forward = target.x > source.x
        x1 = source.right if forward else source.x
        x2 = target.x - 2 if forward else target.right + 2
        return f"M{x1:.1f},{source.cy:.1f} H{x2:.1f}", ((x1 + x2) / 2, source.cy - 6), False
    down = target.y > source.y
    y1 = source.bottom if down else source.y
    y2 = target.y - 2 if down else target.bottom + 2
    if abs(source.cx - target.cx) < 1:  # same column
        return f"M{source.cx:.1f},{y1:.1f} V{y2:.1f}", (source.cx + 6, (y1 + y2) / 2 + 4), False
    middle = (y1 + y2) / 2
    path = (
        f"M{source.cx:.1f},{y1:.1f} C{source.cx:.1f},{middle:.1f} {target.cx:.1f},{middle:.1f}"
        f" {target.cx:.1f},{y2:.1f}"
    )
    return path, ((source.cx + target.cx) / 2, middle - 4), False


def _offset(source: _Rect, target: _Rect) -> tuple[str, tuple[float, float], bool]:
    """A curve between rows that meets the target a quarter of its width from the side facing
    the source, clear of the straight arrows that meet it in the middle."""
    down = target.y > source.y
    y1 = source.bottom if down else source.y
    y2 = target.y - 2 if down else target.bottom + 2
    x2 = target.x + target.w * (0.25 if source.cx < target.cx else 0.75)
    middle = (y1 + y2) / 2
    path = (
        f"M{source.cx:.1f},{y1:.1f} C{source.cx:.1f},{middle:.1f} {x2:.1f},{middle:.1f}"
        f" {x2:.1f},{y2:.1f}"
    )
    return path, ((source.cx + x2) / 2, middle - 4), False


def _bent(
    source: _Rect, target: _Rect, bend: str, layout: Layout
) -> tuple[str, tuple[float, float], bool]:
    """A three-segment route outside both boxes, on the side `bend` names."""
    out = layout.gap_y * 0.45
    if bend in ("above", "below"):
        if bend == "above":
            y1, y2 = source.y, target.y - 2
            edge = min(source.y, target.y) - out
            label_y = edge - 5
        else:
            y1, y2 = source.bottom, target.bottom + 2
            edge = max(source.bottom, target.bottom) + out
            label_y = edge + layout.small_font + 2
        path = f"M{source.cx:.1f},{y1:.1f} V{edge:.1f} H{target.cx:.1f} V{y2:.1f}"
        return path, ((source.cx + target.cx) / 2, label_y), False
    if bend == "right":
        x1, x2 = source.right, target.right + 2
        edge = max(source.right, target.right) + layout.gap_y * 0.3
        # Turned a quarter back, the glyphs stand on the left of their baseline.
        label_x = edge + layout.small_font + 3
    else:
        x1, x2 = source.x, target.x - 2
        edge = min(source.x, target.x) - layout.gap_y * 0.3
        label_x = edge - 4
    path = f"M{x1:.1f},{source.cy:.1f} H{edge:.1f} V{target.cy:.1f} H{x2:.1f}"
    return path, (label_x, (source.cy + target.cy) / 2), True
