"""What the checker recognises, as data: tools, the signals that identify them, their practices.

`tools.yaml` is the one place a tool is described. The scan compiles it into matchers, the
checks ask for practices, and the report and the site list the tools of a practice from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

PATTERN_KINDS = (
    "imports",
    "calls",
    "keywords",
    "decorators",
    "decorator_keywords",
    "bases",
    "functions",
    "strings",
    "files",
    "text",
    "commands",
    "actions",
    "config",
    "content",
)
"""The kinds of identifier a signal may list (see the head of tools.yaml)."""
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Signal:
    """One way a tool shows one practice."""

    practice: str
    imports: tuple[str, ...] = ()
    calls: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()
    decorator_keywords: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    strings: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    config: tuple[str, ...] = ()
    content: tuple[str, ...] = ()
    anywhere: bool = False
    """Whether code patterns count in any module, not only in modules importing the tool."""


@dataclass(frozen=True)
class Tool:
    """One tool the checker recognises."""

    id: str
    label: str
    family: str
    url: str
    signals: tuple[Signal, ...]

    @cached_property
    def roots(self) -> frozenset[str]:
        """Top-level modules of the tool, from its dotted patterns: where its code counts."""
        names = set()
        for signal in self.signals:
            for pattern in (*signal.imports, *signal.calls, *signal.decorators, *signal.bases):
                head = pattern.split(".", 1)[0]
                if head not in ("*", "**") and head.isidentifier():
                    names.add(head)
        return frozenset(names)

    @property
    def practices(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.practice for s in self.signals))


@dataclass(frozen=True)
class Knowledge:
    """Every tool and the practices they show."""

    practices: dict[str, str]
    """Practice ID -> what it is, in a few words (for "looked for" and the site)."""
    tools: tuple[Tool, ...] = field(default=())

    def tool(self, tool_id: str) -> Tool:
        return next(t for t in self.tools if t.id == tool_id)

    def showing(self, practice: str) -> list[Tool]:
        """The tools with a signal for `practice`, in table order."""
        return [t for t in self.tools if practice in t.practices]

    def labels(self, practice: str) -> list[str]:
        return [t.label for t in self.showing(practice)]

    def recognised(self, practices: Iterable[str]) -> list[Tool]:
        """The tools that show any of `practices`, once each, in table order: what the
        report and each requirement's page list as recognised."""
        wanted = set(practices)
        return [t for t in self.tools if wanted & set(t.practices)]


class ToolsError(Exception):
    """tools.yaml is malformed; `problems` lists each as `tools.yaml: TOOL: field: problem`."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid tools.yaml:\n  " + "\n  ".join(problems))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _signal(raw: Any, where: str, practices: dict[str, str], problems: list[str]) -> Signal | None:
    if not isinstance(raw, dict):
        problems.append(f"tools.yaml: {where}: signal: must be a mapping")
        return None
    known = {f.name for f in fields(Signal)}
    for key in raw:
        if key not in known:
            problems.append(f"tools.yaml: {where}: {key}: unknown signal field")
    practice = raw.get("practice")
    if practice not in practices:
        problems.append(f"tools.yaml: {where}: practice: unknown practice {practice!r}")
        return None
    values: dict[str, Any] = {"practice": practice, "anywhere": bool(raw.get("anywhere", False))}
    for kind in PATTERN_KINDS:
        if kind in raw:
            if not _strings(raw[kind]):
                problems.append(f"tools.yaml: {where}: {kind}: must be a list of non-empty strings")
                continue
            values[kind] = tuple(raw[kind])
    if not any(values.get(kind) for kind in PATTERN_KINDS):
        problems.append(f"tools.yaml: {where}: signal for {practice} identifies nothing")
    return Signal(**values)


def parse_tools(data: Any) -> Knowledge:
    """Validate the parsed tools.yaml; `ToolsError` lists every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ToolsError(["tools.yaml: must be a mapping with practices and tools"])
    practices = data.get("practices")
    if not isinstance(practices, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in practices.items()
    ):
        problems.append("tools.yaml: practices: must map practice IDs to a description")
        practices = {}
    tools: list[Tool] = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("tools") or []):
        if not isinstance(raw, dict):
            problems.append(f"tools.yaml: tool {index + 1}: must be a mapping")
            continue
        tool_id = str(raw.get("id") or f"tool {index + 1}")
        for key in ("id", "label", "family", "url"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                problems.append(f"tools.yaml: {tool_id}: {key}: required")
        if tool_id in seen:
            problems.append(f"tools.yaml: {tool_id}: id: used twice")
        seen.add(tool_id)
        url = str(raw.get("url", ""))
        if url and not url.startswith("https://"):
            problems.append(f"tools.yaml: {tool_id}: url: must be an https URL")
        raw_signals = raw.get("signals")
        if not isinstance(raw_signals, list) or not raw_signals:
            problems.append(f"tools.yaml: {tool_id}: signals: at least one is required")
            raw_signals = []
        signals = [_signal(s, tool_id, practices, problems) for s in raw_signals]
        tools.append(
            Tool(
                tool_id,
                str(raw.get("label", "")),
                str(raw.get("family", "")),
                url,
                tuple(s for s in signals if s is not None),
            )
        )
    used = {p for t in tools for p in t.practices}
    for practice in practices:
        if practice not in used:
            problems.append(f"tools.yaml: practices: {practice}: no tool shows it")
    if problems:
        raise ToolsError(problems)
    return Knowledge(dict(practices), tuple(tools))


def load_tools(path: str | Path) -> Knowledge:
    """Read and validate a tools.yaml file."""
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as error:
        raise ToolsError([f"tools.yaml: cannot be read: {error}"]) from None
    return parse_tools(data)
