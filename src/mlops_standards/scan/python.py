"""Python sources and notebooks as records: imports, calls, definitions, each with its line.

The syntax tree comes from `ast.parse`; nothing is imported or run. Names are resolved the
way a reader resolves them: through the module's imports (`import mlflow as mf` makes
`mf.log_metric` `mlflow.log_metric`) and through simple assignments (`client = MlflowClient()`
makes `client.log_metric` `mlflow.MlflowClient().log_metric`). Comments are not in the tree,
so they are never evidence.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .templates import render_neutral

TEMPLATE_SYNTAX = "template syntax; read as text"
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_test)\.py$|(^|/)tests?/([^/]+/)*[^/]*tests?\.py$")
Literal = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Import:
    """An imported module (`import a.b`, `from a.b import c` both give `a.b`)."""

    module: str
    line: int


@dataclass(frozen=True, slots=True)
class Call:
    """One call, with what its arguments are made of."""

    name: str
    """Dotted callee with imports and simple assignments resolved (`mlflow.log_metric`)."""
    line: int
    args: tuple[Any, ...] = ()
    """Positional arguments: a literal, or `Source` naming where a non-literal value comes from."""
    keywords: dict[str, Any] = field(default_factory=dict)
    """Keyword arguments, valued like `args`."""
    function: str | None = None
    """The function the call is made in (None at module level)."""
    guards: tuple[str, ...] = ()
    """Names, attributes and strings of the comparisons of the `if`/`while` tests around it."""

    @property
    def leaf(self) -> str:
        """The callee's last name (`log_metric` for `mlflow.log_metric`)."""
        return self.name.rsplit(".", 1)[-1]

    def argument(self, position: int, keyword: str) -> Any:
        """The argument passed at `position` or as `keyword` (None when absent)."""
        if keyword in self.keywords:
            return self.keywords[keyword]
        return self.args[position] if position < len(self.args) else None

    @property
    def strings(self) -> tuple[str, ...]:
        """String literals among the arguments."""
        values = (*self.args, *self.keywords.values())
        return tuple(v for v in values if isinstance(v, str) and not isinstance(v, Source))


class Source(str):
    """A non-literal argument, named by what produces it: `os.environ.get()`, `args.seed`."""


@dataclass(frozen=True, slots=True)
class Function:
    """A function or method definition."""

    name: str
    line: int
    decorators: tuple[str, ...]
    """Resolved dotted names of its decorators (`zenml.step`, `kfp.dsl.pipeline`)."""
    decorator_keywords: frozenset[str]
    """Keyword names passed to its decorators (`experiment_tracker`, `on_failure`)."""
    is_test: bool
    """Named `test*` in a test module, or a `test*` method of a test class."""
    substantive: bool
    """Whether the body does something: not only `pass`, `...`, a docstring, `assert True`,
    `raise NotImplementedError` or a skip."""
    calls: tuple[str, ...] = ()
    """Resolved names of the calls it makes, nested ones included."""
    compared: tuple[str, ...] = ()
    """Names, attributes and strings it compares (`new_rmse < best_rmse`), in tests and values."""
    annotations: tuple[str, ...] = ()
    """Resolved names in its parameter and return annotations (`ForecastRequest`, `dict`)."""


@dataclass(frozen=True, slots=True)
class Class:
    """A class definition."""

    name: str
    line: int
    bases: tuple[str, ...]
    """Resolved dotted names of its bases."""
    fields: int
    """How many annotated fields it declares (a schema's columns, a payload's attributes)."""
    decorators: tuple[str, ...] = ()
    """Resolved dotted names of its decorators (`bentoml.service`)."""


@dataclass(frozen=True, slots=True)
class Raise:
    """A `raise` statement, with the comparisons it is guarded by."""

    exception: str
    line: int
    guards: tuple[str, ...]
    function: str | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A name given the result of a call: `seed = random.randint(0, 99)`."""

    target: str
    source: str
    """The resolved callee, with `()`: `random.randint()`."""
    line: int


@dataclass(frozen=True, slots=True)
class Summary:
    """What a module is made of, as records."""

    imports: tuple[Import, ...] = ()
    calls: tuple[Call, ...] = ()
    functions: tuple[Function, ...] = ()
    classes: tuple[Class, ...] = ()
    raises: tuple[Raise, ...] = ()
    strings: tuple[tuple[str, int], ...] = ()
    """String constants (f-string parts included) of up to 300 characters, with their line."""
    assignments: tuple[Assignment, ...] = ()


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name; calls in the chain are kept as `f()`."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call):
        inner = dotted(node.func)
        return ".".join([f"{inner}()", *reversed(parts)]) if inner else None
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    if isinstance(node, ast.Subscript):
        inner = dotted(node.value)
        return ".".join([f"{inner}[]", *reversed(parts)]) if inner else None
    return None


def _trivial(statement: ast.stmt) -> bool:
    match statement:
        case ast.Pass() | ast.Expr(value=ast.Constant()):
            return True
        case ast.Assert(test=ast.Constant()):
            return True
        case ast.Raise(
            exc=ast.Name(id="NotImplementedError")
            | ast.Call(func=ast.Name(id="NotImplementedError"))
        ):
            return True
        case ast.Expr(value=ast.Call(func=ast.Attribute(attr="skip" | "xfail"))):
            return True
    return False


class _Reader(ast.NodeVisitor):
    """One pass over a tree, collecting raw records; names are resolved afterwards."""

    def __init__(self, is_test_module: bool, package: str = "") -> None:
        self.is_test_module = is_test_module
        self.package = package
        self.aliases: dict[str, str] = {}
        self.assigned: dict[str, str] = {}
        self.literals: dict[str, Any] = {}
        self.dicts: dict[str, ast.Dict] = {}
        self.assignment_lines: list[tuple[str, str, int]] = []
        self.imports: list[Import] = []
        self.raw_calls: list[tuple[str, ast.Call, str | None, tuple[str, ...]]] = []
        self.functions: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]] = []
        self.function_calls: dict[int, list[str]] = {}
        self.function_compares: dict[int, list[str]] = {}
        self.classes: list[ast.ClassDef] = []
        self.raises: list[tuple[str, int, tuple[str, ...], str | None]] = []
        self.strings: dict[str, int] = {}
        self._function: list[ast.AST] = []
        self._guards: list[tuple[str, ...]] = []
        self._test_class = 0

    # -- names ------------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.imports.append(Import(alias.name, node.lineno))
            top = alias.name.split(".")[0]
            self.aliases[alias.asname or top] = alias.name if alias.asname else top

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module
        if node.level:  # `from .training import x`: relative to this module's package
            parts = self.package.split(".") if self.package else []
            base = parts[: len(parts) - node.level + 1] if node.level > 1 else parts
            module = ".".join([*base, *([node.module] if node.module else [])]) or None
            if module and not node.module:  # `from . import training`
                for alias in node.names:
                    self.imports.append(Import(f"{module}.{alias.name}", node.lineno))
                    self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
                return
        if module:
            self.imports.append(Import(module, node.lineno))
            for alias in node.names:
                self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"

    def _assign(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        # Flow-insensitive, as a quick reader is: a name ever assigned from a call is that
        # call's result; one only ever assigned a literal is that literal.
        if isinstance(value, ast.Call) and (callee := dotted(value.func)):
            for target in targets:
                if name := dotted(target):
                    self.assigned[name] = f"{callee}()"
                    self.assignment_lines.append((name, f"{callee}()", value.lineno))
        elif isinstance(value, ast.Attribute) and (chain := dotted(value)) and "()" in chain:
            # An object reached from a call: `alerter = Client().active_stack.alerter`.
            for target in targets:
                if (name := dotted(target)) and name not in self.assigned:
                    self.assigned[name] = chain
        elif isinstance(value, ast.List | ast.Tuple) and value.elts:
            # A command line kept in a variable: `call = [sys.executable, "run.py"]`.
            words = [
                e.value
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
                else "python"
                if dotted(e) == "sys.executable"
                else None
                for e in value.elts
            ]
            if all(isinstance(w, str) for w in words):
                for target in targets:
                    if (name := dotted(target)) and name not in self.assigned:
                        self.literals.setdefault(name, tuple(words))
        elif isinstance(value, ast.Constant):
            for target in targets:
                if (name := dotted(target)) and name not in self.assigned:
                    self.literals.setdefault(name, value.value)
        elif isinstance(value, ast.Dict):
            for target in targets:
                if (name := dotted(target)) and name not in self.assigned:
                    self.dicts.setdefault(name, value)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assign(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assign([node.target], node.value)
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._assign([item.optional_vars], item.context_expr)
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    # -- structure --------------------------------------------------------------------------

    def _function_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        is_test = node.name.startswith("test") and (self.is_test_module or self._test_class > 0)
        self.functions.append((node, is_test))
        self.function_calls[id(node)] = []
        self.function_compares[id(node)] = []
        self._function.append(node)
        saved = self._guards
        self._guards = []
        for decorator in node.decorator_list:
            self.visit(decorator)
        for statement in node.body:
            self.visit(statement)
        self._guards = saved
        self._function.pop()

    visit_FunctionDef = _function_def
    visit_AsyncFunctionDef = _function_def

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node)
        bases = [dotted(b) or "" for b in node.bases]
        is_test_class = node.name.startswith("Test") or any(b.endswith("TestCase") for b in bases)
        self._test_class += is_test_class
        self.generic_visit(node)
        self._test_class -= is_test_class

    def _guarded(self, test: ast.expr, body: list[ast.stmt], orelse: list[ast.stmt]) -> None:
        self.visit(test)
        words = _compare_words(test)
        if words:
            self._guards.append(words)

        for statement in [*body, *orelse]:
            self.visit(statement)
        if words:
            self._guards.pop()

    def visit_If(self, node: ast.If) -> None:
        self._guarded(node.test, node.body, node.orelse)

    def visit_While(self, node: ast.While) -> None:
        self._guarded(node.test, node.body, node.orelse)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        words = _compare_words(node.test)
        if words:
            self._guards.append(words)
        self.generic_visit(node)
        if words:
            self._guards.pop()

    def visit_Compare(self, node: ast.Compare) -> None:
        # A comparison kept in a name (`accepted = new_mae < champion_mae`) gates as much as one
        # written in an `if`.
        if self._function:
            self.function_compares[id(self._function[-1])] += _compare_words(node)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        exception = (
            dotted(node.exc.func if isinstance(node.exc, ast.Call) else node.exc)
            if node.exc is not None
            else ""
        )
        self.raises.append((exception or "", node.lineno, self._guard_words(), self._name()))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = dotted(node.func)
        if name is not None:
            self.raw_calls.append((name, node, self._name(), self._guard_words()))
            if self._function:
                self.function_calls[id(self._function[-1])].append(name)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and len(node.value) <= 300:
            self.strings.setdefault(node.value, node.lineno)

    def visit_Expr(self, node: ast.Expr) -> None:
        # A string standing alone is a docstring or a comment in disguise: never evidence.
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return
        self.generic_visit(node)

    def _name(self) -> str | None:
        return getattr(self._function[-1], "name", None) if self._function else None

    def _guard_words(self) -> tuple[str, ...]:
        return tuple(word for words in self._guards for word in words)


def _compare_words(test: ast.expr) -> tuple[str, ...]:
    """The names, attributes and strings compared in a test; empty when nothing is compared."""
    compares = [n for n in ast.walk(test) if isinstance(n, ast.Compare)]
    compares += [
        n
        for n in ast.walk(test)
        if isinstance(n, ast.Call) and (dotted(n.func) or "").endswith(("max", "min"))
    ]
    if not compares:
        return ()
    words = []
    for compare in compares:
        for node in ast.walk(compare):
            if isinstance(node, ast.Name | ast.Attribute | ast.Subscript) and (
                name := dotted(node)
            ):
                words.append(name)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.append(node.value)
    return tuple(words)


def summarise(tree: ast.Module, is_test_module: bool, package: str = "") -> Summary:
    """The records of a parsed module, with names resolved.

    `package` is the dotted package the module is in, for its relative imports.
    """
    reader = _Reader(is_test_module, package)
    reader.visit(tree)

    def resolve(name: str, depth: int = 0) -> str:
        head, _, rest = name.partition(".")
        bare = head.removesuffix("()")
        called = head.endswith("()")
        if bare in reader.aliases:
            full = reader.aliases[bare] + ("()" if called else "")
        elif depth < 3 and not called and (target := _assignment(reader.assigned, name)):
            assigned, remainder = target
            return resolve(assigned + (f".{remainder}" if remainder else ""), depth + 1)
        else:
            full = head
        return f"{full}.{rest}" if rest else full

    depth_guard: dict[str, int] = {}

    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            return Source("f-string:" + "{}".join(str(p) for p in parts))
        if isinstance(node, ast.Call) and (callee := dotted(node.func)):
            return Source(resolve(callee) + "()")
        if isinstance(node, ast.Name | ast.Attribute | ast.Subscript) and (name := dotted(node)):
            if name in reader.assigned:
                return Source(resolve(reader.assigned[name]))
            if name in reader.dicts and depth_guard.setdefault(name, 0) == 0:
                depth_guard[name] = 1
                try:
                    return value(reader.dicts[name])
                finally:
                    depth_guard[name] = 0
            if name in reader.literals:
                return reader.literals[name]
            return Source(resolve(name))
        if (
            isinstance(node, ast.List | ast.Tuple)
            and node.elts
            and all(
                (isinstance(e, ast.Constant) and isinstance(e.value, str))
                or dotted(e) == "sys.executable"
                for e in node.elts
            )
        ):  # a command line as a list of words
            return tuple(e.value if isinstance(e, ast.Constant) else "python" for e in node.elts)
        if isinstance(node, ast.Dict) and all(
            k is None or (isinstance(k, ast.Constant) and isinstance(k.value, str))
            for k in node.keys
        ):
            # `{**git_tags(), "data.version": v}`: what is unpacked is kept under "**".
            result: dict[str, Any] = {}
            for k, v in zip(node.keys, node.values, strict=True):
                if k is None:
                    result.setdefault("**", []).append(value(v))
                else:
                    result[k.value] = value(v)
            return result
        if isinstance(node, ast.Dict | ast.List | ast.Tuple | ast.Set):
            return Source(type(node).__name__.lower())
        return Source("expression")

    calls = tuple(
        Call(
            resolve(name),
            node.lineno,
            tuple(value(a) for a in node.args),
            {k.arg: value(k.value) for k in node.keywords if k.arg},
            function,
            guards,
        )
        for name, node, function, guards in reader.raw_calls
    )
    functions = []
    for node, is_test in reader.functions:
        decorators = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
        keywords = frozenset(
            k.arg
            for d in node.decorator_list
            if isinstance(d, ast.Call)
            for k in d.keywords
            if k.arg
        )
        body = [
            s
            for s in node.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        functions.append(
            Function(
                node.name,
                node.lineno,
                tuple(resolve(n) for d in decorators if (n := dotted(d))),
                keywords,
                is_test,
                any(not _trivial(s) for s in body),
                tuple(resolve(n) for n in reader.function_calls.get(id(node), ())),
                tuple(dict.fromkeys(reader.function_compares.get(id(node), ()))),
                _annotations(node, resolve),
            )
        )
    classes = tuple(
        Class(
            node.name,
            node.lineno,
            tuple(resolve(n) for b in node.bases if (n := dotted(b))),
            sum(isinstance(s, ast.AnnAssign) for s in node.body),
            tuple(
                resolve(n)
                for d in node.decorator_list
                if (n := dotted(d.func if isinstance(d, ast.Call) else d))
            ),
        )
        for node in reader.classes
    )
    raises = tuple(
        Raise(resolve(e) if e else "", line, guards, fn) for e, line, guards, fn in reader.raises
    )
    assignments = tuple(
        Assignment(t, resolve(src), line) for t, src, line in reader.assignment_lines
    )
    return Summary(
        tuple(reader.imports),
        calls,
        tuple(functions),
        classes,
        raises,
        tuple(sorted(reader.strings.items(), key=lambda item: item[1])),
        assignments,
    )


def _annotations(node: ast.FunctionDef | ast.AsyncFunctionDef, resolve) -> tuple[str, ...]:
    """The names a function's annotations use, parameters then return."""
    annotations = [
        a.annotation
        for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
        if a.annotation is not None
    ]
    if node.returns is not None:
        annotations.append(node.returns)
    names = []
    for annotation in annotations:
        for part in ast.walk(annotation):
            if isinstance(part, ast.Name | ast.Attribute) and (name := dotted(part)):
                names.append(resolve(name))
            elif (
                isinstance(part, ast.Constant)
                and isinstance(part.value, str)
                and part.value.isidentifier()
            ):
                names.append(resolve(part.value))
    return tuple(dict.fromkeys(names))


def _assignment(assigned: dict[str, str], name: str) -> tuple[str, str] | None:
    """The assigned value of the longest prefix of `name`, and what follows the prefix."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        target = assigned.get(prefix)
        if target and "()" in target:
            return target, ".".join(parts[cut:])
    return None


class Module:
    """One Python module or notebook: its text is read by the scan, its tree built on first use.

    Checks filter modules by the words of their text before they ask for records, so a large
    repository is not parsed module by module for a search most modules cannot match.
    """

    def __init__(self, path: str, text: str, kind: str = "python", template: bool = False) -> None:
        self.path = path
        """POSIX path relative to the repository root."""
        self.text = text
        """The source; for a notebook, its code cells joined."""
        self.kind = kind
        """`python` or `notebook`."""
        self.template = template
        """Whether it may be a template: if it does not parse, it is rendered neutrally first."""

    def __repr__(self) -> str:
        return f"Module({self.path!r})"

    @property
    def notebook(self) -> bool:
        return self.kind == "notebook"

    @property
    def package(self) -> str:
        """The dotted package the module sits in, by its folders (`src.pkg` for `src/pkg/a.py`)."""
        return ".".join(self.path.split("/")[:-1])

    @property
    def is_test(self) -> bool:
        """Whether this is a test module by its name (`test_*.py`, `*_test.py`)."""
        return bool(TEST_FILE.search(self.path.removesuffix(".tmpl")))

    @cached_property
    def parsed(self) -> Summary | str:
        """The module's records, or why it could not be parsed.

        A module that does not parse is tried again with IPython magics commented out (as
        Databricks and Jupyter sources carry them), and a template rendered neutrally first.
        """
        attempts = [self.text, without_magics(self.text)]
        if self.template:
            attempts += [render_neutral(self.text), without_magics(render_neutral(self.text))]
        problem: Exception | None = None
        for text in dict.fromkeys(attempts):
            try:
                return summarise(ast.parse(text, filename=self.path), self.is_test, self.package)
            except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
                problem = problem or error
        if self.template:
            return TEMPLATE_SYNTAX
        what = "notebook code" if self.notebook else "Python"
        return f"not valid {what}: {problem}"

    @property
    def error(self) -> str | None:
        """Why the module could not be parsed (parsing it if it was not yet).

        A template whose syntax survives neutral rendering is not an error of the project.
        """
        parsed = self.parsed
        return parsed if isinstance(parsed, str) and parsed is not TEMPLATE_SYNTAX else None

    @property
    def records(self) -> Summary:
        """Its records; empty when it could not be parsed."""
        return self.parsed if isinstance(self.parsed, Summary) else EMPTY

    def mentions(self, *words: str) -> bool:
        """Whether the text contains any of `words`: the cheap filter before parsing."""
        return any(word in self.text for word in words)

    @cached_property
    def identifiers(self) -> frozenset[str]:
        """Every name the text spells (`mlflow`, `log_metric`): for whole-word tests."""
        return frozenset(IDENTIFIER.findall(self.text))

    def names(self, *words: str) -> bool:
        """Whether the text spells any of `words` as a whole name (so `ray` is not in `array`).

        Words that are not names (`models:/`) are looked for as text.
        """
        present = [w for w in words if w in self.text]
        if not present:
            return False
        return any(w in self.identifiers if w.isidentifier() else True for w in present)

    @cached_property
    def imported(self) -> frozenset[str]:
        """Every imported module and its parents (`sklearn.ensemble`, `sklearn`)."""
        names = {i.module for i in self.records.imports}
        return frozenset(
            names | {".".join(n.split(".")[:k]) for n in names for k in range(1, n.count(".") + 1)}
        )

    def imports_any(self, *packages: str) -> bool:
        return any(p in self.imported for p in packages)


EMPTY = Summary()


MAGIC = re.compile(r"(?m)^(\s*)([%!?])")


def without_magics(text: str) -> str:
    """Python text with IPython magics and shell escapes (`%pip`, `!ls`) commented out."""
    return MAGIC.sub(r"\1#\2", text)


def notebook_source(notebook: dict) -> str:
    """The code cells of a notebook joined into one module; IPython magics are commented out."""
    cells = []
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        # `%pip install x` and `!ls` are not Python; keep the line count, drop the syntax.
        cells.append(without_magics(text))
    return "\n\n".join(cells)
