"""What the checker imports, it declares: a user who runs `pip install mlops-standards` gets
every module `mlops-standards check` needs, and nothing of the site's."""

from __future__ import annotations

import ast
import sys
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement

PACKAGE = Path(__file__).parents[2] / "src" / "mlops_standards"
# Distribution names whose import name differs from the project name.
IMPORT_NAMES = {"pyyaml": "yaml", "markdown-it-py": "markdown_it"}


def _imported_top_level(paths: list[Path]) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_the_checker_imports_only_what_it_declares() -> None:
    # The site's MkDocs extension (site/) runs under the `docs` extra; everything else is the checker.
    checker = [p for p in PACKAGE.rglob("*.py") if "site" not in p.relative_to(PACKAGE).parts]
    third_party = _imported_top_level(checker) - set(sys.stdlib_module_names) - {"mlops_standards"}
    base = [Requirement(r) for r in requires("mlops-standards") or [] if "extra ==" not in r]
    declared = {IMPORT_NAMES.get(r.name.lower(), r.name.lower().replace("-", "_")) for r in base}
    assert third_party <= declared, sorted(third_party - declared)
    assert declared <= third_party, ("declared but never imported", sorted(declared - third_party))
