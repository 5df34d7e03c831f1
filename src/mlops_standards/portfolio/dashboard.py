"""The portfolio as one static HTML page: open it from disk, publish it anywhere, print it.

From the top: how many products and where they stand, what changed since the previous run,
the requirements that block the most products (each with its golden path: the platform team's
backlog), every product by brand or team with what it needs next, and the heat map of every
requirement by product. The page requests nothing; its one script filters products by name.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from importlib.resources import files

from mlops_standards.report.html_page import STATUS_CLASSES, STATUS_WORDS, level_chip, page

from .document import level_counts, requirement_counts
from .model import Change, Portfolio, Product

SHOWN_BLOCKING = 4
CHANGE_MARKS = {
    "up": ("▲", "up", "moved up"),
    "down": ("▼", "down", "moved down"),
    "new": ("new", "muted", "new"),
    "gone": ("gone", "muted", "no longer reported"),
    "same": ("=", "muted", "unchanged"),
}
LEGEND = {
    "met": "passed or attested",
    "failed": "failed",
    "confirm": "to confirm",
    "error": "error",
    "skipped": "skipped",
    "excused": "waived or not applicable",
    "missing": "not in the report",
}
CHANGES_SHOWN = ("down", "up", "new", "gone")
"""The order the changes are listed in: what went wrong first."""

DASHBOARD_CSS = (files("mlops_standards.portfolio") / "dashboard.css").read_text(encoding="utf-8")

FILTER_SCRIPT = (files("mlops_standards.portfolio") / "dashboard.js").read_text(encoding="utf-8")


def render(portfolio: Portfolio, title: str = "MLOps portfolio") -> str:
    """The whole dashboard page."""
    body = [
        _header(portfolio, title),
        _distribution(portfolio),
        _changes(portfolio),
        _blockers(portfolio),
        _products(portfolio),
        _heat_map(portfolio),
        _errors(portfolio),
    ]
    return page(title, "".join(body), extra_css=DASHBOARD_CSS, script=FILTER_SCRIPT)


def _header(portfolio: Portfolio, title: str) -> str:
    products = portfolio.products
    groups = portfolio.groups()
    versions = sorted({p.standards_version for p in products if p.standards_version})
    levels = level_counts(products)
    at_three = sum(1 for p in products if p.level >= 3)
    by_level = "".join(
        f"<span>{level_chip(int(level))} {count}</span>" for level, count in levels.items()
    )
    figures = [
        f"<li><b>{len(products)}</b>products</li>",
        f"<li><b>{len(groups)}</b>{portfolio.group_by}s</li>",
        f"<li><b>{at_three}</b>at level 3 or above</li>",
        f'<li><span class="levels">{by_level}</span>products per level</li>',
    ]
    standards = f" · standards {', '.join('v' + v for v in versions)}" if versions else ""
    if portfolio.previous_run:
        standards += f" · compared with the run of {portfolio.previous_run}"
    return (
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="muted">Generated {escape(portfolio.generated_on)}{escape(standards)}'
        f'</p><ul class="figures" aria-label="Summary">{"".join(figures)}</ul>'
        '<p class="filter"><label>Filter products <input id="filter" type="search" '
        'placeholder="name, brand or team" autocomplete="off"></label></p></header>'
    )


def _changes(portfolio: Portfolio) -> str:
    if portfolio.previous_run is None:
        return (
            '<h2 id="changes">Since the previous run</h2><p class="muted">No history yet: '
            "the next run will show what changed since this one.</p>"
        )
    counts = {kind: sum(c.kind == kind for c in portfolio.changes) for kind in CHANGES_SHOWN}
    summary = (
        ", ".join(f"{n} {CHANGE_MARKS[k][2]}" for k, n in counts.items() if n) or "nothing moved"
    )
    parts = [f'<h2 id="changes">Since the previous run</h2><p>{escape(summary)}.</p>']
    for kind in CHANGES_SHOWN:
        moved = [c for c in portfolio.changes if c.kind == kind]
        if moved:
            items = "".join(
                f"<li><b>{escape(c.product)}</b>: {_levels_moved(c)}</li>" for c in moved
            )
            words = CHANGE_MARKS[kind][2]
            summary = f"<summary>{_change(moved[0])} {len(moved)} {words}</summary>"
            opened = " open" if kind == "down" else ""
            parts.append(
                f'<details class="changes-{kind}"{opened}>{summary}<ul>{items}</ul></details>'
            )
    return "".join(parts)


def _levels_moved(change: Change) -> str:
    def both(level, certified) -> str:
        return "—" if level is None else f"level {level} (certified {certified})"

    before = both(change.previous_level, change.previous_certified)
    return f"{before} → {both(change.level, change.certified)}"


def _change(change: Change | None) -> str:
    if change is None:
        return ""
    mark, css, words = CHANGE_MARKS[change.kind]
    return f'<span class="{css}" title="{words}">{mark}</span>'


def _distribution(portfolio: Portfolio) -> str:
    rows = []
    for name, members in portfolio.groups().items():
        counts = level_counts(members)
        segments = "".join(
            f'<span class="level-{level}" style="width:{100 * n / len(members):.2f}%" '
            f'title="level {level}: {n}"></span>'
            for level, n in counts.items()
            if n
        )
        cells = "".join(f'<td class="number">{n or ""}</td>' for n in counts.values())
        rows.append(
            f'<tr><td>{escape(name)}</td><td class="number">{len(members)}</td>'
            f'<td><div class="stack" role="img" aria-label="levels of {escape(name)}">'
            f"{segments}</div></td>{cells}</tr>"
        )
    head = "".join(f'<th class="number">{level_chip(level)}</th>' for level in range(5))
    names = "".join(
        f"<li>{level_chip(level, name)}</li>"
        for level, name in sorted(portfolio.level_names.items())
    )
    return (
        f'<h2 id="levels">Levels by {portfolio.group_by}</h2><ul class="level-names">{names}</ul>'
        '<div class="scroll"><table><thead><tr>'
        f"<th>{portfolio.group_by.capitalize()}</th>"
        f'<th class="number">Products</th><th>Levels</th>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _blockers(portfolio: Portfolio) -> str:
    if not portfolio.blockers:
        return (
            '<h2 id="blockers">What blocks the most products</h2><p>Nothing blocks any product.</p>'
        )
    most = len(portfolio.blockers[0].products)
    rows = "".join(
        f'<tr><td class="number rank">{rank}</td><td><span class="id">{b.column.id}</span> '
        f"{escape(b.column.title)}</td>"
        f'<td class="number" data-label="Level">{b.column.level}</td>'
        f'<td class="nowrap" data-label="Products blocked"><span class="bar" '
        f'style="width:{80 * len(b.products) / most:.0f}px"></span>{len(b.products)}</td>'
        f'<td data-label="Golden path">{_golden_path(b.column.golden_path)}</td></tr>'
        for rank, b in enumerate(portfolio.blockers, start=1)
    )
    return (
        '<h2 id="blockers">What blocks the most products</h2>'
        '<p class="muted">Requirements between products and their next level, by how many products '
        "they hold back: the platform team's backlog.</p>"
        '<div class="scroll"><table class="cards"><thead><tr><th class="number">#</th>'
        "<th>Requirement</th>"
        '<th class="number">Level</th><th>Products blocked</th><th>How to meet it</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _products(portfolio: Portfolio) -> str:
    parts = [f'<h2 id="products">Products by {portfolio.group_by}</h2>']
    other = "team" if portfolio.group_by == "brand" else "brand"
    for name, members in portfolio.groups().items():
        rows = "".join(_product_row(p, portfolio, other) for p in members)
        parts.append(
            f'<h3>{escape(name)} <span class="muted">({len(members)})</span></h3>'
            '<div class="scroll"><table class="cards products"><colgroup><col class="c-name">'
            '<col class="c-owner"><col class="c-level"><col class="c-certified">'
            '<col class="c-change">'
            '<col class="c-next"></colgroup><thead><tr><th>Product</th>'
            f'<th>{other.capitalize()}</th><th>Level</th><th class="number">Certified</th>'
            "<th>Change</th><th>Next level needs</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )
    return "".join(parts)


def _product_row(product: Product, portfolio: Portfolio, other: str) -> str:
    blocking = list(product.blocking)
    shown = ", ".join(blocking[:SHOWN_BLOCKING]) + (
        f" +{len(blocking) - SHOWN_BLOCKING}" if len(blocking) > SHOWN_BLOCKING else ""
    )
    needs = (
        "top level"
        if product.next_level is None
        else f"level {product.next_level}: {shown or 'nothing left'}"
    )
    return (
        f'<tr data-product="{escape(_search_key(product))}"><td><b>{escape(product.name)}</b></td>'
        f'<td data-label="{other.capitalize()}">{escape(getattr(product, other))}</td>'
        f'<td data-label="Level">{level_chip(product.level, product.level_name)}</td>'
        f'<td class="number" data-label="Certified">{product.certified_level}</td>'
        f'<td data-label="Change">{_change(portfolio.change(product.name)) or "—"}</td>'
        f'<td class="ids" data-label="Next">{escape(needs)}</td></tr>'
    )


def _search_key(product: Product) -> str:
    return f"{product.name} {product.brand} {product.team}".lower()


def _heat_map(portfolio: Portfolio) -> str:
    columns = portfolio.columns
    legend = "".join(
        f'<li><span class="status {css}"></span>{words}</li>' for css, words in LEGEND.items()
    )
    legend += (
        '<li><span class="status met" style="opacity:.45"></span>preview (not counted yet)</li>'
    )
    head, areas = ["<th></th>"], None
    for column in columns:
        if areas is not None and column.area != areas:
            head.append('<th class="gap"></th>')
        areas = column.area
        head.append(
            f'<th class="req" scope="col" title="{escape(column.title)}">'
            f'<a href="{escape(column.golden_path)}">{column.id}</a></th>'
        )
    parts = [
        '<h2 id="heat-map">Every requirement by product</h2>',
        f'<p class="muted">One row per product, one column per requirement (by area); the top row '
        f"is the share of the {portfolio.group_by}'s products, among those it applies to, "
        "that meet it.</p>",
        f'<ul class="legend">{legend}</ul>',
    ]
    for name, members in portfolio.groups().items():
        share = {
            row["id"]: row
            for row in requirement_counts(replace(portfolio, products=tuple(members)))
        }
        rows = [_share_row(columns, share)] + [_heat_row(p, columns) for p in members]
        parts.append(
            f'<details class="heat-group" open><summary>{escape(name)} ({len(members)})</summary>'
            f'<div class="scroll"><table class="heat"><thead><tr>{"".join(head)}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div></details>"
        )
    return "".join(parts)


def _share_row(columns, share) -> str:
    cells, area = ['<th class="name">% meeting</th>'], None
    for column in columns:
        if area is not None and column.area != area:
            cells.append('<td class="gap"></td>')
        area = column.area
        row = share[column.id]
        percent = f"{100 * row['met'] / row['applicable']:.0f}" if row["applicable"] else ""
        cells.append(f"<td>{percent}</td>")
    return f'<tr class="share">{"".join(cells)}</tr>'


def _heat_row(product: Product, columns) -> str:
    name = escape(product.name)
    cells, area = [f'<th class="name" scope="row" title="{name}">{name}</th>'], None
    for column in columns:
        if area is not None and column.area != area:
            cells.append('<td class="gap"></td>')
        area = column.area
        status = product.statuses.get(column.id)
        css = STATUS_CLASSES.get(status, "missing") if status else "missing"
        preview = " preview" if column.id in product.previews else ""
        said = STATUS_WORDS.get(status, "not reported") if status else "not reported"
        cells.append(f'<td class="cell {css}{preview}" title="{name} · {column.id}: {said}"></td>')
    return f'<tr data-product="{escape(_search_key(product))}">{"".join(cells)}</tr>'


def _golden_path(url: str) -> str:
    return f'<a href="{escape(url)}">golden path</a>'


def _errors(portfolio: Portfolio) -> str:
    if not portfolio.errors:
        return ""
    items = "".join(
        f"<li><code>{escape(path)}</code>: {escape(message)}</li>"
        for path, message in portfolio.errors
    )
    return f'<h2 id="not-included">Not included</h2><ul>{items}</ul>'
