"""The example tests of every ML step pass on the example project and catch the bugs they target."""

from __future__ import annotations

import pytest


def test_the_example_suite_passes_on_the_example_project(project, run_tests):
    run = run_tests(project)
    assert run.exit_code == 0, run.failed
    files = {nodeid.split("::")[0] for nodeid in run.passed}
    # One test file per step: data processing, training, serving, and the release rule.
    assert files == {
        "tests/test_features.py",
        "tests/test_train.py",
        "tests/test_api.py",
        "tests/test_release.py",
    }


# Each case plants one realistic bug in a copy of the project; the named test file must catch it.
MUTATIONS = {
    "first record of a corrected day kept": (
        "src/demand_forecast/features.py",
        'keep="last"',
        'keep="first"',
        "tests/test_features.py::test_a_corrected_day_replaces_the_first_record",
    ),
    "returns counted as demand": (
        "src/demand_forecast/features.py",
        "(sales[TARGET] >= 0) & ",
        "",
        "tests/test_features.py::test_returns_and_free_items_are_not_demand",
    ),
    "labels misaligned with features": (
        "src/demand_forecast/train.py",
        "model.fit(sales[FEATURES], sales[TARGET])",
        "model.fit(sales[FEATURES], sales[TARGET].sample(frac=1, random_state=0).to_numpy())",
        "tests/test_train.py::test_the_model_beats_the_mean_baseline",
    ),
    "negative price accepted by the API": (
        "src/demand_forecast/api.py",
        "price: float = Field(gt=0)",
        "price: float",
        "tests/test_api.py::test_an_invalid_request_is_rejected_with_422[price--1.0]",
    ),
    "version bumped without release notes": (
        "pyproject.toml",
        'version = "1.2.0"',
        'version = "1.3.0"',
        "tests/test_release.py::test_the_package_version_has_release_notes",
    ),
}


@pytest.mark.parametrize("bug", MUTATIONS)
def test_a_planted_bug_fails_the_test_written_for_it(bug, project_copy, mutate, run_tests):
    path, old, new, catcher = MUTATIONS[bug]
    mutate(project_copy / path, old, new)
    run = run_tests(project_copy, catcher.split("::")[0])
    assert run.exit_code == pytest.ExitCode.TESTS_FAILED
    assert catcher in run.failed
