"""A level badge in the flat style of shields.io, drawn here: no service is asked for it.

A README shows it from the file CI writes (`check --badge mlops-level.svg`), so the badge says
what the last run of the product's own pipeline found.
"""

from __future__ import annotations

from html import escape

# Advance widths at 11 px of the printable ASCII characters (32-126) in DejaVu Sans, the
# fallback of the badge's font stack; Verdana, which shields measures with, is close to it.
# `textLength` fits the text to these widths whichever of the fonts the viewer has.
_WIDTHS = (
    3.5, 4.41, 5.06, 9.22, 7.0, 10.45, 8.58, 3.02, 4.29, 4.29, 5.5, 9.22, 3.5, 3.97, 3.5, 3.71,
    7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 3.71, 3.71, 9.22, 9.22, 9.22, 5.84, 11.0,
    7.52, 7.55, 7.68, 8.47, 6.95, 6.33, 8.52, 8.27, 3.24, 3.24, 7.21, 6.13, 9.49, 8.23, 8.66,
    6.63, 8.66, 7.64, 6.98, 6.72, 8.05, 7.52, 10.88, 7.54, 6.72, 7.54, 4.29, 3.71, 4.29, 9.22,
    5.5, 5.5, 6.74, 6.98, 6.05, 6.98, 6.77, 3.87, 6.98, 6.97, 3.06, 3.06, 6.37, 3.06, 10.72,
    6.97, 6.73, 6.98, 6.98, 4.52, 5.73, 4.31, 6.97, 6.51, 9.0, 6.51, 6.51, 5.77, 7.0, 3.71, 7.0,
    9.22,
)  # fmt: skip
_OTHER = 7.0  # a character outside ASCII, as wide as a digit
COLOURS = {0: "#e05d44", 1: "#fe7d37", 2: "#dfb317", 3: "#a4a61d", 4: "#44cc11"}
"""Level -> the badge's colour, shields' red to bright green."""
PADDING = 6


def text_width(text: str) -> float:
    """The width in pixels of `text` at 11 px."""
    return sum(_WIDTHS[ord(c) - 32] if 32 <= ord(c) <= 126 else _OTHER for c in text)


def badge(label: str, message: str, colour: str) -> str:
    """A flat badge, `label` on grey and `message` on `colour`, as an SVG document."""
    left = round(text_width(label) + 2 * PADDING)
    right = round(text_width(message) + 2 * PADDING)
    width = left + right
    title = escape(f"{label}: {message}")

    def text(value: str, x: float, span: int) -> str:
        # Drawn at ten times the size and scaled down, as shields does, for crisp rounding.
        length = (span - 2 * PADDING) * 10
        value = escape(value)
        return (
            f'<text aria-hidden="true" x="{x * 10:.0f}" y="150" fill="#010101" fill-opacity=".3" '
            f'transform="scale(.1)" textLength="{length}">{value}</text>'
            f'<text x="{x * 10:.0f}" y="140" transform="scale(.1)" fill="#fff" '
            f'textLength="{length}">{value}</text>'
        )

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'text-rendering="geometricPrecision" font-size="110">'
        f"{text(label, left / 2, left)}{text(message, left + right / 2, right)}</g></svg>\n"
    )


def level_badge(level: int, name: str, certified: bool = False) -> str:
    """The badge of a product's level (or certified level) and the level's name."""
    label = "MLOps certified level" if certified else "MLOps level"
    return badge(label, f"{level} · {name}", COLOURS[level])
