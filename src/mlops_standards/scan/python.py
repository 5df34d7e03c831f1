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
from typing import Any

TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test)\.py$")
TEST_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(test\w*)[ \t]*\(", re.M)


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


class Module:
    """What the checks need to know about one Python module or notebook.

    The text is read by the scan; the syntax tree is built only when a check first asks
    for imports, calls or definitions, and only its summary is kept. Checks filter modules
    by a word of their text first, so a large repository is not parsed module by module.
    """

    def __init__(self, path: str, text: str, notebook: bool = False) -> None:
        self.path = path
        """POSIX path relative to the repository root."""
        self.text = text
        """The source; for a notebook, its code cells joined with blank lines."""
        self.notebook = notebook
        """Whether the module is a notebook's code cells."""

    def __repr__(self) -> str:
        return f"Module({self.path!r})"

    @cached_property
    def _summary(self) -> Summary | str:
        try:
            return summarise(ast.parse(self.text, filename=self.path))
        except (SyntaxError, ValueError, RecursionError) as error:  # ValueError: NUL bytes
            return f"malformed {'notebook code' if self.notebook else 'Python'}: {error}"

    @property
    def error(self) -> str | None:
        """Why the module could not be parsed, once a check has asked for its tree."""
        if "_summary" not in self.__dict__:
            return None
        return self._summary if isinstance(self._summary, str) else None

    def _part(self, name: str) -> Any:
        summary = self._summary
        return getattr(summary, name) if isinstance(summary, Summary) else getattr(EMPTY, name)

    @property
    def imports(self) -> frozenset[str]:
        """Every imported module, dotted, and its parents (`sklearn.ensemble`, `sklearn`)."""
        return self._part("imports")

    @property
    def calls(self) -> tuple[Call, ...]:
        """Every call, in source order."""
        return self._part("calls")

    @property
    def classes(self) -> tuple[tuple[str, tuple[str, ...], int], ...]:
        """Names, base names (dotted, aliases resolved) and lines of the classes defined."""
        return self._part("classes")

    @property
    def is_test(self) -> bool:
        """Whether this is a test module (`test_*.py` or `*_test.py`)."""
        return bool(TEST_FILE.search(self.path))

    @cached_property
    def test_functions(self) -> tuple[tuple[str, int], ...]:
        """Names and lines of the `test*` functions of a test module, found without parsing."""
        if not self.is_test:
            return ()
        return tuple((m.group(1), self.line_of(m.start(1))) for m in TEST_DEF.finditer(self.text))

    def mentions(self, *words: str) -> bool:
        """Whether the text contains any of `words`: a cheap filter before parsing."""
        return any(word in self.text for word in words)

    def line_of(self, offset: int) -> int:
        """The 1-based line of a character offset in `text`."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Summary:
    """The parts of a syntax tree that the checks use."""

    imports: frozenset[str] = frozenset()
    calls: tuple[Call, ...] = ()
    classes: tuple[tuple[str, tuple[str, ...], int], ...] = ()


EMPTY = Summary()


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


def summarise(tree: ast.Module) -> Summary:
    """Summarise a parsed module: imports, calls with aliases resolved, classes."""
    aliases: dict[str, str] = {}
    imports: set[str] = set()
    raw: list[tuple[str, ast.Call]] = []
    classes: list[tuple[str, tuple[str, ...], int]] = []
    bases: list[tuple[str, list[str], int]] = []
    # One walk; names are resolved afterwards, once every import alias is known.
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name is not None:
                raw.append((name, node))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                imports.add(alias.name)
                top = alias.name.split(".")[0]
                aliases[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imports.add(node.module)
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.ClassDef):
            bases.append((node.name, [b for b in map(dotted, node.bases) if b], node.lineno))

    def resolve(name: str) -> str:
        head, _, rest = name.partition(".")
        full = aliases.get(head, head)
        return f"{full}.{rest}" if rest else full

    calls = [_call(resolve(name), node) for name, node in raw]
    classes = [(name, tuple(map(resolve, own)), line) for name, own, line in bases]
    parents = {".".join(i.split(".")[:n]) for i in imports for n in range(1, i.count(".") + 1)}
    return Summary(
        frozenset(imports | parents),
        tuple(sorted(calls, key=lambda c: c.line)),
        tuple(sorted(classes, key=lambda c: c[2])),
    )


def _call(name: str, node: ast.Call) -> Call:
    values = [*node.args, *(k.value for k in node.keywords)]
    strings = tuple(
        v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
    )
    keywords = frozenset(
        k.arg
        for k in node.keywords
        if k.arg and not (isinstance(k.value, ast.Constant) and k.value.value is None)
    )
    return Call(name, node.lineno, keywords, len(values), strings)


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
