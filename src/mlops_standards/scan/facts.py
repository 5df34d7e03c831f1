"""Facts about a repository that the checks ask for by name. Each is computed once, lazily."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import ci
from .iac import IacFile, kind_by_content, kind_by_name
from .python import Module, notebook_source
from .repository import Parsed, Repository

LOCK_FILES = ("uv.lock", "poetry.lock", "pdm.lock", "conda-lock.yml", "pixi.lock", "Pipfile.lock")
REQUIREMENTS = re.compile(
    r"(^|/)(requirements[^/]*\.(txt|lock)|requirements/[^/]+\.txt|constraints[^/]*\.txt)$"
)
CONDA = re.compile(r"(^|/)(environment[^/]*|conda[^/]*)\.ya?ml$")
DOCKERFILE = re.compile(r"(^|/)(Dockerfile[^/]*|[^/]+\.Dockerfile|Containerfile)$")
DOCUMENT = re.compile(r"\.(md|markdown|rst)$", re.I)
CONFIG_TEXT = re.compile(r"\.(ya?ml|json|tf|tfvars|bicep|bicepparam|sql|hcl|cfg|ini|toml)$")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
# A requirement line pinned exactly (`pkg==1.2`, `pkg[extra]==1.2 ; marker`) or by hash.
PINNED = re.compile(r"^[A-Za-z0-9_.\-\[\], ]+===?\s*[^\s;*]+(\s*;.*)?(\s*\\)?$")
ENVIRONMENT_NAMES = {
    "dev": "dev", "development": "dev", "test": "test", "tst": "test", "acc": "acc",
    "acceptance": "acc", "uat": "acc", "staging": "staging", "stage": "staging",
    "stg": "staging", "preprod": "staging", "prd": "prod", "prod": "prod", "production": "prod",
}  # fmt: skip
DEPLOY_PLACE = re.compile(
    r"(^|/)(deploy\w*|infra\w*|env|envs|environments|config|configs|conf|helm|charts|k8s"
    r"|kubernetes|overlays|terraform|bicep)/|(^|/)values[-.][^/]+$|parameters[^/]*\.json$"
)
ENV_TOKEN = re.compile(r"(?<![a-z])(" + "|".join(ENVIRONMENT_NAMES) + r")(?![a-z])", re.I)


@dataclass(frozen=True)
class Heading:
    """A heading of a Markdown or reStructuredText document."""

    path: str
    line: int
    level: int
    text: str


def requirements_pinned(text: str) -> bool:
    """Whether every requirement in a requirements file is pinned with `==` or carries a hash."""
    if "--hash=" in text:
        return True
    lines = [line.strip() for line in text.splitlines()]
    requirements = [
        line
        for line in lines
        if line and not line.startswith(("#", "-", "--")) and "://" not in line
    ]
    return bool(requirements) and all(PINNED.match(line) for line in requirements)


def headings(path: str, text: str) -> list[Heading]:
    """The headings of a document, outside fenced code blocks."""
    found, fenced, lines = [], False, text.splitlines()
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif fenced:
            continue
        elif match := HEADING.match(line):
            found.append(Heading(path, number, len(match.group(1)), match.group(2)))
        elif number > 1 and RST_UNDERLINE.match(line) and lines[number - 2].strip():
            found.append(Heading(path, number - 1, 1, lines[number - 2].strip()))
    return found


class Facts:
    """The shared, parsed view of one repository.

    A check names the facts it needs as parameters; the registry passes these attributes.
    Parse failures are not raised: a fact holds `Parsed` values whose `error` says what broke.
    """

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def _matching(self, pattern: re.Pattern[str]) -> list[str]:
        return [f.path for f in self.repo.files if pattern.search(f.path)]

    @cached_property
    def paths(self) -> list[str]:
        """Every file path of the repository, in walk order."""
        return [f.path for f in self.repo.files]

    @cached_property
    def locate(self) -> Callable[[str, str], int | None]:
        """A function giving the first line of a file matching a regular expression."""

        def line(path: str, pattern: str) -> int | None:
            text = self.repo.text(path)
            match = re.search(pattern, text.value or "", re.M) if text.ok else None
            return text.value.count("\n", 0, match.start()) + 1 if match and text.value else None

        return line

    @cached_property
    def is_git_repository(self) -> bool:
        """Whether the root holds a `.git` directory or file (worktrees, submodules)."""
        return self.repo.is_git_repository

    @cached_property
    def pyproject(self) -> Parsed[dict] | None:
        """The root pyproject.toml, parsed; None when there is none."""
        return self.repo.toml("pyproject.toml") if self.repo.exists("pyproject.toml") else None

    @cached_property
    def requirements_files(self) -> list[Parsed[str]]:
        """Every requirements / constraints file, as text."""
        return [self.repo.text(p) for p in self._matching(REQUIREMENTS)]

    @cached_property
    def lock_files(self) -> list[str]:
        """Committed lock files of any Python packaging tool, and fully pinned requirement files."""
        found = self.repo.named(*LOCK_FILES) + self.repo.glob("*conda-lock*.yml", "*.conda.lock")
        pinned = [r.path for r in self.requirements_files if r.ok and requirements_pinned(r.value)]
        return sorted(set(found + pinned))

    @cached_property
    def conda_environments(self) -> list[str]:
        """Conda environment files (environment.yml, conda.yaml, ...)."""
        return [p for p in self._matching(CONDA) if "conda-lock" not in p]

    @cached_property
    def dockerfiles(self) -> list[str]:
        """Container definitions: Dockerfile, *.Dockerfile, Containerfile."""
        return self._matching(DOCKERFILE)

    @cached_property
    def pre_commit(self) -> Parsed[Any] | None:
        """The root .pre-commit-config.yaml, parsed; None when there is none."""
        path = ".pre-commit-config.yaml"
        return self.repo.yaml(path) if self.repo.exists(path) else None

    @cached_property
    def ci(self) -> list[ci.Pipeline]:
        """Every CI configuration, normalised; a file that cannot be parsed carries its error."""
        pipelines = []
        for system, patterns in ci.CI_FILES.items():
            for path in self.repo.glob(*patterns):
                text = self.repo.text(path)
                if system == "jenkins":
                    pipelines.append(
                        ci.jenkins(path, text.value)
                        if text.ok
                        else ci.Pipeline(path, system, error=text.error)
                    )
                    continue
                parsed = self.repo.yaml(path)
                if not parsed.ok:
                    pipelines.append(ci.Pipeline(path, system, error=parsed.error))
                    continue
                reader = {"github-actions": ci.github, "gitlab-ci": ci.gitlab}.get(system)
                reader = reader or {"azure-pipelines": ci.azure, "circleci": ci.circleci}[system]
                try:
                    pipelines.append(reader(path, parsed.value, text.value))
                except (AttributeError, TypeError, ValueError) as error:
                    # Valid YAML of a shape the CI system would reject too (a list of jobs...).
                    problem = f"unexpected structure for {system}: {error}"
                    pipelines.append(ci.Pipeline(path, system, error=problem))
        return pipelines

    @cached_property
    def unreadable_python(self) -> list[Parsed[Any]]:
        """Python files and notebooks that could not be read as text (binary, too large...)."""
        return [m for m in self._python if isinstance(m, Parsed)]

    @cached_property
    def modules(self) -> list[Module]:
        """Every readable Python module and notebook; each is parsed on first use, once."""
        return [m for m in self._python if isinstance(m, Module)]

    @cached_property
    def _python(self) -> list[Module | Parsed[Any]]:
        out: list[Module | Parsed[Any]] = []
        for entry in self.repo.files:
            if entry.path.endswith(".py"):
                text = self.repo.text(entry.path)
                out.append(Module(entry.path, text.value) if text.ok else text)
            elif entry.path.endswith(".ipynb"):
                notebook = self.repo.notebook(entry.path)
                source = notebook_source(notebook.value) if notebook.ok else ""
                out.append(Module(entry.path, source, notebook=True) if notebook.ok else notebook)
        return out

    @cached_property
    def source_modules(self) -> list[Module]:
        """Modules and notebooks that are not tests."""
        return [m for m in self.modules if not m.is_test]

    @cached_property
    def tests(self) -> list[Module]:
        """Test modules that define at least one test function."""
        return [m for m in self.modules if m.test_functions]

    @cached_property
    def iac(self) -> list[IacFile]:
        """Infrastructure-as-code files of every recognised family."""
        found = []
        for path in self.paths:
            kind = kind_by_name(path)
            if (
                kind is None
                and path.endswith((".json", ".yaml", ".yml"))
                and not path.startswith((".github/", ".gitlab", ".circleci/"))
            ):
                text = self.repo.text(path)
                kind = kind_by_content(path, text.value) if text.ok else None
            if kind:
                found.append(IacFile(path, kind))
        return found

    @cached_property
    def documents(self) -> list[Parsed[str]]:
        """Markdown and reStructuredText documents, as text."""
        return [self.repo.text(p) for p in self._matching(DOCUMENT)]

    @cached_property
    def headings(self) -> list[Heading]:
        """Headings of every readable document."""
        return [h for d in self.documents if d.ok for h in headings(d.path, d.value)]

    @cached_property
    def readme(self) -> Parsed[str] | None:
        """The root README, as text; None when there is none."""
        names = [p for p in self.paths if "/" not in p and p.lower().startswith("readme")]
        return self.repo.text(sorted(names, key=len)[0]) if names else None

    @cached_property
    def config_texts(self) -> list[Parsed[str]]:
        """Readable configuration and query files (YAML, JSON, TOML, Terraform, SQL...) as text."""
        texts = [self.repo.text(p) for p in self._matching(CONFIG_TEXT)]
        return [t for t in texts if t.ok]

    @cached_property
    def deployment_environments(self) -> dict[str, tuple[str, int | None]]:
        """Environment name (dev, test, acc, staging, prod) -> where it is configured first."""
        found: dict[str, tuple[str, int | None]] = {}

        def add(name: str, path: str, line: int | None) -> None:
            found.setdefault(ENVIRONMENT_NAMES[name.lower()], (path, line))

        for bundle in (f for f in self.iac if f.kind == "databricks-bundle"):
            parsed = self.repo.yaml(bundle.path)
            targets = parsed.value.get("targets") if isinstance(parsed.value, dict) else None
            for target in targets or {}:
                if ENV_TOKEN.fullmatch(str(target)):
                    add(str(target), bundle.path, self.locate(bundle.path, rf"^\s+{target}:"))
        for pipeline in self.ci:
            for job in pipeline.jobs:
                if job.environment and (m := ENV_TOKEN.fullmatch(job.environment)):
                    add(m.group(1), pipeline.path, None)
        deployable = {f.path for f in self.iac} | {
            p for p in self._matching(CONFIG_TEXT) if DEPLOY_PLACE.search(p)
        }
        for path in sorted(deployable):
            # Per-environment files: values-prod.yaml, env/dev.tfvars, overlays/acc/...
            if m := ENV_TOKEN.search(path.rsplit(".", 1)[0]):
                add(m.group(1), path, None)
        return found
