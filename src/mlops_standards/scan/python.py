"""Python sources and notebooks summarised from their syntax tree: imports, calls, definitions.

The tree comes from `ast.parse`; nothing is imported or run. Call names are resolved through
the module's import aliases, so `import mlflow as mf; mf.log_metric(...)` is seen as
`mlflow.log_metric`.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cached_property

TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test)\.py$")


@dataclass(frozen=True)
class Call:
    """One call in a module."""

    name: str
    """Dotted name of the callee, with import aliases resolved (`mlflow.log_metric`)."""
    line: int
    """1-based line of the call."""
    keywords: frozenset[str]
    """Names of the keyword arguments passed a value other than a literal `None`."""
    arity: int
    """How many arguments (positional and keyword) are passed."""
    strings: tuple[str, ...]
    """String constants among the positional and keyword arguments."""


@dataclass(frozen=True)
class Module:
    """What the checks need to know about one Python module or notebook."""

    path: str
    """POSIX path relative to the repository root."""
    text: str
    """The source; for a notebook, its code cells joined with blank lines."""
    imports: frozenset[str]
    """Every imported module, dotted, and each of its parents (`sklearn.ensemble`, `sklearn`)."""
    calls: tuple[Call, ...]
    """Every call, in source order."""
    functions: tuple[tuple[str, int], ...]
    """Names and lines of the functions defined, nested ones included."""
    classes: tuple[tuple[str, tuple[str, ...], int], ...]
    """Names, base names (dotted, aliases resolved) and lines of the classes defined."""
    notebook: bool = False
    """Whether the module is a notebook's code cells."""

    @property
    def is_test(self) -> bool:
        """Whether this is a test module (`test_*.py` or `*_test.py`)."""
        return bool(TEST_FILE.search(self.path))

    @cached_property
    def test_functions(self) -> tuple[tuple[str, int], ...]:
        """Functions named `test*` when this is a test module."""
        return tuple(f for f in self.functions if f[0].startswith("test")) if self.is_test else ()

    def line_of(self, offset: int) -> int:
        """The 1-based line of a character offset in `text`."""
        return self.text.count("\n", 0, offset) + 1


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):  # `Client().create(...)`: keep the chain readable
        inner = dotted(node.func)
        return ".".join([f"{inner}()", *reversed(parts)]) if inner else None
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def summarise(path: str, tree: ast.Module, text: str, notebook: bool = False) -> Module:
    """Summarise a parsed module for the checks."""
    aliases: dict[str, str] = {}
    imports: set[str] = set()
    calls: list[Call] = []
    functions: list[tuple[str, int]] = []
    classes: list[tuple[str, tuple[str, ...], int]] = []

    def resolve(name: str) -> str:
        head, _, rest = name.partition(".")
        full = aliases.get(head, head)
        return f"{full}.{rest}" if rest else full

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imports.add(alias.name)
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imports.add(node.module)
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name is None:
                continue
            values = [*node.args, *(k.value for k in node.keywords)]
            strings = tuple(
                v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            keywords = frozenset(
                k.arg
                for k in node.keywords
                if k.arg and not (isinstance(k.value, ast.Constant) and k.value.value is None)
            )
            calls.append(Call(resolve(name), node.lineno, keywords, len(values), strings))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions.append((node.name, node.lineno))
        elif isinstance(node, ast.ClassDef):
            bases = tuple(resolve(b) for b in map(dotted, node.bases) if b)
            classes.append((node.name, bases, node.lineno))
    parents = {".".join(i.split(".")[:n]) for i in imports for n in range(1, i.count(".") + 1)}
    calls.sort(key=lambda c: c.line)
    return Module(
        path,
        text,
        frozenset(imports | parents),
        tuple(calls),
        tuple(sorted(functions, key=lambda f: f[1])),
        tuple(sorted(classes, key=lambda c: c[2])),
        notebook,
    )


def notebook_source(notebook: dict) -> str:
    """The code cells of a notebook joined into one module; IPython magics are commented out."""
    cells = []
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        # `%pip install x` and `!ls` are not Python; keep the line count, drop the syntax.
        cells.append(re.sub(r"(?m)^(\s*)([%!])", r"\1#\2", text))
    return "\n\n".join(cells)
