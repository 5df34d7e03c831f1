"""Catalog -> Markdown. Pure functions: the output depends only on the catalog and the page path."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from html import escape

from mlops_standards.catalog import DIMENSIONS, Catalog, Requirement

APPLIES = {"all": "all products", "batch": "batch products", "real-time": "real-time products"}


def link(target: str, page: str) -> str:
    """A site path like `methodology/x.md#a`, made relative to the page that links to it.

    An organisation's own requirements may link to its own pages: an http(s) URL is kept.
    """
    if target.startswith(("http://", "https://")):
        return target
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
        f"{requirement.verification.method} verification" + lifecycle(requirement)
    )


def _named(catalog: Catalog, r: Requirement, page: str) -> str:
    return f"{requirement_link(catalog, r, page)} {r.title}{retired_mark(r)}"


def retired_mark(requirement: Requirement) -> str:
    """` (retired)` after a retired requirement's title wherever a page names it."""
    return " *(retired)*" if requirement.deprecated else ""


def lifecycle(requirement: Requirement) -> str:
    """` · **retired**` or ` · **preview**, counts from 2027-03-01`; nothing for one in force."""
    if requirement.deprecated:
        return " · **retired**: no longer required; its ID stays reserved"
    if requirement.counts_from is not None:
        return f" · **preview**: reported now, counts from {requirement.counts_from.isoformat()}"
    return ""


def heading(catalog: Catalog, requirement_id: str, page: str, depth: int = 2) -> str:
    """A section heading for one requirement on a methodology or golden-path page.

    Under it, the level line and links to the requirement's two other places: its standard and,
    on a methodology page, its golden path, or, on a golden-path page, its methodology.
    """
    requirement = catalog.get(requirement_id)
    hashes = "#" * depth
    return (
        f"{hashes} {requirement.id} · {requirement.title} {{#{requirement.anchor}}}\n\n"
        f"{meta_line(catalog, requirement)}  \n{places(catalog, requirement, page)}\n"
    )


def places(catalog: Catalog, requirement: Requirement, page: str) -> str:
    """Links to where a requirement is stated, explained and met, leaving out the current page."""
    here = page.partition("#")[0]
    slug = catalog.area(requirement.area).slug
    targets = [
        ("Standard", f"standards/{slug}.md#{requirement.anchor}"),
        ("Why: methodology", requirement.methodology),
        ("How: golden path", requirement.golden_path),
    ]
    links = [
        f"[{label}]({link(target, page)})"
        for label, target in targets
        if target.partition("#")[0] != here
    ]
    return '<span class="mlops-places">' + " · ".join(links) + "</span>"


def requirement_reference(catalog: Catalog, requirement_id: str, page: str) -> str:
    """An inline reference: the ID linked to its standard, then its title from the catalog."""
    requirement = catalog.get(requirement_id)
    title = f"*{requirement.title}*{retired_mark(requirement)}"
    return f"{requirement_link(catalog, requirement, page)} {title}"


def requirement_list(catalog: Catalog, requirement_ids: list[str], page: str) -> str:
    """A list of requirements, each with its level and links to why and how."""
    lines = []
    for requirement_id in requirement_ids:
        requirement = catalog.get(requirement_id)
        lines.append(
            f"- {requirement_reference(catalog, requirement.id, page)}: level {requirement.level}"
            f", {APPLIES[requirement.applies_to]} · [why]({link(requirement.methodology, page)})"
            f" · [how]({link(requirement.golden_path, page)})"
        )
    return "\n".join(lines) + "\n"


def standards(catalog: Catalog, prefix: str, page: str) -> str:
    """One area's requirements: a printable checklist, then one section per requirement."""
    area = catalog.area(prefix)
    requirements = catalog.in_area(prefix)
    lines = [f"{area.summary}\n", '<div class="mlops-checklist" markdown>\n']
    lines += [
        f"- [ ] [{r.id}](#{r.anchor}) {r.title} — level {r.level}, {r.verification.method}"
        + (f", {r.applies_to} only" if r.applies_to != "all" else "")
        + (f", counts from {r.counts_from.isoformat()}" if r.counts_from else "")
        for r in requirements
        if not r.deprecated
    ]
    lines.append("\n</div>\n")
    for r in requirements:
        lines += [
            f"## {r.id} · {r.title} {{#{r.anchor}}}\n",
            f"{meta_line(catalog, r)}\n",
            f"{r.summary}\n",
            f"**Evidence:** {r.verification.evidence}\n",
            *_recognised(catalog, r),
            places(catalog, r, page)
            + f" · `mlops-standards explain {r.id}`"
            + (f"  \nSources: {_sources(catalog, r)}" if _sources(catalog, r) else "")
            + "\n",
        ]
    return "\n".join(lines)


def _recognised(catalog: Catalog, r: Requirement) -> list[str]:
    """The tools the checker recognises for a requirement, from tools.yaml, as one line."""
    tools = catalog.tools.recognised(r.verification.practices)
    if not tools:
        return []
    names = ", ".join(f"[{escape(t.label)}]({t.url})" if t.url else escape(t.label) for t in tools)
    return [f"**Recognised by the checker:** {names}\n"]


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
            r.title + (f" *(preview, counts from {r.counts_from})*" if r.counts_from else ""),
            catalog.area(r.area).name,
            APPLIES[r.applies_to],
            r.verification.method,
        )
        for r in catalog.at_level(level)
        if not r.deprecated
    ]
    if not rows:
        return "_This level adds no requirement._\n"
    return _table(("ID", "Requirement", "Area", "Applies to", "Verified"), rows)


def crosswalk(catalog: Catalog, page: str) -> str:
    """Every MMA statement mapped to requirements or marked out of scope, per section."""
    out: list[str] = []
    for section, name in catalog.mma_sections.items():
        out.append(f"### MMA section {section}: {name} {{#mma-section-{section}}}\n")
        rows = []
        for item in (i for i in catalog.mma_items if i.section == section):
            covering = catalog.covering(item.item)
            if not covering:
                rows.append(
                    (
                        str(item.item),
                        item.statement,
                        f"Out of scope: {item.out_of_scope}",
                        "",
                        "",
                        "",
                    )
                )
                continue
            rows.append(
                (
                    str(item.item),
                    item.statement,
                    "<br>".join(_named(catalog, r, page) for r in covering),
                    _levels(r.sources.microsoft for r in covering),
                    _levels(r.sources.google for r in covering),
                    ", ".join(sorted({t for r in covering for t in r.sources.ml_test_score})),
                )
            )
        out.append(
            _table(
                ("MMA", "Statement", "Our requirements", "Microsoft", "Google", "ML Test Score"),
                rows,
            )
        )
    return "\n".join(out)


def _levels(values: Iterable[int | None]) -> str:
    present = sorted({v for v in values if v is not None})
    return ", ".join(str(v) for v in present)


def ml_test_score(catalog: Catalog, page: str) -> str:
    """Every ML Test Score test with the requirements that cite it."""
    rows = []
    for test, meaning in catalog.ml_test_score.items():
        covering = [r for r in catalog if test in r.sources.ml_test_score]
        ids = "<br>".join(_named(catalog, r, page) for r in covering)
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


def dimensions(catalog: Catalog, page: str) -> str:
    """The level x dimension matrix, as an HTML table that turns into one card per level on a phone.

    Raw HTML, so that each cell can carry its column's name for the narrow layout; links in it
    are page anchors, hence only on the maturity-model page, where each level has its section.
    """
    here = page == "maturity-model.md"
    head = "".join(f"<th>{escape(name)}</th>" for name in DIMENSIONS.values())
    rows = []
    for level in catalog.levels:
        title = f"Level {level.level}: {escape(level.name)}"
        if here:
            title = f'<a href="#level-{level.level}">{title}</a>'
        cells = "".join(
            f'<td data-label="{escape(name)}">{escape(level.dimensions[key])}</td>'
            for key, name in DIMENSIONS.items()
        )
        rows.append(f'<tr><th scope="row">{title}</th>{cells}</tr>')
    return (
        '<div class="mlops-matrix-wrap"><table class="mlops-matrix">'
        f"<thead><tr><th>Level</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>\n"
    )


def capability_added(catalog: Catalog, level: int) -> tuple[list[str], list[str]]:
    """What a level's capability adds to the one below: (all of these, any one of these)."""
    rule = catalog.levels[level].reached_when
    below = catalog.levels[level - 1].reached_when if level > 0 else None
    before = set(below.requirements) if below else set()
    return [r for r in rule.all_of if r not in before], [r for r in rule.any_of if r not in before]


def level_rule(catalog: Catalog, page: str) -> str:
    """How each level is reached, from the catalog's `reached_when` rules, as a table."""
    rows = []
    for level in catalog.levels:
        if level.level == 0:
            rows.append(("0", level.name, "where every product starts", "—"))
            continue
        all_of, any_of = capability_added(catalog, level.level)
        shown = [requirement_reference(catalog, rid, page) for rid in all_of]
        if any_of:
            shown.append(" or ".join(requirement_reference(catalog, rid, page) for rid in any_of))
        checklist = sum(len(catalog.at_level(n)) for n in range(1, level.level + 1))
        rows.append(
            (
                str(level.level),
                level.name,
                ("level " + str(level.level - 1) + "'s, and " if level.level > 1 else "")
                + ", and ".join(shown),
                (
                    "every requirement of level 1"
                    if level.level == 1
                    else f"every requirement of levels 1 to {level.level}"
                )
                + f" that applies ({checklist} in all)",
            )
        )
    return _table(("Level", "Name", "The level: the repository shows", "Certified: also met"), rows)
