"""Checks of the code_quality area."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mlops_standards.scan.ci import PULL_REQUEST, Pipeline
from mlops_standards.scan.python import Module
from mlops_standards.scan.repository import Parsed

from .outcome import Evidence, Outcome, errored, failed, passed
from .registry import check
from .search import ci_commands, ci_verdict, grep, importing, looked, verdict
from .search import paths as matching

Locate = Callable[[str, str], int | None]
TEST_COMMAND = (
    r"\bpytest\b|\btox\b|\bnox\b|unittest|make\s+(test|check|ci)\b|hatch\s+(run\s+\S*)?test"
    r"|pdm\s+run\s+test|just\s+test|\bgradle\w*\s+test|mvn\s+test|npm\s+test"
)
VALIDATE_IAC = (
    r"\b(terraform|terragrunt|tofu)\b[^\n|;&]*\s(validate|plan|fmt)\b|tflint|checkov"
    r"|tfsec|bicep\s+(build|lint)|az\s+deployment\s+\S+\s+(validate|what-if)|cfn-lint|cfn_nag"
    r"|cdk\s+(synth|diff)|sam\s+validate|pulumi\s+preview|databricks\s+bundle\s+validate"
    r"|helm\s+(lint|template)|kubeconform|kubeval|kube-linter|--dry-run"
)
# What a test that exercises each step calls, when no test function name says so.
STEP_CALLS = {
    "data processing": r"\b(prepare|preprocess|clean|transform|validate)\w*\(",
    "training": r"\.fit\(|\btrain\w*\(",
    "serving": r"\.predict\w*\(|TestClient\(|\.post\(",
}
LINT_TOOLS = ("ruff", "black", "isort", "pylint", "flake8")
STEPS = {
    "data processing": r"(?i)data|process|feature|clean|transform|prepar|validat|schema|split",
    "training": r"(?i)train|\bfit\b|\.fit$|estimator",
    "serving": r"(?i)serv|predict|\bapi\b|endpoint|inference|scor|client|\bapp\b",
}


def _table_line(locate: Locate, path: str, table: str) -> int | None:
    return locate(path, rf"^\[{re.escape(table)}[.\]]")


def _package_names(data: Any) -> list[tuple[str, str]]:
    """The `[project]` and `[tool.poetry]` tables of a pyproject that name a package."""
    found = []
    match data:
        case {"project": {"name": str(name)}}:
            found.append(("project", name))
    match data:
        case {"tool": {"poetry": {"name": str(name)}}}:
            found.append(("tool.poetry", name))
    return found


def _tools(data: Any) -> dict[str, Any]:
    match data:
        case {"tool": dict(tools)}:
            return tools
    return {}


@check("CQ-001")
def installable_package(
    pyproject: Parsed[dict] | None, paths: list[str], source_modules: list[Module], locate: Locate
) -> Outcome:
    modules = [m for m in source_modules if not m.notebook]
    package: list[Evidence] = []
    for table, name in _package_names(pyproject.value if pyproject is not None else None):
        line = _table_line(locate, pyproject.path, table)
        package.append(Evidence(pyproject.path, line, f"[{table}] {name}"))
    package += matching(paths, r"^(setup\.py|setup\.cfg)$", "package metadata")
    if package and modules:
        return passed(package[0], Evidence(modules[0].path, detail="Python module"))
    if pyproject is not None and not pyproject.ok and not package:
        return errored(f"{pyproject.path}: {pyproject.error}", Evidence(pyproject.path))
    return failed(
        *package,
        *(Evidence(m.path, detail="module") for m in modules[:1]),
        looked(".", "a pyproject.toml [project] table and modules outside notebooks"),
    )


@check("CQ-002")
def pre_commit_configured(pre_commit: Parsed[Any] | None, locate: Locate) -> Outcome:
    if pre_commit is None:
        return failed(looked(".", ".pre-commit-config.yaml"))
    if not pre_commit.ok:
        return errored(f"{pre_commit.path}: {pre_commit.error}", Evidence(pre_commit.path))
    match pre_commit.value:
        case {"repos": [_, *_] as repos}:
            line = locate(pre_commit.path, r"^repos:")
            return passed(Evidence(pre_commit.path, line, f"{len(repos)} hook repositories"))
    return failed(Evidence(pre_commit.path, detail="no repos of hooks"))


@check("CQ-003")
def linter_configured(
    pyproject: Parsed[dict] | None,
    paths: list[str],
    pre_commit: Parsed[Any] | None,
    locate: Locate,
) -> Outcome:
    found = matching(
        paths, r"^(\.?ruff\.toml|\.flake8|\.pylintrc|pylintrc|\.isort\.cfg)$", "config"
    )
    if pyproject is not None and pyproject.ok:
        tools = _tools(pyproject.value)
        found += [
            Evidence(
                pyproject.path, _table_line(locate, pyproject.path, f"tool.{t}"), f"[tool.{t}]"
            )
            for t in LINT_TOOLS
            if t in tools
        ]
    for name in ("setup.cfg", "tox.ini"):
        if name in paths and (line := locate(name, r"^\[(flake8|isort|pylint)")):
            found.append(Evidence(name, line, "linter section"))
    if pre_commit is not None and pre_commit.ok:
        line = locate(pre_commit.path, r"id:\s*(ruff|black|flake8|pylint|isort)")
        found += [Evidence(pre_commit.path, line, "linter hook")] if line else []
    if not found and pyproject is not None and not pyproject.ok:
        return errored(f"{pyproject.path}: {pyproject.error}", Evidence(pyproject.path))
    return verdict(found, looked(".", "ruff, flake8, pylint, black or isort configuration"))


@check("CQ-004")
def tests_exist(tests: list[Module]) -> Outcome:
    found = [Evidence(m.path, m.test_functions[0][1], m.test_functions[0][0]) for m in tests]
    return verdict(found, looked(".", "test_*.py or *_test.py defining test functions"))


@check("CQ-005", requires={"CQ-004"})
def every_step_tested(tests: list[Module]) -> Outcome:
    found, missing = [], []
    for step, pattern in STEPS.items():
        regex = re.compile(pattern)
        hit = next(
            (
                Evidence(m.path, line, f"{step}: {name}")
                for m in tests
                for name, line in m.test_functions
                if regex.search(name)
            ),
            None,
        ) or next(iter(grep(tests, STEP_CALLS[step], f"{step}: exercised")), None)
        found.append(hit) if hit else missing.append(step)
    if not missing:
        return passed(*found)
    return failed(*found, looked("tests", f"tests of {', '.join(missing)}"))


@check("CQ-006")
def ci_runs_tests_on_pull_requests(ci: list[Pipeline]) -> Outcome:
    found = ci_commands(ci, TEST_COMMAND, PULL_REQUEST)
    return ci_verdict(found, ci, "test command on pull requests")


@check("CQ-008", requires={"TR-011"})
def ci_validates_infrastructure(ci: list[Pipeline]) -> Outcome:
    found = ci_commands(ci, VALIDATE_IAC, PULL_REQUEST)
    return ci_verdict(found, ci, "infrastructure validation on pull requests")


@check("CQ-009")
def load_tests_exist(paths: list[str], modules: list[Module], ci: list[Pipeline]) -> Outcome:
    found = matching(
        paths,
        r"(^|/)locustfile[^/]*\.py$|\.jmx$|Simulation\.(scala|java|kt)$|"
        r"(^|/)(load|perf|performance|stress)[-_]?tests?/|k6[^/]*\.(js|ts)$",
        "load test",
    )
    found += [Evidence(m.path, detail="locust") for m in importing(modules, "locust")]
    found += ci_commands(ci, r"\b(k6\s+run|locust|vegeta|wrk|jmeter|gatling|artillery)\b")
    return verdict(found, looked(".", "locust, k6, JMeter, Gatling, vegeta or wrk load tests"))


@check("CQ-011")
def code_documented(paths: list[str]) -> Outcome:
    found = matching(
        paths,
        r"^mkdocs\.ya?ml$|(^|/)docs?/(source/)?conf\.py$|^docs?/[^/]+\."
        r"(md|rst)$",
        "documentation",
    )
    return verdict(found, looked(".", "mkdocs.yml, Sphinx conf.py or a docs/ folder"))


@check("CQ-012")
def releases_noted(paths: list[str], pyproject: Parsed[dict] | None, locate: Locate) -> Outcome:
    found = matching(
        paths,
        r"^(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES)[^/]*$|"
        r"(^|/)(release-please-config\.json|\.release-please-manifest\.json|"
        r"\.releaserc[^/]*|\.cz\.(toml|json|ya?ml))$|(^|/)(changelog\.d|"
        r"newsfragments)/",
        "release notes",
    )
    if pyproject is not None and pyproject.ok:
        tools = _tools(pyproject.value)
        found += [
            Evidence(
                pyproject.path, _table_line(locate, pyproject.path, f"tool.{t}"), f"[tool.{t}]"
            )
            for t in ("towncrier", "commitizen", "semantic_release", "bumpversion")
            if t in tools
        ]
    return verdict(found, looked(".", "a CHANGELOG or release tooling"))
