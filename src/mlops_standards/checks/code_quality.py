"""Checks of the code quality area: packaging, hooks, linters, tests, CI, docs, releases."""

from __future__ import annotations

from collections.abc import Callable

from packaging.version import InvalidVersion, Version

from mlops_standards.catalog.markers import Markers
from mlops_standards.scan.ci import PULL_REQUEST
from mlops_standards.scan.commands import Graph
from mlops_standards.scan.facts import PackageManifest
from mlops_standards.scan.markdown import Document
from mlops_standards.scan.python import Module
from mlops_standards.scan.recognise import Sighting
from mlops_standards.scan.tasks import Task

from .judge import first_per_path, is_project_document, looked, seen, substantive, verdict
from .outcome import Evidence, Outcome, failed, passed
from .registry import check
from .steps import StepCoverage

Sightings = Callable[[str], list[Sighting]]
JobsRunning = Callable[..., list]
Documents = Callable[..., list[Document]]


@check("CQ-001")
def installable_package(packages: list[PackageManifest], source_modules: list[Module]) -> Outcome:
    code = [
        m
        for m in source_modules
        if not m.notebook and not m.path.endswith(("setup.py", "noxfile.py"))
    ]
    manifests = [Evidence(p.path, p.line, f"{p.kind} {p.name}".strip()) for p in packages]
    if manifests and code:
        return passed(manifests[0], Evidence(code[0].path, None, "Python module"))
    return failed(
        *manifests[:1],
        looked(".", "package-build", detail="package metadata ([project], setup()) and modules"),
    )


@check("CQ-002")
def pre_commit_hooks(
    task_definitions: list[Task],
    file_text: Callable[[str], str | None],
    named: Callable[..., list[str]],
) -> Outcome:
    found = [
        Evidence(t.path, t.scripts[0][1] or t.line, f"{t.runner}: {len(t.scripts)} hook commands")
        for t in task_definitions
        if t.runner in ("pre-commit", "lefthook") and t.name == "pre-commit" and t.scripts
    ]
    for path in named("pre-commit"):
        lines = [
            n
            for n, line in enumerate((file_text(path) or "").splitlines(), 1)
            if line.strip() and not line.startswith(("#", "."))
        ]
        if path.endswith(".husky/pre-commit") and lines:
            found.append(Evidence(path, lines[0], "husky pre-commit hook"))
    return verdict(found, looked(".", "git-hooks", detail="hooks run on every commit"))


@check("CQ-003")
def linter_configured(sightings: Sightings) -> Outcome:
    found = [seen(s) for s in (*sightings("lint"), *sightings("format"))]
    return verdict(
        first_per_path(found),
        looked(".", "lint", "format", detail="a linter or formatter configured or run"),
    )


@check("CQ-004")
def tests_exist(test_modules: list[Module]) -> Outcome:
    for module in test_modules:
        test = next((f for f in module.records.functions if f.is_test and f.substantive), None)
        if test is not None:
            return passed(Evidence(module.path, test.line, f"test {test.name}"))
    return failed(
        looked("tests", detail="test functions that test something (not only pass or assert True)")
    )


@check("CQ-005", requires={"CQ-004"})
def every_step_tested(
    test_modules: list[Module], module_index: dict[str, Module], graph: Graph, markers: Markers
) -> Outcome:
    covered = StepCoverage(test_modules, module_index, graph, markers).covered()
    found = [
        evidence for step in ("data", "training", "serving") if (evidence := covered.get(step))
    ]
    missing = [step for step in ("data", "training", "serving") if step not in covered]
    if not missing:
        return passed(*found)
    what = ", ".join(
        {"data": "data processing", "training": "a training run", "serving": "the prediction path"}[
            s
        ]
        for s in missing
    )
    return failed(*found, looked("tests", detail=f"tests that exercise {what}"))


@check("CQ-006", requires={"CQ-004"})
def ci_runs_tests_on_pull_requests(jobs_running: JobsRunning) -> Outcome:
    found = [
        Evidence(s.path, s.line, f"{job.name}: {s.what}", via=(job.where,))
        for job, s in jobs_running("test-run", {PULL_REQUEST})
    ]
    return verdict(
        first_per_path(found),
        looked(
            "CI configuration", "ci", "test-run", detail="a pull-request job that runs the tests"
        ),
    )


@check("CQ-008", requires={"TR-011"})
def ci_validates_infrastructure(jobs_running: JobsRunning) -> Outcome:
    found = [
        Evidence(s.path, s.line, f"{job.name}: {s.what}", via=(job.where,))
        for job, s in jobs_running("iac-validate", {PULL_REQUEST})
    ]
    return verdict(
        first_per_path(found),
        looked(
            "CI configuration",
            "iac-validate",
            detail="a pull-request job that validates the infrastructure",
        ),
    )


@check("CQ-009")
def load_tests_exist(sightings: Sightings) -> Outcome:
    return verdict(
        first_per_path(seen(s) for s in sightings("load-test")),
        looked(".", "load-test", detail="a load or stress test"),
    )


@check("CQ-011")
def code_documented(
    sightings: Sightings,
    document_paths: list[str],
    logical: dict[str, str],
    file_text: Callable[[str], str | None],
    markers: Markers,
) -> Outcome:
    found = [seen(s) for s in sightings("docs-build")]
    for path in document_paths:
        if logical.get(path, path).lower().startswith(("docs/", "doc/")) and substantive(
            markers, file_text(path) or "", 20
        ):
            found.append(Evidence(path, None, "documentation page in docs/"))
            break
    return verdict(
        first_per_path(found),
        looked(
            ".", "docs-build", detail="documentation built from the repository or a docs/ folder"
        ),
    )


def _version(text: str) -> str | None:
    """A release version written in a heading or line (`1.2.0`, `v2.1`, `[0.3.0]`)."""
    for word in text.replace("[", " ").replace("]", " ").replace("(", " ").split():
        candidate = word.strip(",:;").lower().removeprefix("v").removeprefix(".")
        if candidate.count(".") >= 1 and candidate[:1].isdigit():
            try:
                return str(Version(candidate))
            except InvalidVersion:
                continue
    return None


@check("CQ-012")
def releases_noted(
    sightings: Sightings, documents: Documents, template_roots: tuple[str, ...], markers: Markers
) -> Outcome:
    found = [seen(s) for s in sightings("release-tooling")]
    for document in documents(*markers.section_words("changelog")):
        name = document.path.rsplit("/", 1)[-1].lower()
        is_log = name.startswith(("changelog", "changes", "history", "news", "release"))
        if not is_log and not is_project_document(document.path, template_roots):
            continue
        for index, section in enumerate(document.sections):
            in_log = is_log or any(
                markers.heading_is("changelog", s.heading)
                for s in document.sections[: index + 1]
                if s.level < section.level or s is section
            )
            if not in_log:
                continue
            # A version in the heading, or entries that start with one (`v1.1.0 - Python 3.11`).
            lines = [section.heading, *(line for line in section.text.splitlines() if line.strip())]
            version = next(
                (v for line in lines if (v := _version(" ".join(line.split()[:2])))), None
            )
            written = "\n".join(s.text for s in document.under(section))
            if version and substantive(markers, written, 2):
                found.append(Evidence(document.path, section.line, f"release notes for {version}"))
                break
    return verdict(
        first_per_path(found),
        looked(".", "release-tooling", detail="versioned release notes or release tooling"),
    )
