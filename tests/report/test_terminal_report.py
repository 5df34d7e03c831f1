"""The terminal report: readable at 80 columns, plain text when not a terminal."""

import io

from rich.console import Console

from mlops_standards.report import terminal_report


def render(assessment, **console_options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, **console_options)
    terminal_report.render(console, assessment)
    return buffer.getvalue()


def test_no_line_is_wider_than_80_columns(assessment):
    assert max(len(line) for line in render(assessment).splitlines()) <= 80


def test_plain_output_has_no_escape_codes(assessment):
    assert "\x1b[" not in render(assessment)


def test_coloured_output_on_a_terminal(assessment):
    assert "\x1b[" in render(assessment, force_terminal=True, color_system="standard")


def test_level_blockers_and_golden_paths_are_shown(assessment):
    text = render(assessment)
    assert f"Level {assessment.level} · " in text
    for result in assessment.blocking:
        assert result.requirement.id in text
        assert "golden-paths/" in text
