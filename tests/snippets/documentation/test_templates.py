"""The documentation templates carry the headings their requirement asks for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[3] / "snippets" / "documentation" / "templates"
# Template -> the `##` headings it must keep, in order.
REQUIRED = {
    "README.md": ["Business goal and KPIs", "Getting started", "Usage", "Team and contacts"],
    "business_goals.md": ["Business goal", "KPIs", "Success criteria and stopping rule"],
    "team.md": ["Team", "Responsibilities", "On-call and escalation", "Code owners"],
    "model_risk.md": [
        "Impact of wrong predictions",
        "Affected people and fairness",
        "Mitigations",
        "Residual risk and sign-off",
    ],
    "data_definition.md": ["Sources", "Gathering", "Analysis", "Cleaning steps"],
    "architecture.md": ["Context", "Components", "Deployment", "Decisions"],
    "adr.md": ["Status", "Context", "Decision", "Alternatives considered", "Consequences"],
}


def headings(text: str) -> list[str]:
    """`##` headings outside fenced code blocks."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append(line[3:].strip())
    return found


def test_every_template_file_is_checked():
    assert {p.name for p in TEMPLATES.iterdir()} == {*REQUIRED, "CODEOWNERS"}


@pytest.mark.parametrize("name", REQUIRED)
def test_a_template_has_one_title_and_its_required_sections_in_order(name):
    text = (TEMPLATES / name).read_text()
    assert len(re.findall(r"^# \S", text, flags=re.MULTILINE)) == 1
    found = headings(text)
    assert [h for h in found if h in REQUIRED[name]] == REQUIRED[name]


def test_the_readme_opens_with_a_description_before_any_section():
    lines = (TEMPLATES / "README.md").read_text().splitlines()
    first_section = next(n for n, line in enumerate(lines) if line.startswith("## "))
    assert any(len(line.split()) >= 8 for line in lines[1:first_section])


def test_the_cleaning_steps_table_gives_every_step_a_motivation():
    text = (TEMPLATES / "data_definition.md").read_text()
    section = text.split("## Cleaning steps", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    assert [cell.strip() for cell in rows[0]] == ["Step", "Rule", "Motivation"]
    assert all(row[2].strip() for row in rows[2:]) and len(rows) > 2


def test_codeowners_lines_are_a_pattern_and_team_handles():
    lines = [
        line.split()
        for line in (TEMPLATES / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0][0] == "*"
    for pattern, *owners in lines:
        assert owners, pattern
        assert all(re.fullmatch(r"@[\w-]+/[\w-]+", owner) for owner in owners), owners
