"""YAML read with the line of every key and item, from the parser's own marks.

`yaml.compose` (libyaml when available) builds nodes that know where they start; they are
turned into plain dicts, lists and scalars that also carry those lines, so evidence names
the line a step or a job is on without searching the text for it. Tags a plain loader
rejects (CloudFormation's `!Ref`, Home Assistant's `!include`) are read as their value.
"""

from __future__ import annotations

from typing import Any

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOLEANS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


class YamlMap(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of `key`, or of the mapping itself when the key is absent."""
        return self.lines.get(key, self.line)


class YamlList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list[int]

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class YamlText(str):
    """A string scalar that knows its line and, for block scalars, where its text starts."""

    line: int = 0
    first_line: int = 0
    """The line of the first character of the value (the line after `|` for a block)."""


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLEANS.get(value.lower(), bool(value))
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    text = YamlText(value)
    text.line = node.start_mark.line + 1
    block = node.style in ("|", ">")
    text.first_line = text.line + (1 if block else 0)
    return text


def _convert(node: yaml.Node, depth: int = 0) -> Any:
    if depth > 200:  # a deliberately deep document; deeper parts are not evidence
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = YamlList(_convert(child, depth + 1) for child in node.value)
        items.line = node.start_mark.line + 1
        items.lines = [child.start_mark.line + 1 for child in node.value]
        return items
    mapping = YamlMap()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, depth + 1)
        if key == "<<":  # a merge key: the referenced mapping's entries, then this one's
            merged = _convert(value_node, depth + 1)
            for item in merged if isinstance(merged, list) else [merged]:
                if isinstance(item, YamlMap):
                    for k, v in item.items():
                        mapping.setdefault(k, v)
                        mapping.lines.setdefault(k, item.line_of(k))
            continue
        try:
            hash(key)
        except TypeError:
            key = str(key)
        mapping[key] = _convert(value_node, depth + 1)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def load_all(text: str) -> list[Any]:
    """Every document of a YAML text, with lines. Raises `yaml.YAMLError` when malformed."""
    documents = []
    loader = Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            documents.append(_convert(node) if node is not None else None)
    finally:
        loader.dispose()
    return documents


def load(text: str) -> Any:
    """A YAML text with lines: its one document, or a list of them when there are several."""
    documents = load_all(text)
    if not documents:
        return None
    return documents[0] if len(documents) == 1 else documents
