"""Small readers shared by the CI systems: lists, conditions and the lines YAML marked."""

from __future__ import annotations

from typing import Any

from mlops_standards.scan.yamlnodes import YamlList, YamlMap, YamlText

FALSE = frozenset({"false", "${{ false }}", "${{false}}", "never", "0", "eq(1, 2)"})


def as_list(value: Any) -> list[str]:
    """A string or a list of strings as a list of strings (anything else: empty)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def disabled(condition: Any) -> bool:
    """Whether a job or step condition is a literal false: the job never runs."""
    if condition is False:
        return True
    return isinstance(condition, str) and condition.strip().lower() in FALSE


def line_of(container: Any, key: Any) -> int:
    """The line of a key or index in a mapping or list read with lines (0 when unknown)."""
    if isinstance(container, YamlMap | YamlList):
        return container.line_of(key)
    return 0


def text_lines(value: Any, fallback: int) -> int:
    """The line a string value's text starts on, for a block scalar the line after `|`."""
    return value.first_line if isinstance(value, YamlText) and value.first_line else fallback
