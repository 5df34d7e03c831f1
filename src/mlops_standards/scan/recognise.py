"""Recognise tools: the signals of tools.yaml compiled into matchers over the scan's records.

A `Sighting` says which tool showed which practice where, and by what (a call, a file, a
command, a config table...). Recognition is a fact, not a verdict: whether a tracker call in
a drift report counts as tracked training is for a check to decide.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mlops_standards.catalog.tools import Knowledge, Signal, Tool

from .python import Call, Module, Source
from .shell import Command


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place where a tool shows a practice."""

    practice: str
    tool: str
    """The tool's ID in tools.yaml."""
    label: str
    path: str
    line: int | None
    what: str
    """What was seen, in a few words: `calls mlflow.log_metric`, `uv.lock`, `runs pytest`."""
    kind: str
    """`import`, `call`, `decorator`, `base`, `string`, `file`, `command`, `action`, `config`,
    `content`."""
    call: Call | None = None
    """The call, when a call was seen (its arguments matter to some checks)."""


@dataclass(frozen=True, slots=True)
class NamePattern:
    """Dotted-name patterns: exact names and `**.name` suffixes by lookup, the rest as one
    regex (compiling a regex per signal was a tenth of a small repository's run)."""

    exact: frozenset[str]
    suffixes: frozenset[str]
    """`**.alerter.post` matches `alerter.post` and any `x.alerter.post`."""
    regex: re.Pattern[str] | None

    def match(self, name: str) -> bool:
        if name in self.exact:
            return True
        if self.suffixes:
            tail = name
            while True:  # `a.b.c`, then `b.c`, then `c`: one lookup per name in it
                if tail in self.suffixes:
                    return True
                dot = tail.find(".")
                if dot < 0:
                    break
                tail = tail[dot + 1 :]
        return self.regex is not None and self.regex.match(name) is not None


def _segment_regex(pattern: str) -> str:
    leading_any = pattern.startswith("**.")
    if leading_any:  # `**.alerter.*` also matches a bare `alerter.x`
        pattern = pattern[3:]
    segments = pattern.split(".")
    regex = ""
    for n, segment in enumerate(segments):
        if segment == "**" and 0 < n < len(segments) - 1:
            regex += r"(?:\.[^.]+)*"  # in the middle: any number of names, none included
            continue
        if segment == "**":
            part = r"[^.]+(?:\.[^.]+)*"
        elif segment == "*":
            part = r"[^.]+"
        else:
            part = re.escape(segment).replace(r"\*", r"[^.]*")
        regex += (r"\." if regex else "") + part
    return (r"(?:[^.]+\.)*" if leading_any else "") + regex


def _dotted_patterns(patterns: Iterable[str]) -> NamePattern | None:
    exact, suffixes, wild = set(), [], []
    for pattern in (p.replace("()", "") for p in patterns):
        rest = pattern.removeprefix("**.")
        if "*" not in rest:
            (suffixes.append(rest) if rest != pattern else exact.add(pattern))
        else:
            wild.append(_segment_regex(pattern))
    if not (exact or suffixes or wild):
        return None
    regex = re.compile("^(?:" + "|".join(wild) + ")$") if wild else None
    return NamePattern(frozenset(exact), frozenset(suffixes), regex)


def _words(patterns: Iterable[str]) -> set[str]:
    """What a text must contain for a dotted pattern to match in it: its last whole name, or,
    for a pattern like `**.*alert*`, the part of a name (written `~alert`: a text search)."""
    found = set()
    for pattern in patterns:
        segments = pattern.replace("()", "").split(".")
        literal = [s for s in segments if "*" not in s]
        if literal:
            found.add(literal[-1])
        elif partial := segments[-1].strip("*"):
            found.add("~" + partial)
    return found


def normalised(name: str) -> str:
    """A callee name without call and subscript marks (`a.B().c` is `a.B.c`)."""
    return name.replace("()", "").replace("[]", "")


@dataclass(frozen=True)
class _CodeMatcher:
    """The code part of one signal: what calls, decorators, bases, imports and strings match."""

    tool: Tool
    signal: Signal

    @cached_property
    def calls(self) -> NamePattern | None:
        return _dotted_patterns(self.signal.calls)

    @cached_property
    def decorators(self) -> NamePattern | None:
        return _dotted_patterns(self.signal.decorators)

    @cached_property
    def bases(self) -> NamePattern | None:
        return _dotted_patterns(self.signal.bases)

    @cached_property
    def functions(self) -> re.Pattern[str] | None:
        """Names of functions the module defines (`*model_card*`)."""
        if not self.signal.functions:
            return None
        return re.compile("|".join(fnmatch.translate(p) for p in self.signal.functions))

    @cached_property
    def words(self) -> tuple[str, ...]:
        """A module must mention one of these to be worth parsing for this signal."""
        s = self.signal
        found = (
            _words((*s.calls, *s.decorators, *s.bases))
            | set(s.keywords)
            | set(s.decorator_keywords)
            | {i.rsplit(".", 1)[-1] for i in s.imports}
            | set(s.strings)
            | {"~" + p.strip("*") for p in s.functions if p.strip("*")}
        )
        return tuple(sorted(found))

    @property
    def active(self) -> bool:
        s = self.signal
        return bool(
            s.calls
            or s.keywords
            or s.decorators
            or s.decorator_keywords
            or s.bases
            or s.imports
            or s.strings
            or s.functions
        )

    def in_scope(self, module: Module) -> bool:
        if self.signal.anywhere or self.signal.imports or not self.tool.roots:
            return True
        return module.imports_any(*self.tool.roots)

    @cached_property
    def scoped(self) -> bool:
        """Whether the tool's own name must be in a module for its patterns to count there."""
        return not (self.signal.anywhere or self.signal.imports or not self.tool.roots)

    @cached_property
    def _name_words(self) -> frozenset[str]:
        return frozenset(w for w in self.words if w.isidentifier())

    @cached_property
    def _text_words(self) -> tuple[str, ...]:
        return tuple(w.removeprefix("~") for w in self.words if not w.isidentifier())

    @cached_property
    def _roots(self) -> frozenset[str]:
        return frozenset(self.tool.roots)

    def worth_parsing(self, module: Module) -> bool:
        """The cheap text test before parsing: a pattern's word, and the tool's own name.

        Names are compared as whole names (so `ray` is not found in `array`), with one set
        intersection per module rather than a text search per word.
        """
        names = module.identifiers
        if self._name_words.isdisjoint(names) and not any(
            w in module.text for w in self._text_words
        ):
            return False
        return not self.scoped or not self._roots.isdisjoint(names)

    def sightings(self, module: Module) -> list[Sighting]:
        if not self.worth_parsing(module):
            return []
        records = module.records
        if not records.calls and not records.imports and not records.strings:
            return []
        if not self.in_scope(module):
            return []
        s, tool, found = self.signal, self.tool, []

        def add(line: int | None, what: str, kind: str, call: Call | None = None) -> None:
            found.append(
                Sighting(s.practice, tool.id, tool.label, module.path, line, what, kind, call)
            )

        for imported in records.imports if s.imports else ():
            if any(imported.module == i or imported.module.startswith(i + ".") for i in s.imports):
                add(imported.line, f"imports {imported.module}", "import")
                break
        if s.calls or s.keywords:
            keywords = set(s.keywords)
            for call in records.calls:
                if self.calls is not None and not self.calls.match(normalised(call.name)):
                    continue
                if keywords and not keywords & set(call.keywords):
                    continue
                shown = f"calls {call.name}" + (
                    f"({', '.join(sorted(keywords & set(call.keywords)))}=)" if keywords else ""
                )
                add(call.line, shown, "call", call)
        if self.decorators is not None or s.decorator_keywords:
            wanted = set(s.decorator_keywords)
            for function in records.functions:
                if self.decorators is not None and not any(
                    self.decorators.match(normalised(d)) for d in function.decorators
                ):
                    continue
                if wanted and not wanted & function.decorator_keywords:
                    continue
                add(
                    function.line,
                    f"@{function.decorators[0] if function.decorators else ''} "
                    f"{function.name}".strip(),
                    "decorator",
                )
            for cls in records.classes if self.decorators is not None and not wanted else ():
                if any(self.decorators.match(normalised(d)) for d in cls.decorators):
                    add(cls.line, f"@{cls.decorators[0]} class {cls.name}", "decorator")
        if self.bases is not None:
            local = {cls.name: cls for cls in records.classes}
            for cls in records.classes:
                if any(self.bases.match(normalised(b)) for b in _ancestors(cls, local)):
                    add(cls.line, f"class {cls.name}({', '.join(cls.bases)})", "base")
        if self.functions is not None:
            for function in records.functions:
                if function.substantive and self.functions.match(function.name):
                    add(function.line, f"def {function.name}", "function")
        for text, line in records.strings if s.strings else ():
            if any(w in text for w in s.strings):
                add(line, f"string {text[:60]!r}", "string")
        return found


def _ancestors(cls: Any, local: dict[str, Any], depth: int = 0) -> list[str]:
    """A class's bases, and through bases defined in the same module, theirs."""
    found = list(cls.bases)
    if depth < 5:
        for base in cls.bases:
            parent = local.get(base)
            if parent is not None and parent is not cls:
                found += _ancestors(parent, local, depth + 1)
    return found


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(pattern), re.I)


@dataclass(frozen=True)
class _CommandPattern:
    program: str
    words: tuple[str, ...]

    def matches(self, command: Command) -> bool:
        if command.program != self.program and not fnmatch.fnmatchcase(
            command.program, self.program
        ):
            return False
        position = 0
        for word in self.words:
            literal = not any(c in word for c in "*?[")
            while position < len(command.args) and not (
                command.args[position] == word
                if literal
                else fnmatch.fnmatchcase(command.args[position], word)
            ):
                position += 1
            if position == len(command.args):
                return False
            position += 1
        return True


class Recogniser:
    """The tools table compiled once, matched against records on demand."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    @cached_property
    def _signals(self) -> list[tuple[Tool, Signal]]:
        return [(tool, signal) for tool in self.knowledge.tools for signal in tool.signals]

    def signals(self, practice: str) -> list[tuple[Tool, Signal]]:
        return [(t, s) for t, s in self._signals if s.practice == practice]

    @cached_property
    def _code(self) -> dict[str, list[_CodeMatcher]]:
        found: dict[str, list[_CodeMatcher]] = {}
        for tool, signal in self._signals:
            matcher = _CodeMatcher(tool, signal)
            if matcher.active:
                found.setdefault(signal.practice, []).append(matcher)
        return found

    def in_module(self, module: Module, practice: str) -> list[Sighting]:
        """Sightings of `practice` in one module's code."""
        return [s for m in self._code.get(practice, ()) for s in m.sightings(module)]

    @cached_property
    def _practice_words(self) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
        """Practice -> every name and text its code patterns need, joined for one quick test."""
        found = {}
        for practice, matchers in self._code.items():
            names = frozenset(w for m in matchers for w in m.words if w.isidentifier())
            texts = tuple(
                sorted(
                    {w.removeprefix("~") for m in matchers for w in m.words if not w.isidentifier()}
                )
            )
            found[practice] = (names, texts)
        return found

    def practice_words(self, practice: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """The names and the texts one of which a module must contain to show `practice`."""
        return self._practice_words.get(practice, (frozenset(), ()))

    @cached_property
    def all_code_names(self) -> frozenset[str]:
        """Every name any code pattern needs."""
        return frozenset(n for names, _ in self._practice_words.values() for n in names)

    def worth_parsing(self, module: Module, practice: str) -> bool:
        """Whether a module's names give `practice` a chance, before it is parsed."""
        names, texts = self._practice_words.get(practice, (frozenset(), ()))
        if names.isdisjoint(module.identifiers) and not any(w in module.text for w in texts):
            return False
        return any(m.worth_parsing(module) for m in self._code.get(practice, ()))

    def code_words(self, practice: str) -> tuple[str, ...]:
        """Words one of which a module must contain to show `practice` in code."""
        return tuple(sorted({w for m in self._code.get(practice, ()) for w in m.words}))

    # -- files -------------------------------------------------------------------------------------

    @cached_property
    def _file_globs(
        self,
    ) -> tuple[
        dict[str, list[tuple[Tool, Signal]]],
        dict[str, list[tuple[Tool, Signal]]],
        list[tuple[re.Pattern[str], bool, Tool, Signal]],
    ]:
        """File globs sorted for speed: exact names, `*.suffix` patterns, and the rest."""
        names: dict[str, list[tuple[Tool, Signal]]] = {}
        suffixes: dict[str, list[tuple[Tool, Signal]]] = {}
        others: list[tuple[re.Pattern[str], bool, Tool, Signal]] = []
        for tool, signal in self._signals:
            for pattern in signal.files:
                lowered = pattern.lower()
                if not any(c in lowered for c in "*?[/"):
                    names.setdefault(lowered, []).append((tool, signal))
                elif lowered.startswith("*.") and not any(c in lowered[2:] for c in "*?[/"):
                    suffixes.setdefault(lowered[1:], []).append((tool, signal))
                else:
                    others.append((_glob(pattern), "/" in pattern, tool, signal))
        return names, suffixes, others

    def file_signals(self, logical: str) -> list[tuple[Tool, Signal]]:
        """The signals whose file globs match a file's logical path."""
        names, suffixes, others = self._file_globs
        name = logical.rsplit("/", 1)[-1].lower()
        found = list(names.get(name, ()))
        dot = name.find(".")
        while dot != -1:  # `.tf` and `.tf.json` both of `main.tf.json`
            found += suffixes.get(name[dot:], ())
            dot = name.find(".", dot + 1)
        by_path, by_name = self._other_globs
        if (by_path is not None and by_path.match(logical)) or (
            by_name is not None and by_name.match(name)
        ):
            found += [(t, s) for g, full, t, s in others if g.match(logical if full else name)]
        return list(dict.fromkeys(found))

    @cached_property
    def _other_globs(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        """The remaining globs joined, so most paths are dismissed by one match each."""
        _, _, others = self._file_globs
        full = [g.pattern for g, is_full, _, _ in others if is_full]
        name = [g.pattern for g, is_full, _, _ in others if not is_full]

        def join(patterns):
            return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None

        return join(full), join(name)

    # -- commands and actions ----------------------------------------------------------------------

    @cached_property
    def _commands(self) -> list[tuple[Tool, Signal, list[_CommandPattern]]]:
        found = []
        for tool, signal in self._signals:
            patterns = []
            for text in signal.commands:
                program, *words = text.split()
                patterns.append(_CommandPattern(program, tuple(words)))
            if patterns:
                found.append((tool, signal, patterns))
        return found

    @cached_property
    def _commands_by_program(self) -> tuple[dict[str, list[int]], list[int]]:
        """Indexes into `_commands` by the program a pattern names, and those with a wildcard."""
        by_program: dict[str, list[int]] = {}
        wild: list[int] = []
        for index, (_, _, patterns) in enumerate(self._commands):
            for pattern in patterns:
                if any(c in pattern.program for c in "*?["):
                    wild.append(index)
                else:
                    by_program.setdefault(pattern.program, []).append(index)
        return by_program, wild

    def command_signals(self, command: Command) -> list[tuple[Tool, Signal]]:
        """The tools and practices a command shows (`pytest` runs tests...)."""
        by_program, wild = self._commands_by_program
        candidates = sorted(set(by_program.get(command.program, ())) | set(wild))
        found = []
        for index in candidates:
            tool, signal, patterns = self._commands[index]
            if any(p.matches(command) for p in patterns):
                found.append((tool, signal))
        return found

    def action_signals(self, uses: str) -> list[tuple[Tool, Signal]]:
        """The tools and practices a CI step's `uses:` / `task:` reference shows."""
        reference = uses.split("@", 1)[0].lower()
        return [
            (tool, signal)
            for tool, signal in self._signals
            for action in signal.actions
            if reference == action.lower()
            or reference.startswith(action.lower() + "/")
            or (action.startswith("task:") and reference.startswith(action.lower()))
        ]

    # -- configuration and content -----------------------------------------------------------------

    def config_signals(self, key: str) -> list[tuple[Tool, Signal]]:
        """Signals naming a configuration table: `pyproject:tool.ruff`, `ini:flake8`."""
        return [
            (t, s)
            for t, s in self._signals
            for c in s.config
            if key == c or key.startswith(c + ".")
        ]

    @cached_property
    def content_signals(self) -> list[tuple[Tool, Signal, list[list[tuple[str, str, str]]]]]:
        """Signals with YAML/JSON content conditions, compiled to (op, path, value) lists."""
        found = []
        for tool, signal in self._signals:
            if signal.content:
                found.append((tool, signal, [_conditions(c) for c in signal.content]))
        return found

    @cached_property
    def content_words(self) -> tuple[str, ...]:
        """A YAML or JSON file must contain one of these to be worth parsing for content."""
        words = set()
        for _, _, alternatives in self.content_signals:
            for conditions in alternatives:
                op, path, value = conditions[0]
                segments = [p for p in path.split(".") if "*" not in p]
                words.add(
                    value if op == "~" and not path else max(segments, key=len, default=value)
                )
        return tuple(sorted(w for w in words if w))

    @cached_property
    def text_signals(self) -> list[tuple[Tool, Signal, list[re.Pattern[str]]]]:
        return [(t, s, [_glob(p) for p in s.files]) for t, s in self._signals if s.files and s.text]


def _conditions(text: str) -> list[tuple[str, str, str]]:
    """`key:a.b & a.c=VALUE & a.d~TEXT & ~TEXT` as (op, path, value) triples."""
    found = []
    for part in (p.strip() for p in text.split("&")):
        if part.startswith("key:"):
            found.append(("key", part[4:], ""))
        elif "=" in part and "~" not in part.split("=", 1)[0]:
            path, value = part.split("=", 1)
            found.append(("=", path.strip(), value.strip()))
        elif "~" in part:
            path, value = part.split("~", 1)
            found.append(("~", path.strip(), value.strip()))
    return found


def _walk(value: Any, path: list[str]) -> list[Any]:
    """The values at a dotted path (`*` any key or index) of a parsed document."""
    if not path:
        return [value]
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        if head == "*":
            return [v for item in value.values() for v in _walk(item, rest)]
        return _walk(value[head], rest) if head in value else []
    if isinstance(value, list) and head == "*":
        return [v for item in value for v in _walk(item, rest)]
    return []


def _strings_in(value: Any, depth: int = 0) -> Iterable[str]:
    if depth > 50:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _strings_in(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in(item, depth + 1)


def _holds(document: Any, conditions: list[tuple[str, str, str]]) -> bool:
    for op, path, value in conditions:
        values = _walk(document, path.split(".")) if path else [document]
        if op == "key":
            if not values:
                return False
        elif op == "=":
            if not any(isinstance(v, str | int | bool) and str(v) == value for v in values):
                return False
        elif not any(value in s for v in values for s in _strings_in(v)):
            return False
    return True


def content_matches(document: Any, conditions: list[tuple[str, str, str]]) -> bool:
    """Whether a parsed YAML/JSON document (or any document of a multi-document file) holds."""
    documents = (
        document
        if isinstance(document, list) and document and all(isinstance(d, dict) for d in document)
        else [document]
    )
    return any(_holds(d, conditions) for d in documents)


def is_literal(value: Any) -> bool:
    """Whether a call argument is a literal written in the code (not computed)."""
    return value is not None and not isinstance(value, Source)
