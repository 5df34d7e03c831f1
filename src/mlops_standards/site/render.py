"""Catalog -> Markdown. Pure functions: the output depends only on the catalog and the page path."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from mlops_standards.catalog import Catalog, Requirement

APPLIES = {"all": "all products", "batch": "batch products", "real-time": "real-time products"}


def link(target: str, page: str) -> str:
    """A site path like `methodology/x.md#a`, made relative to the page that links to it."""
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    if path == page:
        relative = ""
    return f"{relative}#{anchor}" if anchor else relative


def requirement_link(catalog: Catalog, requirement: Requirement, page: str) -> str:
    """Link to a requirement's entry on its area's standards page."""
    slug = catalog.area(requirement.area).slug
    return f"[{requirement.id}]({link(f'standards/{slug}.md#{requirement.anchor}', page)})"


def meta_line(catalog: Catalog, requirement: Requirement) -> str:
    """Level, applicability and verification as one line."""
    level = catalog.levels[requirement.level]
    return (
        f"**Level {requirement.level}** ({level.name}) · {APPLIES[requirement.applies_to]} · "
        f"{requirement.verification.method} verification"
    )


def heading(catalog: Catalog, requirement_id: str, page: str, depth: int = 2) -> str:
    """A section heading for one requirement on a methodology or golden-path page."""
    requirement = catalog.get(requirement_id)
    hashes = "#" * depth
    back = requirement_link(catalog, requirement, page)
    return (
        f"{hashes} {requirement.id} · {requirement.title} {{#{requirement.anchor}}}\n\n"
        f"{meta_line(catalog, requirement)} · standard {back}\n"
    )


def standards(catalog: Catalog, prefix: str, page: str) -> str:
    """One area's requirements: a printable checklist, then one section per requirement."""
    area = catalog.area(prefix)
    requirements = catalog.in_area(prefix)
    lines = [f"{area.summary}\n", '<div class="mlops-checklist" markdown>\n']
    lines += [
        f"- [ ] [{r.id}](#{r.anchor}) {r.title} — level {r.level}, {r.verification.method}"
        + (f", {r.applies_to} only" if r.applies_to != "all" else "")
        for r in requirements
    ]
    lines.append("\n</div>\n")
    for r in requirements:
        lines += [
            f"## {r.id} · {r.title} {{#{r.anchor}}}\n",
            f"{meta_line(catalog, r)}\n",
            f"{r.summary}\n",
            f"**Evidence:** {r.verification.evidence}\n",
            f"[Why: methodology]({link(r.methodology, page)}) · "
            f"[How: golden path]({link(r.golden_path, page)})"
            + (f" · Sources: {_sources(catalog, r)}" if _sources(catalog, r) else "")
            + "\n",
        ]
    return "\n".join(lines)


def _sources(catalog: Catalog, r: Requirement) -> str:
    parts = []
    if r.sources.mma:
        parts.append("MMA " + ", ".join(str(i) for i in r.sources.mma))
    if r.sources.microsoft is not None:
        parts.append(f"Microsoft level {r.sources.microsoft}")
    if r.sources.google is not None:
        parts.append(f"Google level {r.sources.google}")
    if r.sources.ml_test_score:
        parts.append("ML Test Score " + ", ".join(r.sources.ml_test_score))
    parts += list(r.sources.other)
    return "; ".join(parts)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    header = list(header)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def level_requirements(catalog: Catalog, level: int, page: str) -> str:
    """The requirements a maturity level adds, as a table."""
    rows = [
        (
            requirement_link(catalog, r, page),
            r.title,
            catalog.area(r.area).name,
            APPLIES[r.applies_to],
            r.verification.method,
        )
        for r in catalog.at_level(level)
    ]
    if not rows:
        return "_This level adds no requirement._\n"
    return _table(("ID", "Requirement", "Area", "Applies to", "Verified"), rows)


def staircase(catalog: Catalog) -> str:
    """An inline SVG of the maturity levels as steps, with how many requirements each adds."""
    step_w, base_h, rise = 150, 96, 30
    top = base_h + rise * (len(catalog.levels) - 1)
    parts = [
        f'<svg class="mlops-staircase" viewBox="0 0 {step_w * len(catalog.levels) + 10} {top + 10}"'
        ' role="img" aria-label="Maturity levels 0 to 4 as a staircase"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    for level in catalog.levels:
        count = len(catalog.at_level(level.level))
        x, height = 5 + level.level * step_w, base_h + rise * level.level
        y = top + 5 - height
        parts.append(
            f'<rect x="{x}" y="{y}" width="{step_w - 6}" height="{height}" rx="6"'
            f' class="mlops-step mlops-step-{level.level}"/>'
        )
        lines = [f"Level {level.level}", *_wrap(level.name, 18)]
        lines.append(f"+{count} requirement{'s' if count != 1 else ''}")
        for i, text in enumerate(lines):
            css = "mlops-step-title" if i == 0 else "mlops-step-text"
            parts.append(f'<text x="{x + 10}" y="{y + 22 + 17 * i}" class="{css}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def crosswalk(catalog: Catalog, page: str) -> str:
    """Every MMA statement mapped to requirements or marked out of scope, per section."""
    out: list[str] = []
    for section, name in catalog.mma_sections.items():
        out.append(f"### MMA section {section}: {name} {{#mma-section-{section}}}\n")
        rows = []
        for item in (i for i in catalog.mma_items if i.section == section):
            covering = catalog.covering(item.item)
            if not covering:
                rows.append((str(item.item), item.statement, f"Out of scope: {item.out_of_scope}",
                             "", "", ""))  # fmt: skip
                continue
            rows.append((
                str(item.item),
                item.statement,
                ", ".join(requirement_link(catalog, r, page) for r in covering),
                _levels(r.sources.microsoft for r in covering),
                _levels(r.sources.google for r in covering),
                ", ".join(sorted({t for r in covering for t in r.sources.ml_test_score})),
            ))  # fmt: skip
        out.append(_table(("MMA", "Statement", "Our requirements", "Microsoft", "Google",
                            "ML Test Score"), rows))  # fmt: skip
    return "\n".join(out)


def _levels(values: Iterable[int | None]) -> str:
    present = sorted({v for v in values if v is not None})
    return ", ".join(str(v) for v in present)


def ml_test_score(catalog: Catalog, page: str) -> str:
    """Every ML Test Score test with the requirements that cite it."""
    rows = []
    for test, meaning in catalog.ml_test_score.items():
        covering = [r for r in catalog if test in r.sources.ml_test_score]
        ids = ", ".join(requirement_link(catalog, r, page) for r in covering)
        rows.append((test, meaning, ids or "—"))
    return _table(("Test", "What it asks", "Our requirements"), rows)


def changelog(catalog: Catalog) -> str:
    """The changelog of the standards, newest first."""
    out = []
    for release in catalog.changelog:
        out.append(
            f"## {release.version} ({release.date}) {{#v{release.version.replace('.', '-')}}}\n"
        )
        out += [f"- {change}" for change in release.changes]
        out.append("")
    return "\n".join(out)


def satisfies(catalog: Catalog, page: str) -> str:
    """The requirements whose golden path points at this page, as a list of links."""
    met = [r for r in catalog if r.golden_path.partition("#")[0] == page]
    if not met:
        return ""
    items = [
        f"- {requirement_link(catalog, r, page)} {r.title} ([how](#{r.golden_path.split('#')[1]}))"
        for r in met
    ]
    return "This golden path meets:\n\n" + "\n".join(items) + "\n"
