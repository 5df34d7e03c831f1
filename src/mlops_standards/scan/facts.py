"""Facts about one repository, the records every check reads. Each is computed once, on demand.

A check names the facts it needs as parameters (as repo-review's fixtures are named); the
registry hands it these attributes, or, for a practice ID written with underscores
(`experiment_tracking`), the sightings of that practice. Facts are raw: what is there and
where. Whether it is enough is the checks' judgement.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from mlops_standards.catalog.markers import Markers
from mlops_standards.catalog.tools import Knowledge

from . import ci
from .ci import azure, github, gitlab, others
from .commands import Graph, Reach, Reached
from .markdown import Document
from .python import Module
from .recognise import Recogniser, Sighting, content_matches
from .repository import Parsed, ParseError, Repository, table_at
from .shell import commands
from .yamlnodes import YamlMap

PYTHON_SUFFIXES = (".py", ".ipynb", ".py.tmpl", ".py.jinja", ".py.j2")
DOCUMENT_SUFFIXES = (".md", ".markdown", ".rst", ".md.tmpl", ".md.jinja", ".md.j2", ".mdx")
STRUCTURED_SUFFIXES = (".yml", ".yaml", ".json")
INI_FILES = ("setup.cfg", "tox.ini", ".flake8", ".pylintrc", "pylintrc", "mypy.ini", ".isort.cfg")
REQUIREMENTS = re.compile(
    r"(^|/)(requirements[^/]*|[^/]*requirements|constraints[^/]*)\.(txt|in|lock)$"
    r"|(^|/)requirements/[^/]+\.(txt|in)$"
)
COMMENT_LINE = re.compile(r"^\s*(#|//)")
SCRIPT_SUFFIXES = (".sh", ".bash")
TEXT_SUFFIXES = (".tf", ".json", ".bicep", ".hcl", ".sql", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class ConfigTable:
    """A configuration table: `[tool.ruff]` of a pyproject, `[flake8]` of setup.cfg."""

    path: str
    key: str
    """`pyproject:tool.ruff`, `ini:flake8`."""
    line: int


@dataclass(frozen=True, slots=True)
class PackageManifest:
    """Python package metadata: a name declared in pyproject.toml, setup.py or setup.cfg."""

    path: str
    line: int
    name: str
    kind: str
    """`[project]`, `[tool.poetry]`, `setup()`, `[metadata]`."""


@dataclass(frozen=True, slots=True)
class RequirementLine:
    """One dependency of a requirements or conda environment file."""

    path: str
    line: int
    text: str
    pinned: bool
    """Pinned to one version (`==`, `===`, or a hash)."""


@dataclass
class JobReach:
    """One CI job as it runs: its effective triggers and everything its steps reach."""

    pipeline: ci.Pipeline
    job: ci.Job
    path: str
    """The file the job is written in (a template or reusable workflow for a called job)."""
    triggers: frozenset[str]
    disabled: bool
    reach: Reach = field(default_factory=Reach)
    actions: list[tuple[str, dict, str, int]] = field(default_factory=list)
    """(`uses`, inputs, file, line) of every action or task its steps use."""
    caller: str | None = None
    """`file:line` of the job that called this one, for a reusable workflow or template."""

    @property
    def name(self) -> str:
        return self.job.name

    @property
    def environment(self) -> str | None:
        return self.job.environment

    @property
    def where(self) -> str:
        return f"{self.path}:{self.job.line}"


class Facts:
    """The parsed view of one repository."""

    def __init__(
        self, repo: Repository, knowledge: Knowledge, markers: Markers, scope: str = ""
    ) -> None:
        self.repo = repo
        self.scope = scope
        """For one project of a monorepo: its folder (`mlops/`); empty for the whole repository."""
        self.knowledge = knowledge
        self.markers = markers
        """The vocabulary of placeholders, sections and environments (markers.yaml)."""
        self.recognise = Recogniser(knowledge)
        self._practices: dict[str, list[Sighting]] = {}

    # -- file access for checks --------------------------------------------------------------------

    @property
    def template_roots(self) -> tuple[str, ...]:
        return self.repo.template_roots

    def file_text(self, path: str) -> str | None:
        """A file's text, None when it cannot be read."""
        text = self.repo.text(path)
        return text.value if text.ok else None

    def file_size(self, path: str) -> int:
        return self.repo.sizes.get(path, 0)

    def structured_text(self, path: str) -> str:
        """The strings of a parsed YAML or JSON file, joined (comments are not in them)."""
        document = self.structured_documents.get(path)
        if document is None:
            parsed = self.repo.structured(path)
            document = parsed.value if parsed.ok else None
        return " ".join(_strings_of(document))

    # -- files -------------------------------------------------------------------------------------

    @cached_property
    def paths(self) -> list[str]:
        """Every file path, sorted; for a project of a monorepo, its files and the shared ones.

        Repositories embedded in this one (see `embedded`) are left out: their code is another
        product's.
        """
        every = [f.path for f in self.repo.files]
        if not self.scope:
            return [p for p in every if not p.startswith(tuple(self.embedded))]
        return [p for p in every if p.startswith(self.scope) or is_shared(p)]

    @cached_property
    def embedded(self) -> list[str]:
        """Folders that are repositories of their own, copied into this one: an example project,
        a vendored product. A folder holding `.github/workflows/` or `.gitlab-ci.yml` is one,
        since GitHub and GitLab read those only at a repository's root; a template's folders
        are not (they render to the root of the repository they make).
        """
        roots = set()
        for entry in self.repo.files:
            path = entry.path
            if path.startswith(self.repo.template_roots) or self.repo.is_template(path):
                continue
            for marker in ("/.github/workflows/", "/.gitlab-ci.yml"):
                head, found, _ = path.partition(marker)
                if found and head and "{{" not in head:
                    roots.add(head + "/")
        return sorted(r for r in roots if not any(r != o and r.startswith(o) for o in roots))

    @property
    def is_git_repository(self) -> bool:
        return self.repo.is_git_repository

    @cached_property
    def logical(self) -> dict[str, str]:
        """Path -> the path the file has in its project (templates rendered, relative to the
        project's folder in a monorepo)."""
        if not self.scope:
            return self.repo.logical_paths
        return {p: p.removeprefix(self.scope) for p in self.paths}

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for path in self.paths:
            index.setdefault(self.logical[path].rsplit("/", 1)[-1].lower(), []).append(path)
        return index

    def named(self, *names: str) -> list[str]:
        """Paths whose logical file name (case-insensitive) is one of `names`, in path order."""
        found = [p for n in names for p in self._by_name.get(n.lower(), ())]
        return sorted(set(found)) if len(names) > 1 else found

    @cached_property
    def _file_hits(self) -> dict[str, list[Sighting]]:
        """Practice -> files whose path identifies one of its tools: one pass over the listing."""
        hits: dict[str, list[Sighting]] = {}
        for path in self.paths:
            for tool, signal in self.recognise.file_signals(self.logical[path]):
                if not signal.text:
                    hits.setdefault(signal.practice, []).append(
                        Sighting(signal.practice, tool.id, tool.label, path, None, path, "file")
                    )
        return hits

    @cached_property
    def parse_errors(self) -> list[ParseError]:
        """Every structural file that could not be read or parsed (CI, configs, manifests).

        Computed after reading them all (and the README), so it does not depend on which check
        ran first; `assess` asks for it before any check runs. Python that does not parse is
        known only once something parsed it: see `unparsed_python`.
        """
        _ = (
            self.pipelines,
            self.config_tables,
            self.packages,
            self.requirements,
            self.task_definitions,
            self.module_index,
            self.readme,
        )
        return sorted(
            (e for p, e in self.repo.errors.items() if p in self._in_scope), key=lambda e: e.path
        )

    @cached_property
    def _in_scope(self) -> set[str]:
        return set(self.paths)

    def errors_for(self, practices: Iterable[str]) -> list[ParseError]:
        """Parse errors of files that belong to one of `practices` (a broken `.gitlab-ci.yml`
        is a CI file): a check of those practices cannot say the practice is absent."""
        wanted = set(practices)
        return [
            e
            for e in self.parse_errors
            if wanted
            & {
                signal.practice
                for _, signal in self.recognise.file_signals(self.logical.get(e.path, e.path))
            }
        ]

    # -- Python ------------------------------------------------------------------------------------

    @cached_property
    def module_index(self) -> dict[str, Module]:
        """Path -> module, for every readable Python module and notebook."""
        found = {}
        for path in self.paths:
            if self.logical[path].endswith(PYTHON_SUFFIXES) or path.endswith(PYTHON_SUFFIXES):
                parsed = self.repo.module(path)
                if parsed.ok and parsed.value is not None:
                    found[path] = parsed.value
        return found

    @cached_property
    def _by_dotted(self) -> dict[str, Module]:
        return {
            path.removesuffix(".py").removesuffix("/__init__").replace("/", "."): module
            for path, module in self.module_index.items()
            if path.endswith(".py")
        }

    def module_named(self, dotted: str) -> Module | None:
        """The repository module an import names (`pkg.jobs` is `src/pkg/jobs.py`), if any."""
        found = self._by_dotted.get(dotted)
        if found is not None:
            return found
        suffix = "." + dotted
        matches = [m for name, m in self._by_dotted.items() if name.endswith(suffix)]
        return min(matches, key=lambda m: len(m.path)) if matches else None

    def imported(self, module: Module) -> list[Module]:
        """The repository's own modules that `module` imports."""
        found = []
        for item in module.records.imports:
            target = self.module_named(item.module)
            if target is None and "." in item.module:  # `from pkg.mod import name`
                target = self.module_named(item.module.rsplit(".", 1)[0])
            if target is not None and target is not module and target not in found:
                found.append(target)
        return found

    @cached_property
    def project_scripts(self) -> dict[str, str]:
        """Console scripts the project declares (`[project.scripts]`) -> the module they run."""
        found = {}
        for parsed in self.pyprojects:
            data = parsed.value if parsed.ok and isinstance(parsed.value, dict) else {}
            scripts, poetry = (
                table_at(data, "project", "scripts"),
                table_at(data, "tool", "poetry", "scripts"),
            )
            for name, target in {**poetry, **scripts}.items():
                if isinstance(target, str):
                    module = self.module_named(target.split(":", 1)[0])
                    if module is not None:
                        found[name] = module.path
        return found

    @cached_property
    def modules(self) -> list[Module]:
        """Every readable Python module and notebook (each parsed on first use, once)."""
        return list(self.module_index.values())

    @cached_property
    def unreadable_python(self) -> list[ParseError]:
        """Python files and notebooks that could not be read (binary, too large, bad JSON)."""
        _ = self.module_index  # parse them all first: the list must not depend on who asked
        return [
            self.repo.errors[p]
            for p in self.paths
            if self.logical[p].endswith(PYTHON_SUFFIXES) and p in self.repo.errors
        ]

    def unparsed_python(self) -> list[ParseError]:
        """Modules that were parsed, because a check needed their records, and are not valid
        Python (a template's own syntax is not an error)."""
        return [
            ParseError(m.path, "Python", m.error)
            for m in self.modules
            if "parsed" in m.__dict__ and m.error is not None
        ]

    @cached_property
    def source_modules(self) -> list[Module]:
        """Modules and notebooks that are not tests (nor test helpers and fixtures)."""
        return [m for m in self.modules if not is_test_code(m)]

    @cached_property
    def test_modules(self) -> list[Module]:
        """Test modules by name (`test_*.py`, `*_test.py`), and modules defining test classes."""
        return [
            m
            for m in self.modules
            if m.is_test or (m.mentions("TestCase") and any(f.is_test for f in m.records.functions))
        ]

    def mentioning(self, modules: Iterable[Module], *words: str) -> list[Module]:
        return [m for m in modules if m.mentions(*words)]

    # -- documents ---------------------------------------------------------------------------------

    @cached_property
    def document_paths(self) -> list[str]:
        return [
            p
            for p in self.paths
            if self.logical[p].lower().endswith(DOCUMENT_SUFFIXES)
            or p.lower().endswith(DOCUMENT_SUFFIXES)
        ]

    def documents(self, *words: str) -> list[Document]:
        """Documents whose text mentions one of `words` (case-insensitive); all without words."""
        found = []
        lowered = [w.lower() for w in words]
        for path in self.document_paths:
            text = self.repo.text(path)
            if not text.ok:
                continue
            if lowered and not any(w in self._lower(path, text.value) for w in lowered):
                continue
            parsed = self.repo.document(path)
            if parsed.ok and parsed.value is not None:
                found.append(parsed.value)
        return found

    @cached_property
    def _lowered(self) -> dict[str, str]:
        return {}

    def _lower(self, path: str, text: str) -> str:
        if path not in self._lowered:
            self._lowered[path] = text.lower()
        return self._lowered[path]

    @cached_property
    def readme(self) -> Parsed[Document] | None:
        """The root README as sections; None when there is none."""
        names = [
            p
            for p in self.paths
            if "/" not in self.logical[p]
            and self.logical[p].lower().startswith("readme")
            and (not self.scope or p.startswith(self.scope))
        ]
        if not names:
            return None
        best = sorted(names, key=lambda p: (not p.lower().endswith((".md", ".rst")), len(p)))[0]
        return self.repo.document(best)

    # -- configuration -----------------------------------------------------------------------------

    @cached_property
    def pyprojects(self) -> list[Parsed[dict]]:
        """Every pyproject.toml, parsed (the root's first)."""
        return [
            self.repo.toml(p)
            for p in sorted(self.named("pyproject.toml"), key=lambda p: (p.count("/"), p))
        ]

    @cached_property
    def config_tables(self) -> list[ConfigTable]:
        """Tool tables of every pyproject.toml and sections of INI-style tool configs."""
        found = []
        for parsed in self.pyprojects:
            tools = (
                parsed.value.get("tool") if parsed.ok and isinstance(parsed.value, dict) else None
            )
            if not isinstance(tools, dict):
                continue
            text = self.repo.text(parsed.path).value or ""
            for name, table in tools.items():
                found.append(
                    ConfigTable(
                        parsed.path, f"pyproject:tool.{name}", _toml_line(text, f"tool.{name}")
                    )
                )
                if isinstance(table, dict):
                    for sub, value in table.items():
                        if isinstance(value, dict):
                            key = f"pyproject:tool.{name}.{sub}"
                            found.append(
                                ConfigTable(
                                    parsed.path, key, _toml_line(text, f"tool.{name}.{sub}")
                                )
                            )
        for path in self.named(*INI_FILES):
            text = self.repo.text(path)
            if not text.ok:
                continue
            for number, line in enumerate(text.value.splitlines(), 1):
                stripped = line.strip()
                if stripped.startswith("[") and stripped.endswith("]"):
                    found.append(ConfigTable(path, f"ini:{stripped[1:-1].strip()}", number))
            if path.endswith((".flake8", "pylintrc")) and not any(t.path == path for t in found):
                found.append(ConfigTable(path, f"ini:{path.rsplit('/', 1)[-1].lstrip('.')}", 1))
        return found

    @cached_property
    def packages(self) -> list[PackageManifest]:
        """Package metadata anywhere in the repository: what makes code installable."""
        found: list[PackageManifest] = []
        for parsed in self.pyprojects:
            data = parsed.value if parsed.ok and isinstance(parsed.value, dict) else {}
            text = self.repo.text(parsed.path).value or ""
            project = data.get("project")
            if isinstance(project, dict) and isinstance(project.get("name"), str):
                found.append(
                    PackageManifest(
                        parsed.path, _toml_line(text, "project"), project["name"], "[project]"
                    )
                )
            poetry = table_at(data, "tool", "poetry")
            if isinstance(poetry.get("name"), str):
                found.append(
                    PackageManifest(
                        parsed.path,
                        _toml_line(text, "tool.poetry"),
                        poetry["name"],
                        "[tool.poetry]",
                    )
                )
        for path in self.named("setup.py"):
            module = self.module_index.get(path)
            for call in module.records.calls if module is not None else ():
                if call.leaf == "setup" and call.name in (
                    "setup",
                    "setuptools.setup",
                    "distutils.core.setup",
                ):
                    name = call.keywords.get("name")
                    found.append(PackageManifest(path, call.line, str(name or ""), "setup()"))
        for path in self.named("setup.cfg"):
            for table in (
                t for t in self.config_tables if t.path == path and t.key == "ini:metadata"
            ):
                found.append(PackageManifest(path, table.line, "", "[metadata]"))
        return found

    @cached_property
    def requirements(self) -> list[RequirementLine]:
        """Every dependency line of requirements files and conda environment files."""
        found = []
        for path in self.paths:
            if REQUIREMENTS.search(self.logical[path]):
                text = self.repo.text(path)
                if text.ok:
                    found += _requirement_lines(path, text.value)
        for sighting in self.file_sightings("runtime-environment"):
            if sighting.tool == "conda":
                found += self._conda_lines(sighting.path)
        return found

    def _conda_lines(self, path: str) -> list[RequirementLine]:
        parsed = self.repo.yaml(path)
        dependencies = parsed.value.get("dependencies") if isinstance(parsed.value, dict) else None
        found = []
        for index, item in enumerate(dependencies if isinstance(dependencies, list) else []):
            line = dependencies.line_of(index) if hasattr(dependencies, "line_of") else 0
            if isinstance(item, str):
                name = item.split("=")[0].split("<")[0].split(">")[0].strip()
                if name in ("python", "pip"):
                    continue
                found.append(RequirementLine(path, line, item, "=" in item and "*" not in item))
            elif isinstance(item, dict) and isinstance(item.get("pip"), list):
                for pip in item["pip"]:
                    if isinstance(pip, str):
                        found += _requirement_lines(path, pip, line)
        return found

    # -- recognition -------------------------------------------------------------------------------

    def file_sightings(self, practice: str) -> list[Sighting]:
        """Files whose path identifies a tool of `practice` (`uv.lock`, `Dockerfile`, `*.tf`)."""
        return list(self._file_hits.get(practice, ()))

    def text_sightings(self, practice: str) -> list[Sighting]:
        """Files of given kinds whose text (comments left out) names a tool of `practice`."""
        found = []
        for tool, signal, globs in self.recognise.text_signals:
            if signal.practice != practice:
                continue
            for path in self.paths:
                name = self.logical[path].rsplit("/", 1)[-1]
                if not name.endswith(TEXT_SUFFIXES) or not any(g.match(name) for g in globs):
                    continue
                text = self.repo.text(path)
                if not text.ok:
                    continue
                for number, line in enumerate(text.value.splitlines(), 1):
                    if COMMENT_LINE.match(line):
                        continue
                    hit = next((w for w in signal.text if w in line), None)
                    if hit:
                        found.append(
                            Sighting(practice, tool.id, tool.label, path, number, hit, "content")
                        )
                        break
        return found

    def config_sightings(self, practice: str) -> list[Sighting]:
        found = []
        for table in self.config_tables:
            for tool, signal in self.recognise.config_signals(table.key):
                if signal.practice == practice:
                    what = f"[{table.key.split(':', 1)[1]}]"
                    found.append(
                        Sighting(
                            practice, tool.id, tool.label, table.path, table.line, what, "config"
                        )
                    )
        return found

    @cached_property
    def structured_documents(self) -> dict[str, Any]:
        """Path -> parsed value, for YAML and JSON files that mention a content signature."""
        words = self.recognise.content_words
        found = {}
        for path in self.paths:
            if not self.logical[path].endswith(STRUCTURED_SUFFIXES):
                continue
            text = self.repo.text(path)
            if not text.ok or not any(w in text.value for w in words):
                continue
            parsed = self.repo.structured(path)
            if parsed.ok and parsed.value is not None:
                found[path] = parsed.value
        return found

    def content_sightings(self, practice: str) -> list[Sighting]:
        found = []
        for tool, signal, alternatives in self.recognise.content_signals:
            if signal.practice != practice:
                continue
            for path, document in self.structured_documents.items():
                for conditions, text in zip(alternatives, signal.content, strict=True):
                    if content_matches(document, conditions):
                        line = _content_line(document, conditions)
                        found.append(
                            Sighting(practice, tool.id, tool.label, path, line, text, "content")
                        )
                        break
        return found

    @cached_property
    def product_modules(self) -> list[Module]:
        """Modules and notebooks of the product itself: tests and their fixtures left out."""
        return [m for m in self.modules if not is_test_code(m)]

    @cached_property
    def _modules_naming(self) -> dict[str, list[Module]]:
        """Name -> the product modules that spell it, for every name a code pattern needs.

        Built with one set intersection per module, so a practice's candidates are looked up
        instead of every module being asked about every practice.
        """
        wanted = self.recognise.all_code_names
        index: dict[str, list[Module]] = {}
        for module in self.product_modules:
            for name in module.identifiers & wanted:
                index.setdefault(name, []).append(module)
        return index

    def _candidates(self, practice: str) -> list[Module]:
        names, texts = self.recognise.practice_words(practice)
        chosen = {m.path: m for name in names for m in self._modules_naming.get(name, ())}
        if texts:
            chosen.update(
                (m.path, m) for m in self.product_modules if any(t in m.text for t in texts)
            )
        return sorted(chosen.values(), key=lambda m: m.path)

    def code_sightings(
        self, practice: str, modules: Iterable[Module] | None = None, limit: int | None = None
    ) -> list[Sighting]:
        """Sightings of `practice` in code: the product's modules and notebooks by default.

        Tests are left out: a mocked tracker call in a test does not track the product's runs.
        Modules are parsed only when their text has a word the practice's patterns need, and
        with a `limit` the search stops at the first modules that show it.
        """
        found: list[Sighting] = []
        for module in self._candidates(practice) if modules is None else modules:
            if self.recognise.worth_parsing(module, practice):
                found += self.recognise.in_module(module, practice)
                if limit is not None and len(found) >= limit:
                    break
        return found

    @cached_property
    def _command_hits(self) -> dict[str, list[Sighting]]:
        """Practice -> the written commands that show it: one pass over every command."""
        hits: dict[str, list[Sighting]] = {}
        for item in self.written_commands:
            for tool, signal in self.recognise.command_signals(item.command):
                text = " ".join(item.command.words)[:80]
                hits.setdefault(signal.practice, []).append(
                    Sighting(
                        signal.practice,
                        tool.id,
                        tool.label,
                        item.path,
                        item.command.line,
                        f"runs {text}",
                        "command",
                    )
                )
        return hits

    @cached_property
    def written_commands(self) -> list[Reached]:
        """Every command written in the repository: CI steps, task recipes, scripts, hooks."""
        found: list[Reached] = []
        for pipeline in self.pipelines:
            for job in pipeline.jobs:
                for step in job.steps:
                    found += [Reached(c, pipeline.path) for c in step.commands()]
        for path in self.paths:
            name = self.logical[path]
            if name.endswith(SCRIPT_SUFFIXES) or name.startswith(".husky/"):
                text = self.repo.text(path)
                if text.ok:
                    found += [Reached(c, path) for c in commands(text.value)]
        for runner, names in TASK_FILES.items():
            for path in self.named(*names):
                for task in self.graph._tasks(runner, path):
                    for script, line in task.scripts:
                        found += [Reached(c, path) for c in commands(script, line or task.line)]
        return found

    def command_sightings(
        self, practice: str, reached: Iterable[Reached] | None = None
    ) -> list[Sighting]:
        """Commands that show `practice`, among `reached` (every written command by default)."""
        if reached is None:
            return list(self._command_hits.get(practice, ()))
        found = []
        for item in reached:
            for tool, signal in self.recognise.command_signals(item.command):
                if signal.practice == practice:
                    text = " ".join(item.command.words)[:80]
                    found.append(
                        Sighting(
                            practice,
                            tool.id,
                            tool.label,
                            item.path,
                            item.command.line,
                            f"runs {text}",
                            "command",
                        )
                    )
        return found

    def action_sightings(self, practice: str) -> list[Sighting]:
        found = []
        for job in self.ci_jobs:
            for uses, _, path, line in job.actions:
                for tool, signal in self.recognise.action_signals(uses):
                    if signal.practice == practice:
                        found.append(
                            Sighting(
                                practice, tool.id, tool.label, path, line, f"uses {uses}", "action"
                            )
                        )
        return found

    def sightings(self, practice: str, limit: int | None = None) -> list[Sighting]:
        """Everywhere `practice` shows: files, config, content, code, commands and CI actions.

        With a `limit`, code is searched only until that many sightings are found (a check
        that needs one piece of evidence does not parse every module of a large repository).
        """
        if limit is not None and practice not in self._practices:
            found = (
                self.file_sightings(practice)
                + self.text_sightings(practice)
                + self.config_sightings(practice)
                + self.content_sightings(practice)
                + self.command_sightings(practice)
                + self.action_sightings(practice)
            )
            if len(found) < limit:
                found += self.code_sightings(practice, limit=limit - len(found))
            return found
        if practice not in self._practices:
            if practice not in self.knowledge.practices:
                raise KeyError(f"unknown practice {practice!r}")
            found = (
                self.file_sightings(practice)
                + self.text_sightings(practice)
                + self.config_sightings(practice)
                + self.content_sightings(practice)
                + self.code_sightings(practice)
                + self.command_sightings(practice)
                + self.action_sightings(practice)
            )
            self._practices[practice] = found
        return self._practices[practice]

    @cached_property
    def task_definitions(self) -> list[Any]:
        """Every task of every task runner and git-hook manager in the repository."""
        found = []
        for runner, names in TASK_FILES.items():
            for path in self.named(*names):
                found += self.graph._tasks(runner, path)
        return found

    def task_reach(self, task: Any) -> Reach:
        """Everything a task of a task runner runs, its chain followed."""
        key = (task.runner, task.path, task.name)
        if key not in self._task_reach:
            self._task_reach[key] = self.graph._run_tasks(
                task.runner, task.path, [task.name], (), frozenset()
            )
        return self._task_reach[key]

    @cached_property
    def _task_reach(self) -> dict[tuple[str, str, str], Reach]:
        return {}

    @cached_property
    def deployment_environments(self) -> dict[str, tuple[str, int | None, str]]:
        """Environment (dev, test, acc, staging, prod) -> where it is first configured to deploy.

        Named by bundle targets, by the CI jobs that deploy (their environment or name), and by
        per-environment deployment files (values-prod.yaml, env/dev.tfvars, overlays/acc/).
        """
        found: dict[str, tuple[str, int | None, str]] = {}

        def add(word: str, path: str, line: int | None, what: str) -> None:
            name = self.markers.environment(word)
            if name:
                found.setdefault(name, (path, line, f"{what} {word}"))

        for path in self.named("databricks.yml", "databricks.yaml"):
            parsed = self.repo.yaml(path)
            targets = parsed.value.get("targets") if isinstance(parsed.value, dict) else None
            for target in targets if isinstance(targets, dict) else ():
                add(
                    str(target),
                    path,
                    targets.line_of(target) if isinstance(targets, YamlMap) else None,
                    "bundle target",
                )
        deploying = {
            id(j) for practice in ("deploy", "iac-apply") for j, _ in self.jobs_running(practice)
        }
        for job in self.ci_jobs:
            if id(job) not in deploying:
                continue
            for word in self.markers.environment_words(f"{job.environment or ''} {job.name}"):
                add(word, job.path, job.job.line, "deployment job")
        for path in self.paths:
            if self.markers.deployment_file(self.logical[path]):
                for word in self.markers.environment_words(self.logical[path].rsplit(".", 1)[0]):
                    add(word, path, None, "per-environment file")
        return found

    # -- CI ----------------------------------------------------------------------------------------

    @cached_property
    def graph(self) -> Graph:
        return Graph(self.repo, self.module_index, self.project_scripts)

    @cached_property
    def pipelines(self) -> list[ci.Pipeline]:
        """Every CI configuration and local action, read; an unparsable one carries its error."""
        found = []
        seen = set()
        # CI files by their place (`.github/workflows/`), then by their content (a Cloud Build
        # config or an Azure pipeline kept wherever the team chose).
        for sighting in self.file_sightings("ci") + self.content_sightings("ci"):
            if sighting.path not in seen:
                seen.add(sighting.path)
                found.append(self._pipeline(sighting.tool, sighting.path))
        for path in self.paths:
            name = self.logical[path]
            if name.startswith(".github/actions/") and name.endswith(
                ("/action.yml", "/action.yaml")
            ):
                found.append(self._pipeline("github-actions", path))
        return found

    @cached_property
    def _pipeline_cache(self) -> dict[str, ci.Pipeline]:
        return {}

    def _pipeline(self, system: str, path: str) -> ci.Pipeline:
        if path in self._pipeline_cache:
            return self._pipeline_cache[path]
        if system == "jenkins":
            text = self.repo.text(path)
            pipeline = (
                others.jenkins(path, text.value)
                if text.ok
                else ci.Pipeline(path, system, error=str(text.error))
            )
        else:
            parsed = self.repo.structured(path) if path.endswith(".json") else self.repo.yaml(path)
            if not parsed.ok:
                pipeline = ci.Pipeline(path, system, error=str(parsed.error))
            elif parsed.value is None:
                pipeline = ci.Pipeline(path, system)  # a template whose syntax hides its structure
            else:
                reader = READERS.get(system)
                if system == "github-actions" and path.endswith(("/action.yml", "/action.yaml")):
                    reader = github.composite_action
                try:
                    pipeline = reader(path, parsed.value) if reader else ci.Pipeline(path, system)
                except (AttributeError, TypeError, ValueError, KeyError) as error:
                    # Valid YAML of a shape the CI system would reject too.
                    pipeline = ci.Pipeline(path, system, error=f"unexpected structure: {error}")
        self._pipeline_cache[path] = pipeline
        return pipeline

    @cached_property
    def ci_jobs(self) -> list[JobReach]:
        """Every job as it runs, reusable workflows and templates followed into their callers."""
        referenced = self._called_files()
        found: list[JobReach] = []
        for pipeline in self.pipelines:
            if pipeline.error or pipeline.called_only or pipeline.path in referenced:
                continue
            defaults = self._defaults(pipeline, pipeline.path)
            for job in pipeline.jobs:
                found += self._job(pipeline, job, pipeline.path, job.triggers, defaults, None, 0)
        if self.scope:  # in a monorepo, a root pipeline counts for the projects it reaches
            found = [job for job in found if reaches(job, self.scope)]
        return found

    def _called_files(self) -> set[str]:
        """CI files another CI file includes or calls: they run with their callers' triggers."""
        called = set()
        for pipeline in self.pipelines:
            base = posixpath.dirname(pipeline.path)
            for include, _ in pipeline.includes:
                if path := self._resolve_ci_reference(pipeline, include, base):
                    called.add(path)
            for job in pipeline.jobs:
                references = [job.calls] + [s.uses for s in job.steps]
                for reference in references:
                    if reference and (
                        path := self._resolve_ci_reference(pipeline, reference, base)
                    ):
                        called.add(path)
        return called

    def _resolve_ci_reference(self, pipeline: ci.Pipeline, reference: str, base: str) -> str | None:
        target = reference.removeprefix("template:").split("@", 1)[0].strip()
        if pipeline.system == "github-actions":
            if not target.startswith("./"):
                return None
            target = target[2:]
            if target.endswith((".yml", ".yaml")):
                return target if self.repo.exists(target) else None
            for name in ("action.yml", "action.yaml"):
                if self.repo.exists(f"{target.rstrip('/')}/{name}"):
                    return f"{target.rstrip('/')}/{name}"
            return None
        if target.startswith("/"):
            candidate = target.lstrip("/")
        else:
            candidate = posixpath.normpath(posixpath.join(base, target))
        for path in (candidate, target.lstrip("/")):
            if self.repo.exists(path):
                return path
        return None

    def _job(
        self,
        pipeline: ci.Pipeline,
        job: ci.Job,
        path: str,
        triggers: frozenset[str],
        parameters: dict[str, str],
        caller: str | None,
        depth: int,
    ) -> list[JobReach]:
        if depth > 6:
            return []
        off = job.disabled
        reach = JobReach(pipeline, job, path, triggers, off, caller=caller)
        found = [reach]
        base = posixpath.dirname(path)
        for step in job.steps:
            if step.disabled:
                continue
            self._step(pipeline, step, path, base, parameters, reach, depth)
        if job.calls:
            target = self._resolve_ci_reference(pipeline, job.calls, base)
            if target:
                callee = self._pipeline(pipeline.system, target)
                passed = {k: ci.substitute(str(v), parameters) for k, v in job.inputs.items()}
                values = {**self._defaults(callee, target), **passed}
                for inner in callee.jobs:
                    found += self._job(
                        callee, inner, target, triggers, values, f"{path}:{job.line}", depth + 1
                    )
        if off:
            for item in found:
                item.disabled = True
        return found

    def _step(
        self,
        pipeline: ci.Pipeline,
        step: ci.Step,
        path: str,
        base: str,
        parameters: dict[str, str],
        reach: JobReach,
        depth: int,
    ) -> None:
        if step.script:
            directory = (
                ci.substitute(step.directory or "", parameters).strip("./")
                if step.directory
                else ""
            )
            reach.reach.extend(self.graph.follow(step.commands(parameters), path, directory))
        if not step.uses:
            return
        reach.actions.append((step.uses, step.inputs, path, step.line))
        target = self._resolve_ci_reference(pipeline, step.uses, base)
        if target is None or depth > 6:
            return
        callee = self._pipeline(pipeline.system, target)
        passed = {
            k: ci.substitute(str(v), parameters)
            for k, v in step.inputs.items()
            if isinstance(v, str | int | bool)
        }
        values = {**self._defaults(callee, target), **passed}
        for inner in callee.jobs:
            for inner_step in inner.steps:
                if not inner_step.disabled:
                    self._step(
                        callee,
                        inner_step,
                        target,
                        posixpath.dirname(target),
                        values,
                        reach,
                        depth + 1,
                    )

    def _defaults(self, pipeline: ci.Pipeline, path: str) -> dict[str, str]:
        parsed = self.repo.yaml(path)
        data = parsed.value if parsed.ok else None
        if pipeline.system == "azure-pipelines":
            return azure.parameter_defaults(data)
        on = data.get("on", data.get(True)) if isinstance(data, dict) else None
        call = on.get("workflow_call") if isinstance(on, dict) else None
        inputs = call.get("inputs") if isinstance(call, dict) else None
        if not isinstance(inputs, dict):
            inputs = data.get("inputs") if isinstance(data, dict) else None  # a composite action
        return {
            k: str(v["default"])
            for k, v in (inputs or {}).items()
            if isinstance(v, dict) and isinstance(v.get("default"), str | int | bool)
        }

    def jobs_running(
        self, practice: str, triggers: Iterable[str] | None = None, include_disabled: bool = False
    ) -> list[tuple[JobReach, Sighting]]:
        """CI jobs (on any of `triggers`) reaching a command, action or module of `practice`."""
        wanted = set(triggers) if triggers is not None else None
        found = []
        for job in self.ci_jobs:
            if (job.disabled and not include_disabled) or (
                wanted is not None and not job.triggers & wanted
            ):
                continue
            # A runner whose configuration was followed (tox to its environments' commands)
            # counts by what it runs, not by its name.
            expanded = {hop for reached in job.reach.commands for hop in reached.via}
            hits = [
                s
                for s in self.command_sightings(practice, job.reach.commands)
                if not (
                    f"{s.path}:{s.line}" in expanded
                    and self.knowledge.tool(s.tool).family == "task-runner"
                )
            ]
            for uses, _, path, line in job.actions:
                for tool, signal in self.recognise.action_signals(uses):
                    if signal.practice == practice:
                        hits.append(
                            Sighting(
                                practice, tool.id, tool.label, path, line, f"uses {uses}", "action"
                            )
                        )
            for reached in job.reach.modules:
                hits += self.recognise.in_module(reached.module, practice)
            found += [(job, hit) for hit in hits]
        return found


TASK_FILES = {
    "make": ("Makefile", "makefile", "GNUmakefile"),
    "just": ("justfile", "Justfile", ".justfile"),
    "tox": ("tox.ini",),
    "mise": ("mise.toml", ".mise.toml"),
    "go-task": ("Taskfile.yml", "Taskfile.yaml"),
    "lefthook": ("lefthook.yml", "lefthook.yaml", ".lefthook.yml"),
    "pre-commit": (".pre-commit-config.yaml", ".pre-commit-config.yml"),
    "npm": ("package.json",),
    "poethepoet": ("pyproject.toml",),
    "hatch": ("pyproject.toml",),
}
READERS = {
    "github-actions": github.workflow,
    "gitlab-ci": gitlab.pipeline,
    "azure-pipelines": azure.pipeline,
    "circleci": others.circleci,
    "bitbucket-pipelines": others.bitbucket,
    "google-cloud-build": others.cloud_build,
    "aws-codebuild": others.codebuild,
}


def _toml_line(text: str, table: str) -> int:
    headers = (f"[{table}]", f"[{table}.", f"[{table.replace('.', '.').strip()}]")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().replace('"', "")
        if stripped.startswith(headers):
            return number
    return 0


def _requirement_lines(path: str, text: str, fallback: int = 0) -> list[RequirementLine]:
    """Dependencies of a requirements text; `-r`, `-e`, options and comments are not lines."""
    found = []
    hashed = "--hash=" in text
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip().rstrip("\\").strip()
        if not line or line.startswith(("#", "-", "--")):
            continue
        if "://" in line or line.startswith((".", "/")):
            found.append(
                RequirementLine(path, fallback or number, line, "@" in line and "#" in raw)
            )
            continue
        try:
            requirement = Requirement(line.split(" --hash")[0])
        except InvalidRequirement:
            continue
        pinned = hashed or any(
            s.operator in ("==", "===") and "*" not in s.version for s in requirement.specifier
        )
        found.append(RequirementLine(path, fallback or number, line, pinned))
    return found


SHARED_FOLDERS = (
    ".github/",
    ".gitlab/",
    ".azure-pipelines/",
    ".pipelines/",
    ".circleci/",
    ".azure/",
    ".husky/",
)


def is_shared(path: str) -> bool:
    """Whether a file at the root of a monorepo serves all its projects (CI, hooks, owners)."""
    return "/" not in path or path.startswith(SHARED_FOLDERS)


def reaches(job: JobReach, scope: str) -> bool:
    """Whether a CI job works on a project folder: its path filters, working directories or
    command arguments name it."""
    folder = scope.rstrip("/")
    if any(p.lstrip("./").startswith(folder) for p in job.job.paths):
        return True
    for reached in job.reach.commands:
        if reached.directory.startswith(folder) or reached.path.startswith(scope):
            return True
        if any(arg.lstrip("./").startswith(folder) for arg in reached.command.args):
            return True
    return any(m.module.path.startswith(scope) for m in job.reach.modules)


def is_test_code(module: Module) -> bool:
    """Whether a module is a test, a test helper or a fixture (`tests/`, `conftest.py`)."""
    path = f"/{module.path}"
    return module.is_test or "/tests/" in path or "/test/" in path or path.endswith("/conftest.py")


def _strings_of(value: Any, depth: int = 0) -> Iterable[str]:
    if depth > 50:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings_of(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_of(item, depth + 1)


def _content_line(document: Any, conditions: list[tuple[str, str, str]]) -> int | None:
    """The line of the first key a content condition names, when the document kept lines."""
    for _op, path, _ in conditions:
        if not path:
            continue
        node: Any = document
        line = None
        for part in path.split("."):
            if isinstance(node, YamlMap):
                key = next(iter(node), None) if part == "*" else part
                if key not in node:
                    break
                line = node.line_of(key)
                node = node[key]
            elif isinstance(node, list) and part == "*" and node:
                node = node[0]
            else:
                break
        if line:
            return line
    return getattr(document, "line", None) or None
