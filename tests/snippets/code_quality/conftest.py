"""Helpers for the code-quality golden path: the example project and an in-process pytest run."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

PROJECT = Path(__file__).resolve().parents[3] / "snippets" / "code_quality" / "demand-forecast"


@dataclass
class ProjectRun:
    """The outcome of running an example project's own test suite."""

    exit_code: int
    """pytest's exit code: 0 all passed, 1 some failed."""
    passed: list[str] = field(default_factory=list)
    """Node IDs of the tests that passed."""
    failed: list[str] = field(default_factory=list)
    """Node IDs of the tests that failed."""


class _Recorder:
    """A pytest plugin that records the outcome of each test's call phase."""

    def __init__(self, run: ProjectRun) -> None:
        self.run = run

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or report.failed:
            (self.run.passed if report.passed else self.run.failed).append(report.nodeid)


# Top-level module names that the example project's test run and this repository's share.
SHADOWED = {"tests", "conftest"}


def _belongs_to(module: ModuleType, name: str, root: Path) -> bool:
    """Whether a module is the example package or was imported from under `root`."""
    if name.split(".")[0] == "demand_forecast":
        return True
    locations = [
        getattr(module, "__file__", None) or "",
        *(getattr(module, "__path__", None) or []),
    ]
    return any(str(location).startswith(str(root)) for location in locations)


def _forget_project_modules(root: Path) -> None:
    # Each run must import the project it is given, not a copy cached by an earlier run.
    for name, module in list(sys.modules.items()):
        if _belongs_to(module, name, root):
            del sys.modules[name]


def run_project_tests(root: Path, *tests: str) -> ProjectRun:
    """Run the test suite of the example project at `root` in this process, as `pytest` would.

    In-process so that coverage of snippets/ sees the project's tests and code execute.

    Args:
        root: the project directory, holding pyproject.toml.
        tests: test files relative to `root`; all of tests/ when none is given.

    Returns:
        The exit code and the node IDs that passed and failed.
    """
    run = ProjectRun(exit_code=-1)
    _forget_project_modules(root)
    before = dict(sys.modules)
    # pytest's importlib mode reuses a module already imported under the same name, and the
    # project's `tests.conftest` would otherwise resolve to this repository's.
    for name in [n for n in sys.modules if n.split(".")[0] in SHADOWED]:
        del sys.modules[name]
    try:
        config = ["-q", "-p", "no:cacheprovider", "--rootdir", root, "-c", root / "pyproject.toml"]
        paths = [root / test for test in tests or ["tests"]]
        args = [str(arg) for arg in (*config, *paths)]
        run.exit_code = int(pytest.main(args, plugins=[_Recorder(run)]))
    finally:
        # Drop what the inner run imported from the project; libraries it loaded stay.
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] in SHADOWED or _belongs_to(module, name, root):
                del sys.modules[name]
        sys.modules.update(before)
    return run


@pytest.fixture
def run_tests() -> Callable[..., ProjectRun]:
    """`run_project_tests`, for tests that run an example project's suite."""
    return run_project_tests


@pytest.fixture
def project() -> Path:
    """The example project as it is shown on the page."""
    return PROJECT


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the example project, for mutations."""
    copy = tmp_path / "demand-forecast"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture
def mutate() -> Callable[[Path, str, str], None]:
    """Replace one exact piece of text in a file, failing loudly if it is not there once."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text()
        assert text.count(old) == 1, f"{old!r} should occur once in {path}"
        path.write_text(text.replace(old, new))

    return replace


@pytest.fixture
def project_package(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], ModuleType]]:
    """Import modules of the example project (`demand_forecast.api`, or a file path) for a test."""
    monkeypatch.syspath_prepend(str(PROJECT / "src"))

    def load(name: str) -> ModuleType:
        if not name.endswith(".py"):
            return importlib.import_module(name)
        spec = importlib.util.spec_from_file_location(Path(name).stem, PROJECT / name)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    yield load
    _forget_project_modules(PROJECT)
