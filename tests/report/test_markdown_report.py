"""The Markdown report: a pull-request comment with the level, the blockers and their links."""

from mlops_standards.report import markdown_report


def test_headline_names_the_level(assessment):
    text = markdown_report.render([assessment], [])
    assert text.startswith(f"## MLOps standards: Level {assessment.level} · ")


def test_every_blocker_links_to_its_golden_path(assessment):
    text = markdown_report.render([assessment], [])
    for result in assessment.blocking:
        line = next(x for x in text.splitlines() if f"**{result.requirement.id}**" in x)
        assert "[golden path](http" in line


def test_waiver_reasons_are_shown(assessment):
    assert "The target system alerts on a missing day." in markdown_report.render([assessment], [])


def test_every_requirement_is_in_the_table(assessment):
    text = markdown_report.render([assessment], [])
    for requirement in assessment.catalog:
        assert f"[{requirement.id}](" in text


def test_several_repositories_get_a_summary_and_errors_a_line(assessment):
    text = markdown_report.render([assessment, assessment], [("gone", "gone: no such file")])
    assert "## MLOps standards: summary" in text
    assert "**Not assessed:** `gone`" in text
