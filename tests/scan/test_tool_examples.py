"""Every tool of tools.yaml is recognised on a small, real-shaped example of its own files.

The examples live in `tool_examples.yaml`, one or more per tool; adding a tool to the table
without an example fails `test_every_tool_has_an_example`, so no tool is recognised only on
paper. Each example is written into an empty folder and the scan must name that tool for
that practice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.scan.tree import catalog, facts, write_tree

EXAMPLES: dict[str, list[dict]] = yaml.safe_load(
    (Path(__file__).with_name("tool_examples.yaml")).read_text(encoding="utf-8")
)
CASES = [
    (tool, n, example) for tool, examples in EXAMPLES.items() for n, example in enumerate(examples)
]


def test_every_tool_has_an_example_and_every_example_a_tool() -> None:
    tools = {t.id for t in catalog().tools.tools}
    assert sorted(tools - set(EXAMPLES)) == [], "tools without an example"
    assert sorted(set(EXAMPLES) - tools) == [], "examples of tools the table does not have"


def test_every_example_names_a_practice_its_tool_signals() -> None:
    signalled = {t.id: {s.practice for s in t.signals} for t in catalog().tools.tools}
    wrong = [
        (tool, e["practice"])
        for tool, _, e in CASES
        if e["practice"] not in signalled.get(tool, set())
    ]
    assert wrong == []


@pytest.mark.parametrize(("tool", "n", "example"), CASES, ids=[f"{t}-{n}" for t, n, _ in CASES])
def test_the_tool_is_recognised_on_its_example(
    tmp_path: Path, tool: str, n: int, example: dict
) -> None:
    root = write_tree(tmp_path, example["files"])
    seen = facts(root).sightings(example["practice"])
    assert tool in {s.tool for s in seen}, (
        tool,
        example["practice"],
        [(s.tool, s.path, s.what) for s in seen],
    )
