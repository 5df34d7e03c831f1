"""Monorepos: where a repository holds several independent projects, and which they are.

A repository is a monorepo when its root declares no package of its own and two or more of
its folders do (a pyproject, setup.py or setup.cfg with package metadata), and those projects
do not import one another. Packages that import each other (a training package and the
MLOps package that drives it) are one product, assessed as one.
"""

from __future__ import annotations

import posixpath

from .facts import Facts, is_test_code

NOT_PROJECTS = ("tests/", "test/", "docs/", "examples/", "example/", "templates/", "fixtures/")


def _project_folder(manifest: str) -> str:
    """The folder a manifest makes a project of (`svc/` for `svc/src/setup.py`)."""
    folder = posixpath.dirname(manifest)
    if folder.endswith("/src") or folder == "src":
        folder = posixpath.dirname(folder)
    return folder + "/" if folder else ""


def _top_packages(facts: Facts, folder: str) -> set[str]:
    """Names a project's code is imported by: its top-level packages and modules."""
    names = set()
    for path in facts.module_index:
        if not path.startswith(folder):
            continue
        rest = path[len(folder) :].removeprefix("src/")
        head = rest.split("/", 1)[0]
        names.add(head.removesuffix(".py"))
    return {
        n for n in names if n.isidentifier() and n not in ("tests", "test", "setup", "conftest")
    }


def find_projects(facts: Facts) -> list[str]:
    """The project folders of a monorepo (`["llmops/", "mlops/"]`), or [] for one product."""
    folders = sorted({_project_folder(p.path) for p in facts.packages})
    if "" in folders or len(folders) < 2:
        return []
    folders = [
        f
        for f in folders
        if not f.startswith(NOT_PROJECTS)
        and not any(f != other and f.startswith(other) for other in folders)
    ]
    folders = [f for f in folders if not any(f.startswith(r) for r in facts.template_roots)]
    if len(folders) < 2:
        return []
    packages = {f: _top_packages(facts, f) for f in folders}
    # Projects that import one another are one product: merge them.
    groups = {f: {f} for f in folders}
    for folder in folders:
        for module in (m for p, m in facts.module_index.items() if p.startswith(folder)):
            if is_test_code(module):
                continue
            for other in folders:
                if (
                    other != folder
                    and groups[other] is not groups[folder]
                    and module.names(*packages[other])
                    and module.imports_any(*packages[other])
                ):
                    merged = groups[folder] | groups[other]
                    for member in merged:
                        groups[member] = merged
    distinct = {frozenset(g) for g in groups.values()}
    if len(distinct) < 2:
        return []
    return (
        sorted(min(g) for g in distinct if len(g) == 1)
        if all(len(g) == 1 for g in distinct)
        else []
    )
