"""The command graph: from a command to everything it runs, the way a person follows it.

A CI job that runs `make test` runs the Makefile's `test` recipe; `tox` runs its
environments' commands; `mise run test`, `just test`, `poe test`, `invoke test`, `npm test`,
a shell script, a git hook manager, a Python module (`python -m pkg.train`, whose
`subprocess` calls are commands too), a local GitHub action, a reusable workflow, an Azure
template: each is followed to the commands it holds, with the chain that led there kept as
evidence. The walk is bounded (depth, and each file and task once per origin), so a recipe
that calls itself ends.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import tasks as readers
from .python import Module, Source
from .repository import Repository, table_at
from .shell import Command, commands

MAX_DEPTH = 10
SCRIPT_SUFFIXES = (".sh", ".bash", ".zsh", ".ps1")
SHELLS = frozenset({"bash", "sh", "zsh", "source", ".", "pwsh", "powershell", "dash"})
PYTHONS = frozenset({"python", "python3", "py", "pypy", "pypy3", "ipython"})
# Calls in Python code that run a command line.
RUNS_COMMAND = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "os.system",
        "os.popen",
    }
)


@dataclass(frozen=True, slots=True)
class Reached:
    """A command reached from an origin, with the chain that leads to it."""

    command: Command
    path: str
    """The file the command is written in."""
    via: tuple[str, ...] = ()
    """`path:line` of each hop from the origin, the origin first."""
    directory: str = ""
    """The folder it runs in, relative to the root (after `cd` and working directories)."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.command.line}"


@dataclass(frozen=True, slots=True)
class ReachedModule:
    """A Python module a command runs (`python train.py`, `python -m pkg.train`)."""

    module: Module
    via: tuple[str, ...] = ()


@dataclass
class Reach:
    """Everything an origin runs."""

    commands: list[Reached] = field(default_factory=list)
    modules: list[ReachedModule] = field(default_factory=list)

    def extend(self, other: Reach) -> None:
        self.commands += other.commands
        self.modules += other.modules


def _targets(
    args: tuple[str, ...], options_with_values: tuple[str, ...]
) -> tuple[list[str], dict[str, str]]:
    """Positional arguments and option values of a runner's command line."""
    names, options, skip = [], {}, False
    for index, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg.startswith("-"):
            key, _, value = arg.partition("=")
            if key in options_with_values and not value and index + 1 < len(args):
                options[key] = args[index + 1]
                skip = True
            else:
                options[key] = value
        elif "=" not in arg:
            names.append(arg)
    return names, options


class Graph:
    """Follows commands through a repository's task runners, scripts and modules."""

    def __init__(
        self, repo: Repository, modules: dict[str, Module], scripts: dict[str, str] | None = None
    ) -> None:
        self.repo = repo
        self.modules = modules
        self.scripts = scripts or {}
        """The project's console scripts (`demand-forecast`) -> the module each runs."""

    @cached_property
    def _by_logical(self) -> dict[str, str]:
        """Logical path -> file, for files a project template renders (`run.py` of `template/`)."""
        found: dict[str, str] = {}
        for path, logical in self.repo.logical_paths.items():
            if logical != path:
                found.setdefault(logical, path)
        return found

    # -- task indexes, built once per file ---------------------------------------------------------

    @cached_property
    def _task_cache(self) -> dict[tuple[str, str], list[readers.Task]]:
        return {}

    def _tasks(self, runner: str, path: str) -> list[readers.Task]:
        key = (runner, path)
        if key not in self._task_cache:
            self._task_cache[key] = self._read_tasks(runner, path)
        return self._task_cache[key]

    def _read_tasks(self, runner: str, path: str) -> list[readers.Task]:
        repo = self.repo
        if not repo.exists(path):
            return []
        text = repo.text(path)
        if not text.ok:
            return []
        if runner == "make":
            return readers.makefile(path, text.value)
        if runner == "just":
            return readers.justfile(path, text.value)
        if runner == "tox":
            if path.endswith("pyproject.toml"):
                table = table_at(repo.toml(path).value, "tool", "tox")
                return readers.tox_toml(path, table) if table else []
            return readers.tox_ini(path, text.value)
        if runner in ("nox", "invoke"):
            module = self.modules.get(path)
            if module is None:
                return []
            decorator, calls = (
                ("nox.session", ("run", "run_always"))
                if runner == "nox"
                else ("invoke.task", ("run", "sudo"))
            )
            return readers.python_tasks(runner, module, decorator, calls)
        if runner in ("mise", "poethepoet", "hatch"):
            data = repo.toml(path).value
            if runner == "mise":
                return readers.mise(path, data if isinstance(data, dict) else {}, text.value)
            if runner == "poethepoet":
                return readers.poe(path, table_at(data, "tool", "poe"), text.value)
            return readers.hatch(path, table_at(data, "tool", "hatch"), text.value)
        if runner == "go-task":
            return readers.taskfile(path, repo.yaml(path).value)
        if runner == "npm":
            return readers.package_json(path, repo.json(path).value, text.value)
        if runner == "lefthook":
            return readers.lefthook(path, repo.yaml(path).value)
        if runner == "pre-commit":
            return readers.pre_commit(path, repo.yaml(path).value)
        return []

    def _find(self, directory: str, *names: str) -> str | None:
        """The first of `names` in `directory`, else at the root."""
        for folder in dict.fromkeys((directory, "")):
            for name in names:
                path = posixpath.normpath(posixpath.join(folder, name)) if folder else name
                if self.repo.exists(path):
                    return path
        return None

    # -- following ---------------------------------------------------------------------------------

    def follow(
        self,
        items: Iterable[Command],
        path: str,
        directory: str = "",
        via: tuple[str, ...] = (),
        seen: frozenset[str] = frozenset(),
    ) -> Reach:
        """Every command `items` run, directly or through what they call.

        `path` is the file the commands are written in; `directory` the folder they run in
        (relative to the root); `via` the chain so far; `seen` what this chain already entered.
        """
        reach = Reach()
        for command in items:
            if command.program == "cd" and command.args:
                target = command.args[0]
                directory = (
                    ""
                    if target in ("~", "/") or target.startswith("$")
                    else posixpath.normpath(posixpath.join(directory, target)).lstrip("./")
                )
                directory = (
                    "" if directory in (".", "") or directory.startswith("..") else directory
                )
                continue
            reach.commands.append(Reached(command, path, via, directory))
            if len(via) < MAX_DEPTH:
                hop = (*via, f"{path}:{command.line}")
                reach.extend(self._into(command, directory, hop, seen))
        return reach

    def _run_tasks(
        self,
        runner: str,
        path: str | None,
        names: list[str],
        via: tuple[str, ...],
        seen: frozenset[str],
        default_all: bool = False,
    ) -> Reach:
        reach = Reach()
        if path is None:
            return reach
        found = self._tasks(runner, path)
        by_name = {t.name: t for t in found}
        if not names:
            names = [t.name for t in found] if default_all else [found[0].name] if found else []
        queue = list(names)
        while queue:
            name = queue.pop(0)
            key = f"{runner}:{path}:{name}"
            task = by_name.get(name)
            if task is None or key in seen:
                continue
            seen = seen | {key}
            queue += [d for d in task.depends if d not in queue]
            directory = posixpath.dirname(path)
            for script, line in task.scripts:
                reach.extend(
                    self.follow(commands(script, line or task.line), path, directory, via, seen)
                )
        return reach

    def _into(
        self, command: Command, directory: str, via: tuple[str, ...], seen: frozenset[str]
    ) -> Reach:
        program, args = command.program, command.args
        if program in ("make", "gmake", "$(MAKE)"):
            names, options = _targets(args, ("-C", "-f", "--directory", "--file"))
            folder = posixpath.join(directory, options.get("-C", options.get("--directory", "")))
            folder = posixpath.normpath(folder).lstrip("./") if folder.strip("./") else ""
            makefile = options.get("-f") or options.get("--file")
            path = (
                self._find(folder, makefile)
                if makefile
                else self._find(folder, "Makefile", "makefile", "GNUmakefile")
            )
            return self._run_tasks("make", path, names, via, seen)
        if program == "tox":
            _, options = _targets(args, ("-e", "--env", "-c"))
            envs = [e for e in options.get("-e", options.get("--env", "")).split(",") if e]
            path = self._find(directory, "tox.ini") or self._tox_in_pyproject(directory)
            names = envs or []
            reach = self._run_tasks("tox", path, names, via, seen, default_all=True)
            if envs and not reach.commands and path:  # factor names (py311-test) run the base env
                reach = self._run_tasks("tox", path, ["testenv"], via, seen)
            return reach
        if program == "nox":
            _, options = _targets(args, ("-s", "--session", "--sessions", "-f"))
            sessions = [s for s in options.get("-s", options.get("--session", "")).split(",") if s]
            path = self._find(directory, options.get("-f", "noxfile.py"))
            return self._run_tasks("nox", path, sessions, via, seen, default_all=True)
        if program == "mise":
            names, _ = _targets(args, ("-C", "--cd", "-E", "--env", "-j", "--jobs"))
            if names[:1] in (["run"], ["r"], ["tasks"], ["task"]):
                names = names[1:2] if names[:1] != ["tasks"] else names[2:3]
            path = self._find(
                directory, "mise.toml", ".mise.toml", ".config/mise.toml", "mise/config.toml"
            )
            reach = self._run_tasks("mise", path, names[:1], via, seen)
            if not reach.commands and names:
                script = self._find(
                    directory,
                    *(
                        f"{d}/{names[0]}"
                        for d in (".mise/tasks", "mise-tasks", ".config/mise/tasks")
                    ),
                )
                reach.extend(self._script(script, via, seen))
            return reach
        if program == "just":
            names, _ = _targets(args, ("-f", "--justfile", "-d"))
            path = self._find(directory, "justfile", "Justfile", ".justfile")
            return self._run_tasks("just", path, names[:1], via, seen)
        if program in ("poe", "poethepoet"):
            names, _ = _targets(args, ("-C", "--root"))
            return self._run_tasks(
                "poethepoet", self._find(directory, "pyproject.toml"), names[:1], via, seen
            )
        if program in ("invoke", "inv"):
            names, _ = _targets(args, ("-c", "--collection", "-r", "--search-root"))
            return self._run_tasks("invoke", self._find(directory, "tasks.py"), names, via, seen)
        if program == "task":
            names, _ = _targets(args, ("-d", "--dir", "-t", "--taskfile"))
            path = self._find(directory, "Taskfile.yml", "Taskfile.yaml", "taskfile.yml")
            return self._run_tasks("go-task", path, names, via, seen)
        if program in ("npm", "yarn", "pnpm", "bun"):
            names, _ = _targets(args, ("--prefix", "-w", "--workspace"))
            if names[:1] in (["run"], ["run-script"]):
                names = names[1:2]
            path = self._find(directory, "package.json")
            return self._run_tasks("npm", path, names[:1], via, seen)
        if program == "pre-commit" and args[:1] == ("run",):
            path = self._find(directory, ".pre-commit-config.yaml", ".pre-commit-config.yml")
            return self._run_tasks("pre-commit", path, [], via, seen, default_all=True)
        if program == "lefthook" and args[:1] == ("run",):
            path = self._find(directory, "lefthook.yml", "lefthook.yaml", ".lefthook.yml")
            return self._run_tasks("lefthook", path, list(args[1:2]), via, seen)
        if program == "hatch" or (program not in PYTHONS and self._hatch_script(program)):
            return self._run_tasks(
                "hatch",
                self._find(directory, "pyproject.toml"),
                [program] if program != "hatch" else list(args[1:2]),
                via,
                seen,
            )
        if program in self.scripts:  # the project's own command: its entry module runs
            return self._module(self.scripts[program], via, seen)
        if program in SHELLS and args:
            return self._script(self._path(directory, args[0]), via, seen)
        if program.endswith(SCRIPT_SUFFIXES) or program.startswith(("./", "scripts/")):
            return self._script(self._path(directory, program), via, seen)
        if program in PYTHONS and args and args[0].endswith(".py"):
            return self._module(self._path(directory, args[0]), via, seen)
        if "." in program and all(part.isidentifier() for part in program.split(".")):
            return self._module(self._dotted(directory, program), via, seen)
        return Reach()

    def _tox_in_pyproject(self, directory: str) -> str | None:
        path = self._find(directory, "pyproject.toml")
        if path and table_at(self.repo.toml(path).value, "tool", "tox"):
            return path
        return None

    def _hatch_script(self, name: str) -> bool:
        if (
            not self.repo.exists("pyproject.toml")
            or not name.replace("-", "").replace(":", "").isalnum()
        ):
            return False
        return any(t.name == name for t in self._tasks("hatch", "pyproject.toml"))

    def _path(self, directory: str, target: str) -> str | None:
        cleaned = target.split("$", 1)[0] if target.startswith("$") else target
        for folder in dict.fromkeys((directory, "")):
            path = posixpath.normpath(posixpath.join(folder, cleaned)).lstrip("./")
            if self.repo.exists(path):
                return path
        return self._by_logical.get(posixpath.normpath(cleaned).lstrip("./"))

    def _dotted(self, directory: str, dotted: str) -> str | None:
        relative = dotted.replace(".", "/")
        # `python -m pkg.train` in a project's folder runs its package, src layout included.
        in_src = posixpath.join(directory, "src") if directory else "src"
        for root in dict.fromkeys((directory, in_src, "", "src")):
            for candidate in (f"{relative}.py", f"{relative}/__main__.py"):
                path = posixpath.join(root, candidate) if root else candidate
                if self.repo.exists(path):
                    return path
        return None

    def _script(self, path: str | None, via: tuple[str, ...], seen: frozenset[str]) -> Reach:
        if path is None or f"script:{path}" in seen or path.endswith(".py"):
            return self._module(path, via, seen) if path and path.endswith(".py") else Reach()
        text = self.repo.text(path)
        if not text.ok:
            return Reach()
        return self.follow(
            commands(text.value), path, posixpath.dirname(path), via, seen | {f"script:{path}"}
        )

    def _module(self, path: str | None, via: tuple[str, ...], seen: frozenset[str]) -> Reach:
        if path is None or f"module:{path}" in seen or path not in self.modules:
            return Reach()
        module = self.modules[path]
        reach = Reach(modules=[ReachedModule(module, via)])
        if not module.mentions("subprocess", "os.system", "os.popen"):
            return reach
        found = []
        for call in module.records.calls:
            if call.name in RUNS_COMMAND and call.args:
                line = _command_line(call.args[0])
                if line:
                    found += commands(line, call.line)
        reach.extend(
            self.follow(found, path, posixpath.dirname(path), via, seen | {f"module:{path}"})
        )
        return reach


def _command_line(argument: Any) -> str | None:
    """The command line a `subprocess` call runs, when it is written as literals."""
    if isinstance(argument, str) and not isinstance(argument, Source):
        return argument
    if isinstance(argument, tuple) and all(isinstance(w, str) for w in argument):
        return quoted(argument)
    return None


def quoted(words: Iterable[str]) -> str:
    return " ".join(shlex.quote(w) for w in words)
